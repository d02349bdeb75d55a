import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  readonly status: number;
}

/** How the receiver answers the n-th request (0-based) to a path: an HTTP status, or a delay then a status. */
export type Answer = (n: number, path: string) => number | { status: number; delayMs: number };

/** A local webhook receiver on 127.0.0.1 that records every callback. */
export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Only the requests that were answered 2xx. */
  accepted(path?: string): Received[];
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export async function startReceiver(answer: Answer = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const perPath = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const n = perPath.get(path) ?? 0;
      perPath.set(path, n + 1);
      const a = answer(n, path);
      const { status, delayMs } = typeof a === 'number' ? { status: a, delayMs: 0 } : a;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const finish = () => {
        received.push({ path, headers: req.headers, body, status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      };
      if (delayMs > 0) setTimeout(finish, delayMs);
      else finish();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    accepted: (path) =>
      received.filter((r) => r.status >= 200 && r.status < 300 && (path === undefined || r.path === path)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
