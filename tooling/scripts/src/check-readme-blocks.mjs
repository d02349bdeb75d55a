#!/usr/bin/env node
// Every code block of every markdown file git knows holds: a JS/TS block is a tested example file (kept equal
// to it) or a fragment naming the example it comes from; a shell block names only scripts, CLI commands and
// paths that exist. Changelogs and changesets are history, not instructions, and are left out.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliGrammar } from './cli-grammar.mjs';
import { codeBlocks } from './code-blocks.mjs';
import { emulatorFlags } from './emulator-flags.mjs';
import { JS_LANGS, jsBlockProblems } from './js-block-problems.mjs';
import { repoRoot, workspacePackages } from './public-packages.mjs';
import { SHELL_LANGS, shellBlockProblems } from './shell-block-problems.mjs';

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], {
  cwd: repoRoot,
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file && !file.startsWith('.changeset/') && !file.endsWith('CHANGELOG.md'));

// The root package too: its scripts are the ones the READMEs use most.
const packages = [
  {
    dir: repoRoot,
    relativeDir: '.',
    manifest: JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')),
  },
  ...workspacePackages(repoRoot),
];
const context = { root: repoRoot, packages, cli: cliGrammar(packages), emulator: emulatorFlags(packages) };
const counts = { js: 0, shell: 0 };
const problems = [];
for (const file of files) {
  for (const block of codeBlocks(readFileSync(join(repoRoot, file), 'utf8'))) {
    let found = [];
    if (JS_LANGS.has(block.lang)) {
      counts.js++;
      found = jsBlockProblems(repoRoot, block.code);
    } else if (SHELL_LANGS.has(block.lang)) {
      counts.shell++;
      found = shellBlockProblems(context, block.code);
    }
    for (const problem of found) problems.push(`${file}:${block.line}: ${problem}`);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problems in the code blocks of ${files.length} markdown files`);
  process.exit(1);
}
console.log(
  `${files.length} markdown files: ${counts.js} JS/TS blocks are tested examples or marked fragments, ${counts.shell} shell blocks name what exists`,
);
