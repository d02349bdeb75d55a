import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A callback a receiver got: its path and JSON body. */
export interface ReceivedCallback {
  readonly path: string;
  readonly body: unknown;
}

/** A loopback HTTP server that answers 200 to every callback and keeps them. */
export interface CallbackReceiver {
  readonly url: string;
  readonly received: ReceivedCallback[];
  /** Resolves once `count` callbacks arrived on `path`, with them. */
  waitFor(path: string, count: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200).end();
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const on = (path: string) => received.filter((r) => r.path === path);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    waitFor: (path, count) =>
      new Promise((resolve) => {
        const check = () => {
          if (on(path).length < count) return;
          waiters.delete(check);
          resolve(on(path));
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
