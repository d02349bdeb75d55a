import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of a receiver that holds every request until `release()`: status callbacks that are
 * slow to arrive, on demand, with no timing involved.
 */
export interface HoldProxy {
  readonly url: string;
  /** Requests waiting. */
  readonly held: number;
  release(): void;
  close(): Promise<void>;
}

/** Starts a holding proxy to `target` on a free loopback port. */
export async function startHoldProxy(target: string): Promise<HoldProxy> {
  let holding = true;
  const waiting: (() => void)[] = [];
  const forward = async (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    try {
      const answer = await fetch(`${target}${req.url ?? '/'}`, {
        method: req.method ?? 'POST',
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            (e): e is [string, string] =>
              typeof e[1] === 'string' && e[0] !== 'host' && e[0] !== 'connection',
          ),
        ),
        body: body.length > 0 ? new Uint8Array(body) : null,
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch {
      res.writeHead(502).end();
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const go = () => void forward(req, Buffer.concat(chunks), res);
      if (holding) waiting.push(go);
      else go();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get held() {
      return waiting.length;
    },
    release() {
      holding = false;
      for (const go of waiting.splice(0)) go();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
