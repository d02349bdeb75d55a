#!/usr/bin/env node
// Packs the package in the current folder as a registry would receive it (`pnpm pack`, which replaces
// `workspace:` ranges) and lints the tarball: publint for the manifest against the packed files, and
// @arethetypeswrong/cli (ESM-only profile) for the types every `exports` entry resolves to.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
} finally {
  rmSync(out, { recursive: true, force: true });
}

if (failed) process.exit(1);
console.log(`${manifest.name}: publint and attw (esm-only) pass`);
