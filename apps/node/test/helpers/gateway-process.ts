import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const API_TOKEN = 'test-api-token';
export const CALLBACK = { username: 'clickatell', password: 'test-callback-password' } as const;
/** The callback URL token the server accepts for any integration (One API callbacks carry it). */
export const CALLBACK_TOKEN = 'test-callback-token-0123456789';
const SERVER = join(import.meta.dirname, '..', '..', 'dist', 'server.js');

/** A `clickwa-gateway` server in a child process, on a free port. */
export interface GatewayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed. */
  readonly output: () => string;
  /** Sends the signal and waits for the exit; answers the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the server entry (built `dist/server.js`) with the test credentials and `env`; resolves once it listens. */
export function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      API_TOKEN,
      CALLBACK_USERNAME: CALLBACK.username,
      CALLBACK_PASSWORD: CALLBACK.password,
      CALLBACK_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (c: Buffer) => (output += c));
        resolve({
          url: match[1]!,
          child,
          output: () => output,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c));
    void exited.then((code) =>
      reject(new Error(`the gateway exited (${code}) before listening:\n${output}`)),
    );
  });
}
