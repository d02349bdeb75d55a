#!/usr/bin/env node
// Bundle-size budget check: each entry of ./size.config.json names the exports a user would import and a
// budget in bytes (minified + gzipped, esbuild, tree-shaken). Fails when an entry grows past its budget, so
// a dependency or an accidental side effect cannot bloat the parse-only path unnoticed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const cwd = process.cwd();
const config = JSON.parse(readFileSync(resolve(cwd, 'size.config.json'), 'utf8'));
const json = process.argv.includes('--json');
let failed = false;
const rows = [];

for (const entry of config.entries) {
  const contents = `export { ${entry.exports.join(', ')} } from ${JSON.stringify(resolve(cwd, entry.from))};`;
  const result = await build({
    stdin: { contents, resolveDir: cwd, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).length;
  const ok = gzip <= entry.budget;
  if (!ok) failed = true;
  rows.push({ name: entry.name, minified: code.length, gzip, budget: entry.budget, ok });
}

if (json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  for (const r of rows) {
    const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
    console.log(
      `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${kb(r.gzip)} (${r.gzip} B) min+gzip (${kb(r.minified)} min), budget ${kb(r.budget)}`,
    );
  }
}
if (failed) {
  console.error(
    'size: an entry is over its budget; shrink it or raise the budget in size.config.json with a reason.',
  );
  process.exit(1);
}
