import { type ChildProcess, spawn } from 'node:child_process';
import { commandLine } from './command-line.mjs';

/**
 * The runtimes the CLI promises, run one after another: the Node running the tests (20) and Node 24 run
 * the build; Bun and Deno run the TypeScript source.
 */
export const RUNTIMES = ['node', 'node24', 'bun', 'deno'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** Where and with what environment the CLI runs. */
export interface RunOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Deno may read the variables of `--encrypt`. */
  readonly encrypt?: boolean;
}

/** The finished process. */
export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `clickwa` without waiting (for the kill test). */
export function spawnClickwa(runtime: Runtime, args: readonly string[], options: RunOptions): ChildProcess {
  const [file, argv] = commandLine(runtime, args, options.cwd, options.encrypt);
  return spawn(file, argv, {
    cwd: options.cwd,
    // Only what the CLI needs: PATH for the runtimes, HOME for Deno's cache directory.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? options.cwd,
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `clickwa` to the end and collects its output. */
export function runClickwa(
  runtime: Runtime,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const child = spawnClickwa(runtime, args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
