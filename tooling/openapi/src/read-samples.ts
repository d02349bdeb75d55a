import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root, from this file in `src/` or `dist/`. */
export const REPO_ROOT: string = join(import.meta.dirname, '..', '..', '..');

/** Where the samples of both specs are kept (copies of Clickatell's samples, as valid JSON). */
export const SAMPLE_DIRS = {
  wa: join(REPO_ROOT, 'packages', 'core', 'test', 'fixtures', 'spec'),
  one: join(REPO_ROOT, 'packages', 'core', 'test', 'fixtures', 'one-api'),
} as const;

/** Every JSON sample of a directory, by file name, in name order. */
export function readSamples(dir: string): Record<string, unknown> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]),
  );
}
