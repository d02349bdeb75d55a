#!/usr/bin/env node
// Every public workspace package, found without a list: its manifest is complete (manifest-issues.mjs) and
// it runs the tarball lint (`check:package`), so a package added to the workspace cannot skip either.
import { manifestIssues } from './manifest-issues.mjs';
import { publicPackages } from './public-packages.mjs';

const CHECK_SCRIPT = 'clickwa-check-package';
const packages = publicPackages();
const problems = [];
for (const { relativeDir, manifest } of packages) {
  const issues = manifestIssues(manifest, relativeDir);
  if (manifest.scripts?.['check:package'] !== CHECK_SCRIPT) {
    issues.push(`no "check:package": "${CHECK_SCRIPT}" script (and "@clickwa/scripts" in devDependencies)`);
  }
  for (const issue of issues) problems.push(`${relativeDir} (${manifest.name}): ${issue}`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${packages.length} public packages: ${packages.map((pkg) => pkg.manifest.name).join(', ')}`);
