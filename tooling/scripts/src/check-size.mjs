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

async function measure(contents) {
  const result = await build({
    stdin: { contents, resolveDir: cwd, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

for (const entry of config.entries) {
  const size = await measure(
    `export { ${entry.exports.join(', ')} } from ${JSON.stringify(resolve(cwd, entry.from))};`,
  );
  const ok = size.gzip <= entry.budget;
  if (!ok) failed = true;
  rows.push({ name: entry.name, ...size, budget: entry.budget, ok, compareWith: entry.compareWith ?? [] });
}
// Other libraries' bundles, measured the same way, for the ratios an entry asks for (`compareWith`).
const references = new Map();
for (const reference of config.references ?? [])
  references.set(reference.name, await measure(reference.source));

if (json) {
  console.log(JSON.stringify({ entries: rows, references: Object.fromEntries(references) }, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
  for (const r of rows) {
    console.log(
      `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${kb(r.gzip)} (${r.gzip} B) min+gzip (${kb(r.minified)} min), budget ${kb(r.budget)}`,
    );
    for (const name of r.compareWith) {
      const other = references.get(name);
      console.log(
        `       ${(r.gzip / other.gzip).toFixed(2)}x ${name}: ${kb(other.gzip)} (${other.gzip} B) min+gzip`,
      );
    }
  }
}
if (failed) {
  console.error(
    'size: an entry is over its budget; shrink it or raise the budget in size.config.json with a reason.',
  );
  process.exit(1);
}
