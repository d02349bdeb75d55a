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

/** The emulator's Node runner, as a child process on loopback. */
export interface EmulatorProcess {
  readonly url: string;
  stats(): Promise<EmulatorStats>;
  stop(): Promise<void>;
}

/** Starts `clickwa-emulator --port 0 --no-callbacks` with extra flags and waits for its URL. */
export async function startEmulator(apiKey: string, flags: readonly string[] = []): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, '--port', '0', '--host', '127.0.0.1', '--api-key', apiKey, '--no-callbacks', ...flags],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${out}`)));
  });
  return {
    url,
    stats: async () => (await (await fetch(`${url}/_emulator/stats`)).json()) as EmulatorStats,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
