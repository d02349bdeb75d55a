#!/usr/bin/env node
// Packs the package in the current folder as a registry would receive it (`pnpm pack`, which replaces
// `workspace:` ranges) and lints the tarball: publint for the manifest against the packed files, and
// @arethetypeswrong/cli (ESM-only profile) for the types every `exports` entry resolves to. A package with a
// jsr.json also passes `deno publish --dry-run` (no slow types), with the same version as its package.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const cwd = process.cwd();
const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'clickwa-pack-'));
let failed = false;

try {
  const pack = spawnSync('pnpm', ['pack', '--pack-destination', out], { cwd, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`pnpm pack failed:\n${pack.stdout}${pack.stderr}`);
  const tarball = join(
    out,
    readdirSync(out).find((file) => file.endsWith('.tgz')),
  );

  // pnpm packs the workspace root's LICENSE into a package that has none of its own.
  const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  if (!listing.stdout.split('\n').includes('package/LICENSE')) {
    console.error(`${manifest.name}: the tarball holds no LICENSE`);
    failed = true;
  }

  const { messages, pkg } = await publint({
    pkgDir: cwd,
    pack: 'pnpm',
    strict: true,
  });
  for (const message of messages) console.error(`publint ${message.type}: ${formatMessage(message, pkg)}`);
  if (messages.length > 0) failed = true;

  // A bin-only package (the CLI) has no importable entry, so there are no types to check.
  if (manifest.exports) {
    const attwManifest = createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json');
    const attwBin = join(dirname(attwManifest), 'dist/index.js');
    const attw = spawnSync(
      process.execPath,
      [attwBin, tarball, '--profile', 'esm-only', '--format', 'table'],
      {
        encoding: 'utf8',
      },
    );
    if (attw.status !== 0) {
      console.error(`attw found problems:\n${attw.stdout}${attw.stderr}`);
      failed = true;
    }
  }

  const jsrFile = join(cwd, 'jsr.json');
  if (existsSync(jsrFile)) {
    const jsr = JSON.parse(readFileSync(jsrFile, 'utf8'));
    if (jsr.name !== manifest.name || jsr.version !== manifest.version) {
      console.error(
        `jsr.json says ${jsr.name}@${jsr.version}, package.json ${manifest.name}@${manifest.version}`,
      );
      failed = true;
    }
    const deno = join(dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/deno');
    const publish = spawnSync(deno, ['publish', '--dry-run', '--allow-dirty'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
    if (publish.status !== 0) {
      console.error(`deno publish --dry-run failed:\n${publish.stdout}${publish.stderr}`);
      failed = true;
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

if (failed) process.exit(1);
console.log(
  `${manifest.name}: publint, attw (esm-only)${existsSync(join(cwd, 'jsr.json')) ? ' and the JSR dry run' : ''} pass`,
);
