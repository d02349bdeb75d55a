import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The webhook README's runnable example: the memory-store gateway over real HTTP, with the local credentials.
const example = join(
  dirname(require.resolve('@clickwa/webhook/package.json')),
  'examples',
  'local-gateway.mjs',
);

/** The API token of the example gateway (the local value everywhere). */
export const GATEWAY_TOKEN = 'dev-api-token';

/** A gateway process. */
export interface GatewayProcess {
  readonly url: string;
  /** What the gateway knows of a clientMessageId (`GET /api/messages?clientMessageId=`). */
  lookup(clientMessageId: string): Promise<{ messages: { messageId: string | null; status: unknown }[] }>;
  stop(): Promise<void>;
}

/** Starts the webhook README's example gateway on a free port and waits for its URL. */
export async function startGateway(): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, [example], {
    env: { PATH: process.env.PATH ?? '', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${out}`)), 10_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /gateway listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${out}`)));
  });
  return {
    url,
    lookup: async (id) =>
      (await (
        await fetch(`${url}/api/messages?clientMessageId=${id}`, {
          headers: { authorization: `Bearer ${GATEWAY_TOKEN}` },
        })
      ).json()) as { messages: { messageId: string | null; status: unknown }[] },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
