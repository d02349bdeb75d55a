#!/usr/bin/env node
// Every public workspace package, found without a list: its manifest is complete (manifest-issues.mjs) and
// it runs the tarball lint (`check:package`), and the tarball install test depends on it (so turbo builds it
// first), so a package added to the workspace cannot skip any of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestIssues } from './manifest-issues.mjs';
import { publicPackages, repoRoot } from './public-packages.mjs';

const CHECK_SCRIPT = 'clickwa-check-package';
const packages = publicPackages();
const tarballTest = JSON.parse(readFileSync(join(repoRoot, 'tooling/tarball-test/package.json'), 'utf8'));
const problems = [];
for (const { relativeDir, manifest } of packages) {
  const issues = manifestIssues(manifest, relativeDir);
  if (manifest.scripts?.['check:package'] !== CHECK_SCRIPT) {
    issues.push(`no "check:package": "${CHECK_SCRIPT}" script (and "@clickwa/scripts" in devDependencies)`);
  }
  if (tarballTest.devDependencies?.[manifest.name] !== 'workspace:*') {
    issues.push(`not in the devDependencies of tooling/tarball-test ("${manifest.name}": "workspace:*")`);
  }
  for (const issue of issues) problems.push(`${relativeDir} (${manifest.name}): ${issue}`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${packages.length} public packages: ${packages.map((pkg) => pkg.manifest.name).join(', ')}`);
