import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, CALLBACK, call, callback, callbackSamples, clearTables, rows } from './helpers.ts';

const status = callbackSamples['7.2.1-status-callback.json']!;
const json = { 'content-type': 'application/json' };
const basic = (user: string, password: string) => ({
  ...json,
  authorization: `Basic ${btoa(`${user}:${password}`)}`,
});

describe('callbacks into the Worker', () => {
  beforeEach(clearTables);

  it('finds every spec 7.2/7.3 sample', () => {
    expect(Object.keys(callbackSamples).sort()).toEqual([
      '7.2.1-status-callback.json',
      '7.3.1-inbound-text.json',
      '7.3.2-inbound-reply.json',
      '7.3.3-inbound-media.json',
      '7.3.4-inbound-location.json',
      '7.3.5-inbound-encrypted-media.json',
      '7.3.5-inbound-encrypted-text.json',
    ]);
  });

  it.each(Object.entries(callbackSamples))(
    'accepts %s, stores it once in D1, and serves it back',
    async (file, sample) => {
      const path = file.startsWith('7.2') ? '/clickatell/status' : '/clickatell/inbound';
      expect((await call(path, callback(sample))).status).toBe(200);
      expect(await (await call(path, callback(sample))).json()).toEqual({ ok: true, duplicate: true });
      expect(await rows('events')).toBe(1);
      const stored = await env.DB.prepare('SELECT body FROM events').first<{ body: string }>();
      expect(stored!.body).not.toContain(CALLBACK.password);
      if (file.startsWith('7.2')) {
        const view = await (await call(`/api/messages/${sample.messageId}`, api('GET'))).json();
        expect(view).toMatchObject({
          messageId: sample.messageId,
          clientMessageId: sample.clientMessageId,
          status: { code: 4, status: 'RECEIVED_BY_RECIPIENT', timestamp: 1506607698860 },
          history: [{ code: 4, status: 'RECEIVED_BY_RECIPIENT', timestamp: 1506607698860 }],
          sent: null,
        });
        return;
      }
      const thread = await (await call('/api/conversations/27999000001', api('GET'))).json<{
        items: Record<string, unknown>[];
      }>();
      expect(thread.items).toHaveLength(1);
      const item = thread.items[0]!;
      expect(item).toMatchObject({ direction: 'inbound', messageId: String(sample.messageId).trim() });
      expect(item.relatedMessageId).toBe(sample.relatedMessageId ?? null);
      if (sample.contentType) {
        const media = await call((item.media as { url: string }).url, api('GET'));
        expect(media.headers.get('content-type')).toBe(sample.contentType);
        const bytes = new Uint8Array(await media.arrayBuffer());
        expect(btoa(String.fromCharCode(...bytes))).toBe(String(sample.content).trim());
      }
    },
  );

  const refusals: [string, number, string, () => RequestInit][] = [
    [
      'no credentials',
      401,
      '/clickatell/status',
      () => ({ method: 'POST', headers: json, body: JSON.stringify(status) }),
    ],
    [
      'a wrong password in the body',
      401,
      '/clickatell/inbound',
      () => ({
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          ...callbackSamples['7.3.1-inbound-text.json'],
          username: CALLBACK.username,
          password: 'x',
        }),
      }),
    ],
    [
      'wrong HTTP Basic credentials',
      401,
      '/clickatell/status',
      () => ({ method: 'POST', headers: basic(CALLBACK.username, 'x'), body: JSON.stringify(status) }),
    ],
    [
      'bad JSON',
      400,
      '/clickatell/status',
      () => ({ method: 'POST', headers: basic(CALLBACK.username, CALLBACK.password), body: '{"messageId":' }),
    ],
    ['a wrong type', 400, '/clickatell/status', () => callback({ ...status, timestamp: 'yesterday' })],
    [
      'an inbound message without from or statusCode',
      400,
      '/clickatell/inbound',
      () => callback({ messageId: 'x', content: 'hi' }),
    ],
    [
      'a text/plain body',
      415,
      '/clickatell/status',
      () => ({ ...callback(status), headers: { 'content-type': 'text/plain' } }),
    ],
    [
      'an oversize status callback',
      413,
      '/clickatell/status',
      () => callback({ ...status, pad: 'x'.repeat(70_000) }),
    ],
    [
      'an oversize chunked body',
      413,
      '/clickatell/inbound',
      () => {
        const chunk = new Uint8Array(1_000_000).fill(32);
        let n = 0;
        const body = new ReadableStream<Uint8Array>({
          pull: (c) => (n++ < 21 ? c.enqueue(chunk) : c.close()),
        });
        return { method: 'POST', headers: json, body, duplex: 'half' } as RequestInit;
      },
    ],
  ];

  it.each(refusals)('refuses %s with %i and stores nothing', async (_, code, path, init) => {
    const response = await call(path, init());
    expect(response.status).toBe(code);
    expect(await response.json()).toHaveProperty('error');
    expect(await rows('events')).toBe(0);
    expect(await rows('message_status')).toBe(0);
  });

  it('answers /healthz and refuses /api without the token', async () => {
    expect(await (await call('/healthz')).json()).toEqual({ ok: true });
    expect((await call('/api/messages/x')).status).toBe(401);
  });
});
