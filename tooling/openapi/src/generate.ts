import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GENERATED_FILES } from './documents.ts';
import { REPO_ROOT } from './read-samples.ts';

// `pnpm openapi`: writes every document from the current schemas. The test `generated-files.test.ts` fails
// while a committed file differs from what this writes.
for (const file of GENERATED_FILES) {
  const path = join(REPO_ROOT, file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.text());
  console.log(`wrote ${file.path}`);
}
