import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const scanned = ['packages/webhook', 'apps/worker', 'docs'];
const SKIP = new Set(['node_modules', 'dist', '.turbo', '.wrangler']);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|mjs|md|sql|jsonc)$/.test(name)) yield path;
  }
}

it("names only docs that exist: the gateway's code, migrations and READMEs point at real decisions", () => {
  const dangling: string[] = [];
  let references = 0;
  for (const dir of scanned) {
    for (const file of files(join(repo, dir))) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/\bdocs\/([\w.-]+\.md)\b/g)) {
        references++;
        if (!existsSync(join(repo, 'docs', name!))) dangling.push(`${relative(repo, file)}: docs/${name}`);
      }
    }
  }
  expect(references).toBeGreaterThan(0);
  expect(dangling).toEqual([]);
});
