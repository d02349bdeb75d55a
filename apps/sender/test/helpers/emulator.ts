import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@clickwa/emulator/package.json')), 'dist', 'node', 'cli.js');

/** What `GET /_emulator/stats` answers, as far as the tests read it. */
export interface EmulatorStats {
  readonly messages: { readonly accepted: number; readonly rejected: number };
  readonly faults: Readonly<Record<string, number>>;
  readonly acceptedByClientMessageId: Readonly<Record<string, number>>;
  readonly acceptedByRecipient: Readonly<Record<string, number>>;
  readonly repeatedClientMessageIds: readonly string[];
  readonly countsTruncated: boolean;
}

/** A run-time fault (`POST /_emulator/faults`). */
export interface FaultRule {
  readonly fault: string;
  readonly times?: number;
  readonly to?: string;
}

/** The emulator's Node runner, as a child process on loopback. */
export interface EmulatorProcess {
  readonly url: string;
  /** Everything it printed on stdout so far. */
  stdout(): string;
  stats(): Promise<EmulatorStats>;
  addFault(rule: FaultRule): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `clickwa-emulator --port 0` with extra flags and waits for its URL. Callbacks are off unless
 * `callbacks` is set (then the flags say where they go).
 */
export async function startEmulator(
  apiKey: string,
  flags: readonly string[] = [],
  options: { readonly callbacks?: boolean } = {},
): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      cli,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--api-key',
      apiKey,
      ...(options.callbacks ? [] : ['--no-callbacks']),
      ...flags,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}${err}`)), 10_000);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${out}${err}`)));
  });
  return {
    url,
    stdout: () => out,
    stats: async () => (await (await fetch(`${url}/_emulator/stats`)).json()) as EmulatorStats,
    async addFault(rule) {
      const response = await fetch(`${url}/_emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      });
      if (response.status !== 201) throw new Error(`fault refused: ${await response.text()}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
