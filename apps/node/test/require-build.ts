import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const newest = (dir: string) =>
  Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, String(f))).mtimeMs));

/**
 * The tests start the built server (`dist/server.js`) as child processes: turbo builds it first (turbo.json);
 * a run of vitest alone says what to do rather than testing an old build.
 */
export default function setup(): void {
  if (!existsSync(join(root, 'dist', 'server.js')) || newest(join(root, 'dist')) < newest(join(root, 'src')))
    throw new Error('dist/ is missing or older than src/: run `pnpm --filter @clickwa/node build` first');
}
