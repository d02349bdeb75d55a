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
      expect(await (await call(path, callback(sample))).json()).toMatchObject({ ok: true, duplicate: true });
      expect(await rows('outbox')).toBe(1);
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
      if (sample.encryptionKey) {
        // Stored as received; without a key provider the Worker says it cannot read it.
        expect(item).toMatchObject({ encrypted: true, decryptionError: expect.any(String) });
        if (sample.contentType)
          expect((await call((item.media as { url: string }).url, api('GET'))).status).toBe(422);
      } else if (sample.contentType) {
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
    expect(await rows('outbox')).toBe(0);
    expect(await rows('quarantine')).toBe(0);
  });

  const quarantined: [string, string, string, () => RequestInit][] = [
    [
      'bad JSON',
      'invalid-json',
      '/clickatell/status',
      () => ({ method: 'POST', headers: basic(CALLBACK.username, CALLBACK.password), body: '{"messageId":' }),
    ],
    [
      'a wrong type',
      'not-a-callback',
      '/clickatell/status',
      () => callback({ ...status, timestamp: 'yesterday' }),
    ],
    [
      'an inbound message without from or statusCode',
      'not-a-callback',
      '/clickatell/inbound',
      () => callback({ messageId: 'x', content: 'hi' }),
    ],
    [
      'a timestamp of -1e308 seconds (once acknowledged as a duplicate and lost)',
      'not-a-callback',
      '/clickatell/inbound',
      () => callback({ ...callbackSamples['7.3.1-inbound-text.json'], timestamp: -1e308 }),
    ],
    [
      'an unknown field nested 5,000 deep',
      'too-deep',
      '/clickatell/status',
      () => ({
        method: 'POST',
        headers: json,
        body: `${JSON.stringify({ ...status, ...CALLBACK }).slice(0, -1)},"x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      }),
    ],
    [
      'media with CR/LF in its type',
      'invalid-media',
      '/clickatell/inbound',
      () => callback({ ...callbackSamples['7.3.3-inbound-media.json'], contentType: 'image/jpeg\r\nx: 1' }),
    ],
  ];

  it.each(quarantined)(
    'quarantines %s in D1: 200, no event, no status, no outbox entry',
    async (_, reason, path, init) => {
      const response = await call(path, init());
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ quarantined: true, reason });
      expect(await rows('events')).toBe(0);
      expect(await rows('message_status')).toBe(0);
      expect(await rows('outbox')).toBe(0);
      const list = await (await call('/api/quarantine', api('GET'))).json<{
        items: { reason: string; body: string }[];
      }>();
      expect(list.items.map((i) => i.reason)).toEqual([reason]);
      expect(list.items[0]!.body).not.toContain(CALLBACK.password);
    },
  );

  it('stores an inbound body larger than a D1 row (2,000,000 bytes) by reference, and serves it back', async () => {
    const sample = callbackSamples['7.3.1-inbound-text.json']!;
    const content = `${'ü'.repeat(1_000_000)}end`; // 2,000,003 bytes of UTF-8
    const response = await call('/clickatell/inbound', callback({ ...sample, content }));
    expect(response.status).toBe(200);
    const row = await env.DB.prepare('SELECT length(body) AS inline, body_ref FROM events').first<{
      inline: number;
      body_ref: string;
    }>();
    expect(row).toEqual({ inline: 0, body_ref: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const thread = await (await call('/api/conversations/27999000001', api('GET'))).json<{
      items: { content: string }[];
    }>();
    expect(thread.items[0]!.content).toBe(content);
  });

  it('quarantines a body past a D1 row by reference too', async () => {
    const response = await call('/clickatell/inbound', callback({ hello: 'ü'.repeat(1_000_000) }));
    expect(await response.json()).toMatchObject({ quarantined: true });
    const row = await env.DB.prepare('SELECT length(body) AS inline, body_ref FROM quarantine').first<{
      inline: number;
      body_ref: string;
    }>();
    expect(row?.inline).toBe(0);
    const list = await (await call('/api/quarantine', api('GET'))).json<{ items: { body: string }[] }>();
    expect(JSON.parse(list.items[0]!.body)).toEqual({ hello: 'ü'.repeat(1_000_000) });
  });

  it('answers /healthz and refuses /api without the token', async () => {
    expect(await (await call('/healthz')).json()).toEqual({ ok: true });
    expect((await call('/api/messages/x')).status).toBe(401);
  });
});
