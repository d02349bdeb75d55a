// The command line of `clickwa` on each runtime, shared by the tests and the benchmark (plain JavaScript, so
// the benchmark runs on Node without a build step; types in command-line.d.mts).
import { join } from 'node:path';
import { node24Binary } from '@clickwa/node24';

const root = join(import.meta.dirname, '..', '..');

// The binaries of the npm packages `bun` and `deno` themselves, not their .bin shims: a shim adds a Node
// process in between, which would swallow the signals the tests send and count in the benchmark's RSS.
// `node` is the Node running the tests (20 in the repository); `node24` is looked up only when used, so that
// its absence fails the Node 24 runs alone, with a message that says why.
export const BINARIES = {
  node: process.execPath,
  get node24() {
    return node24Binary();
  },
  bun: join(root, 'node_modules', 'bun', 'bin', 'bun.exe'),
  deno: join(root, 'node_modules', 'deno', 'deno'),
};

/** What `--encrypt` reads, added to Deno's `--allow-env` as the README documents. */
export const ENCRYPTION_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'CLICKWA_ENCRYPTION_KEY',
];

/**
 * Node (the one running the tests, and 24) runs the build; Bun and Deno run the TypeScript source; Deno gets
 * the narrowest permissions the README documents (with `encrypt`, the variables of `--encrypt` too).
 */
export function commandLine(runtime, args, cwd, encrypt = false) {
  if (runtime === 'node' || runtime === 'node24')
    return [BINARIES[runtime], [join(root, 'dist', 'main.js'), ...args]];
  if (runtime === 'bun') return [BINARIES.bun, [join(root, 'src', 'main.ts'), ...args]];
  return [
    BINARIES.deno,
    [
      'run',
      '--quiet',
      '--allow-net=127.0.0.1',
      `--allow-read=${cwd}`,
      `--allow-write=${cwd}`,
      `--allow-env=CLICKATELL_API_KEY,CLICKATELL_BASE_URL,CLICKATELL_API,CLICKWA_API_TOKEN${encrypt ? `,${ENCRYPTION_ENV.join(',')}` : ''}`,
      join(root, 'src', 'main.ts'),
      ...args,
    ],
  ];
}
