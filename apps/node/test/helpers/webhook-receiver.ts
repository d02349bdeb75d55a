import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Standard Webhooks secret for tests. */
export const FORWARD_SECRET = `whsec_${Buffer.from('clickwa-test-forward-secret-32by').toString('base64')}`;

/** The business's endpoint, played by the test: checks each signature and counts deliveries by `webhook-id`. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  counts: Map<string, number>;
  /** Deliveries whose signature did not verify. */
  badSignatures: string[];
  /** While true, every delivery is answered 503. */
  failing: { value: boolean };
  close: () => Promise<void>;
}> {
  const key = Buffer.from(FORWARD_SECRET.slice('whsec_'.length), 'base64');
  const counts = new Map<string, number>();
  const badSignatures: string[] = [];
  const failing = { value: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      const timestamp = String(req.headers['webhook-timestamp']);
      const expected = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
      if (req.headers['webhook-signature'] !== expected || JSON.parse(body).key !== id)
        badSignatures.push(id);
      if (failing.value) {
        res.writeHead(503).end();
        return;
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    counts,
    badSignatures,
    failing,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
