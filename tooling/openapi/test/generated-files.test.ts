import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILES } from '../src/documents.ts';
import { REPO_ROOT } from '../src/read-samples.ts';

describe('the committed documents', () => {
  it.each(GENERATED_FILES.map((f) => f.path))('%s is what the generator writes', (path) => {
    const file = GENERATED_FILES.find((f) => f.path === path)!;
    let committed: string | undefined;
    try {
      committed = readFileSync(join(REPO_ROOT, path), 'utf8');
    } catch {
      committed = undefined;
    }
    expect(
      committed === file.text(),
      `${path} is not what the schemas give: run \`pnpm openapi\` and commit the result`,
    ).toBe(true);
  });
});
