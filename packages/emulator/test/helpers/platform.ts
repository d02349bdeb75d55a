import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type MessageRecord } from '../../src/index.ts';
import { type ServeEmulatorOptions, serveEmulator } from '../../src/node/index.ts';

/** How a test reaches the emulator: `emulator.fetch` in-process, or the Node runner over loopback HTTP. */
export type Transport = 'in-process' | 'http';

/** The part of `GET /_emulator/stats` the client tests assert on. */
export interface Stats {
  readonly requests: number;
  readonly messages: { readonly accepted: number; readonly rejected: number };
  readonly rejectedRequests: number;
  readonly errorCodes: Readonly<Record<string, number>>;
  readonly faults: Readonly<Record<string, number>>;
  readonly acceptedByClientMessageId: Readonly<Record<string, number>>;
  readonly repeatedClientMessageIds: readonly string[];
}

/** An emulator a client can be pointed at, with its inspection endpoints. */
export interface TestPlatform {
  readonly transport: Transport;
  /** Give this to `createClient` as `baseUrl`. */
  readonly baseUrl: string;
  /** Give this (or a tap around it) to `createClient` as `fetch`: the global one over HTTP. */
  readonly fetch: typeof fetch;
  stats(): Promise<Stats>;
  /** Accepted messages, oldest first. */
  messages(): Promise<MessageRecord[]>;
  close(): Promise<void>;
}

/**
 * Starts an emulator for client tests: callbacks off (statuses are recorded at once, no timers), a fixed
 * seed, and whatever `options` add (`port` and `hostname` only matter over HTTP).
 */
export async function startPlatform(
  transport: Transport,
  options: ServeEmulatorOptions = {},
): Promise<TestPlatform> {
  const settings: ServeEmulatorOptions = { callbacks: false, seed: 1, ...options };
  let baseUrl: string;
  let transportFetch: typeof fetch;
  let close: () => Promise<void>;
  if (transport === 'http') {
    const running = await serveEmulator({ port: 0, hostname: '127.0.0.1', ...settings });
    baseUrl = running.url;
    transportFetch = (input, init) => globalThis.fetch(input, init);
    close = () => running.close();
  } else {
    const { port: _port, hostname: _hostname, ...emulatorOptions } = settings;
    const emulator = createEmulator(emulatorOptions);
    baseUrl = 'http://emulator.local';
    transportFetch = (input, init) => emulator.fetch(input as string | URL | Request, init);
    close = async () => emulator.close();
  }
  const get = async <T>(path: string): Promise<T> => {
    const response = await transportFetch(`${baseUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    transport,
    baseUrl,
    fetch: transportFetch,
    stats: () => get<Stats>('/_emulator/stats'),
    messages: async () => (await get<{ messages: MessageRecord[] }>('/_emulator/messages')).messages,
    close,
  };
}

/** A loopback port nothing listens on (bound, then released), for connection-refused cases. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A loopback server that answers every request with a 307 to `target`'s `/wa/messages`, counting them. */
export interface RedirectingServer {
  readonly url: string;
  /** Requests that reached it. */
  readonly hits: () => number;
  readonly close: () => Promise<void>;
}

export async function redirectingServer(target: string): Promise<RedirectingServer> {
  let hits = 0;
  const server = createServer((_, response) => {
    hits++;
    response.writeHead(307, { location: `${target}/wa/messages` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A client's kept-alive connection would otherwise hold the close for the keep-alive timeout.
        server.closeAllConnections();
      }),
  };
}
