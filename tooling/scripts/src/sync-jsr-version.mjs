#!/usr/bin/env node
// Changesets writes versions into package.json only; a package published to JSR as well carries its version in
// jsr.json too. Run after `changeset version`, so both registries get the same version.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicPackages, repoRoot } from './public-packages.mjs';

const root = process.argv[2] ?? repoRoot;
for (const { dir, manifest } of publicPackages(root)) {
  const file = join(dir, 'jsr.json');
  if (!existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  const jsr = JSON.parse(text);
  if (jsr.version === manifest.version) continue;
  // Only the version's text changes, so the file stays as the formatter left it.
  writeFileSync(file, text.replace(/("version"\s*:\s*)"[^"]*"/, `$1"${manifest.version}"`));
  console.log(`${manifest.name}: jsr.json ${jsr.version} -> ${manifest.version}`);
}
