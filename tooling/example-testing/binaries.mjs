import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

/**
 * The runtimes' own binaries, not their `.bin` shims: a shim puts a Node process in between, which would
 * swallow the SIGTERM a test sends to stop a server.
 */
export const BINARIES = {
  node: process.execPath,
  bun: join(packageDir('bun'), 'bin', 'bun.exe'),
  deno: join(packageDir('deno'), 'deno'),
};
