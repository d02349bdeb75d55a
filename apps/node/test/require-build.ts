import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The tests start the built server (`dist/server.js`) as child processes: turbo builds it first (turbo.json);
 * a run of vitest alone without a build says what to do.
 */
export default function setup(): void {
  if (!existsSync(join(import.meta.dirname, '..', 'dist', 'server.js')))
    throw new Error('dist/server.js is missing: run `pnpm --filter @clickwa/node build` first');
}
