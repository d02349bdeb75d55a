#!/usr/bin/env node
// Checks every relative link of every markdown file git knows (tracked, or new and not ignored).
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { brokenLinks } from './markdown-links.mjs';
import { repoRoot } from './public-packages.mjs';

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], {
  cwd: repoRoot,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);

let count = 0;
for (const file of files) {
  for (const link of brokenLinks(join(repoRoot, file))) {
    count++;
    console.error(`${relative(repoRoot, join(repoRoot, file))}:${link.line}: ${link.target}: ${link.reason}`);
  }
}
if (count > 0) {
  console.error(`${count} broken relative links`);
  process.exit(1);
}
console.log(`${files.length} markdown files: every relative link holds`);
