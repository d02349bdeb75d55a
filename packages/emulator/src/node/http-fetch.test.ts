import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../../test/helpers/receiver.ts';
import { FAST, send } from '../../test/helpers/send.ts';
import { createHttpFetch } from './http-fetch.ts';
import { serveEmulator } from './serve.ts';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver((_n, path) =>
    path === '/slow' ? { status: 200, delayMs: 500 } : path === '/fail' ? 503 : 200,
  );
});
afterAll(() => receiver.close());

describe('createHttpFetch', () => {
  const fetch = createHttpFetch();

  it('posts headers and body and answers a Web Response', async () => {
    const response = await fetch(`${receiver.url}/ok`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic eDp5' },
      body: JSON.stringify({ a: 'ü' }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    const got = receiver.received.at(-1)!;
    expect(got.body).toEqual({ a: 'ü' });
    expect(got.headers.authorization).toBe('Basic eDp5');
    expect((await fetch(`${receiver.url}/fail`, { method: 'POST', body: '{}' })).status).toBe(503);
  });

  it('rejects like fetch: TypeError with the socket error as cause; an abort with its reason', async () => {
    const dead = await startReceiver();
    const url = dead.url;
    await dead.close();
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      name: 'TypeError',
      cause: { code: 'ECONNREFUSED' },
    });
    const reason = new DOMException('timeout', 'TimeoutError');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 20);
    await expect(
      fetch(`${receiver.url}/slow`, { method: 'POST', body: '{}', signal: controller.signal }),
    ).rejects.toBe(reason);
  });
});

describe('the Node runner delivers callbacks with it', () => {
  it('a full life, over real HTTP both ways', async () => {
    const running = await serveEmulator({ port: 0, ...FAST, statusCallback: `${receiver.url}/status` });
    try {
      const answer = await send(running.url, { messages: [{ to: '27999000001', content: 'Hi' }] });
      await running.emulator.idle();
      const statuses = receiver.received.filter(
        (r) => r.body.messageId === answer.body.messages[0]!.messageId,
      );
      expect(statuses.map((r) => r.body.statusCode).sort((a, b) => Number(a) - Number(b))).toEqual([
        2, 3, 4, 27,
      ]);
    } finally {
      await running.close();
    }
  });
});
