import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@clickwa/webhook/contract';
import { afterAll, describe, expect, it } from 'vitest';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const dir = mkdtempSync(join(tmpdir(), 'clickwa-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an example from the README as a child process; resolves with its URL once it listens. */
function runExample(file: string) {
  const child = spawn(process.execPath, [join(EXAMPLES, file)], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      API_TOKEN: 'example-token',
      CALLBACK_PASSWORD: 'example-password',
      DATABASE_URL: join(dir, `${file}.db`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then((code) => reject(new Error(`${file} exited (${code}):\n${output}`)));
  });
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { url, output: () => output, stop };
}

// Express: examples/express-gateway at the repository root, with its own test.
describe.each(['fastify.mjs', 'node-http.mjs'])('the README example %s', (file) => {
  it('serves the gateway under /whatsapp beside its own JSON route, and stops gracefully', async () => {
    const example = runExample(file);
    try {
      const base = await example.url;
      const messageId = newId();
      const callback = await fetch(`${base}/whatsapp/clickatell/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messageId,
          statusCode: 27,
          timestamp: 1_760_000_000_000,
          username: 'clickatell',
          password: 'example-password',
        }),
      });
      expect(callback.status).toBe(200);
      expect(await callback.json()).toMatchObject({ ok: true, duplicate: false });
      const view = await fetch(`${base}/whatsapp/api/messages/${messageId}`, {
        headers: { authorization: 'Bearer example-token' },
      });
      expect(await view.json()).toMatchObject({ messageId, status: { code: 27, status: 'READ' } });
      const outside = await fetch(`${base}/whatsappx/api/messages/${messageId}`, {
        headers: { authorization: 'Bearer example-token' },
      });
      expect(outside.status).toBe(404);
      await outside.arrayBuffer();
      const own = await fetch(`${base}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"sku":"A1"}',
      });
      expect(await own.json()).toEqual({ received: { sku: 'A1' } });
      expect(await example.stop()).toBe(0);
      // The drain ran: the consumer saw the event.
      expect(example.output()).toContain(`event status:${messageId}:27:`);
    } finally {
      // A failed assertion must not leave the example running.
      await example.stop();
    }
  });
});
