import { describe, expect, it, vi } from 'vitest';
import { API_TOKEN, api, CALLBACK, callback, testGateway } from '../../test/gateway.ts';
import { callbackSamples } from '../../test/spec-samples.ts';
import { createGatewayApp } from '../create-gateway-app.ts';
import { createMemoryStore } from '../memory-store.ts';
import { createOutboxDrain } from '../outbox/create-outbox-drain.ts';

const [statusSample] = Object.entries(callbackSamples)
  .find(([f]) => f.startsWith('7.2.1'))!
  .slice(1) as [Record<string, unknown>];

describe('callback routes', () => {
  it.each(Object.entries(callbackSamples))(
    'accepts the spec sample %s and serves it back',
    async (file, sample) => {
      const { app, store } = testGateway();
      const path = file.startsWith('7.2') ? '/clickatell/status' : '/clickatell/inbound';
      const response = await app.request(path, callback(sample));
      expect(response.status).toBe(200);
      const answer = await response.json();
      expect(answer).toEqual({
        ok: true,
        api: 'wa',
        key: expect.any(String),
        duplicate: false,
        events: [{ key: answer.key, duplicate: false }],
      });
      expect(store.size).toBe(1);
      if (file.startsWith('7.2')) {
        const view = await (await app.request(`/api/messages/${sample.messageId}`, api('GET'))).json();
        expect(view).toMatchObject({ messageId: sample.messageId, clientMessageId: sample.clientMessageId });
        expect(view.status).toEqual({
          code: 4,
          status: 'RECEIVED_BY_RECIPIENT',
          timestamp: 1506607698860,
          api: 'wa',
          lifecycle: 'delivered',
        });
        return;
      }
      const thread = await (await app.request('/api/conversations/+27999000001', api('GET'))).json();
      expect(thread.msisdn).toBe('27999000001');
      expect(thread.items).toHaveLength(1);
      const [item] = thread.items;
      expect(item).toMatchObject({
        direction: 'inbound',
        messageId: String(sample.messageId).trim(),
        timestamp: 1e3 * Number(sample.timestamp),
      });
      if (sample.encryptionKey) {
        // Stored as received; without a key provider it cannot be read, and says so rather than serving ciphertext.
        expect(item).toMatchObject({
          encrypted: true,
          decryptionError: expect.stringMatching(/no key provider/),
        });
        if (sample.contentType) expect((await app.request(item.media.url, api('GET'))).status).toBe(422);
      } else if (sample.contentType) {
        const media = await app.request(item.media.url, api('GET'));
        expect(media.headers.get('content-type')).toBe('image/jpeg');
        expect(media.headers.get('x-content-type-options')).toBe('nosniff');
        expect(Buffer.from(await media.arrayBuffer()).toString('base64')).toBe(String(sample.content).trim());
      }
      if (file.includes('location'))
        expect(item.location).toMatchObject({ latitude: 37.536033630371094, name: 'Clickatell' });
      expect(JSON.stringify(thread)).not.toContain(CALLBACK.password);
    },
  );

  it('stores a callback sent twice once, says so, and hands it on once after the answer', async () => {
    const { app, store, handedOff, settle } = testGateway();
    expect((await app.request('/clickatell/status', callback(statusSample))).status).toBe(200);
    const again = await app.request('/clickatell/status', callback(statusSample));
    expect(await again.json()).toMatchObject({ ok: true, duplicate: true });
    await settle();
    expect(store.size).toBe(1);
    expect(handedOff.map((m) => m.key)).toEqual([`status:${statusSample.messageId}:4:1506607698860`]);
    expect(JSON.stringify(handedOff)).not.toContain(CALLBACK.password);
    expect(await store.pendingOutbox()).toBe(0);
  });

  it('accepts HTTP Basic credentials instead of body keys, and a body without a content type', async () => {
    const { app, store } = testGateway();
    const basic = `Basic ${btoa(`${CALLBACK.username}:${CALLBACK.password}`)}`;
    const response = await app.request('/clickatell/status', {
      method: 'POST',
      headers: { authorization: basic },
      // Bytes, not a string: fetch labels a string body text/plain.
      body: new TextEncoder().encode(JSON.stringify(statusSample)),
    });
    expect(response.status).toBe(200);
    expect(store.size).toBe(1);
  });

  const json = { 'content-type': 'application/json' };
  const basic = (user: string, password: string) => ({
    ...json,
    authorization: `Basic ${btoa(`${user}:${password}`)}`,
  });
  const refusals: [string, number, () => RequestInit][] = [
    ['no credentials', 401, () => ({ method: 'POST', headers: json, body: JSON.stringify(statusSample) })],
    [
      'a wrong password',
      401,
      () => ({
        method: 'POST',
        headers: json,
        body: JSON.stringify({ ...statusSample, username: CALLBACK.username, password: 'nope' }),
      }),
    ],
    [
      'wrong Basic credentials',
      401,
      () => ({ method: 'POST', headers: basic('clickatell', 'nope'), body: JSON.stringify(statusSample) }),
    ],
    [
      'malformed JSON without credentials',
      401,
      () => ({ method: 'POST', headers: json, body: '{"statusCode": 4,' }),
    ],
    [
      'a text/plain body',
      415,
      () => ({ ...callback(statusSample), headers: { 'content-type': 'text/plain' } }),
    ],
    [
      'a form body',
      415,
      () => ({ ...callback(statusSample), headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    ],
    ['a declared oversize body', 413, () => callback({ ...statusSample, pad: 'x'.repeat(70_000) })],
    [
      'a chunked oversize body',
      413,
      () => {
        const chunk = new TextEncoder().encode(' '.repeat(16_384));
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < 10) controller.enqueue(chunk);
            else controller.close();
          },
        });
        return { method: 'POST', body, duplex: 'half' } as RequestInit;
      },
    ],
  ];

  it.each(refusals)('refuses %s with %i and stores nothing', async (_, status, init) => {
    const { app, store, handedOff, settle } = testGateway();
    const response = await app.request('/clickatell/status', init());
    expect(response.status).toBe(status);
    expect((await response.json()).error).toEqual(expect.any(String));
    await settle();
    expect(store.size).toBe(0);
    expect(await store.listQuarantine()).toEqual([]);
    expect(handedOff).toEqual([]);
  });

  it('answers 408 to a body that stalls, within the configured bound, and stores nothing', async () => {
    const { app, store } = testGateway({ limits: { bodyStallMs: 20 } });
    // A body that promises more and never sends it: the stream stays open with nothing in it.
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"statusCode":')),
    });
    const response = await app.request('/clickatell/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(408);
    expect(store.size).toBe(0);
  });

  const basicAuth = { authorization: `Basic ${btoa(`${CALLBACK.username}:${CALLBACK.password}`)}` };
  const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const media = callbackSamples['7.3.3-inbound-media.json']!;
  const quarantined: [string, string, string, () => RequestInit][] = [
    [
      'malformed JSON',
      'invalid-json',
      '/clickatell/status',
      () => ({ method: 'POST', headers: { ...json, ...basicAuth }, body: '{"statusCode": 4,' }),
    ],
    [
      'invalid UTF-8',
      'invalid-utf8',
      '/clickatell/status',
      () => ({
        method: 'POST',
        headers: { ...json, ...basicAuth },
        body: new Uint8Array([
          ...new TextEncoder().encode('{"messageId":"'),
          0xff,
          0xfe,
          ...new TextEncoder().encode('"}'),
        ]),
      }),
    ],
    [
      'a wrong type',
      'not-a-callback',
      '/clickatell/status',
      () => callback({ ...statusSample, statusCode: 'four' }),
    ],
    [
      'a body that is no callback',
      'not-a-callback',
      '/clickatell/status',
      () => callback({ hello: 'world' }),
    ],
    [
      'a timestamp of -1e308 seconds',
      'not-a-callback',
      '/clickatell/inbound',
      () => callback({ ...callbackSamples['7.3.1-inbound-text.json']!, timestamp: -1e308 }),
    ],
    [
      'a non-finite status timestamp',
      'not-a-callback',
      '/clickatell/status',
      () => callback({ ...statusSample, timestamp: '9'.repeat(400) }),
    ],
    [
      'an unknown field nested 5,000 deep',
      'too-deep',
      '/clickatell/status',
      () => ({
        method: 'POST',
        headers: json,
        body: `${JSON.stringify({ ...statusSample, ...CALLBACK }).slice(0, -1)},"future":${deep(5000)}}`,
      }),
    ],
    [
      'media with a NUL in its type',
      'invalid-media',
      '/clickatell/inbound',
      () => callback({ ...media, contentType: 'image/jpeg\u0000' }),
    ],
    [
      'media with CR/LF in its type',
      'invalid-media',
      '/clickatell/inbound',
      () => callback({ ...media, contentType: 'image/jpeg\r\nx-evil: 1' }),
    ],
    [
      'media that is not base64',
      'invalid-media',
      '/clickatell/inbound',
      () => callback({ ...media, content: 'not base64 at all!' }),
    ],
  ];

  it.each(quarantined)(
    'quarantines %s: 200, kept with its reason, no event, no credentials',
    async (_, reason, path, init) => {
      const { app, store, handedOff, settle } = testGateway();
      const response = await app.request(path, init());
      expect(response.status).toBe(200);
      const answer = await response.json();
      expect(answer).toMatchObject({
        ok: true,
        quarantined: true,
        reason,
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      await settle();
      expect(store.size).toBe(0);
      expect(handedOff).toEqual([]);
      const list = await (await app.request('/api/quarantine', api('GET'))).json();
      expect(list.items).toEqual([
        expect.objectContaining({ id: answer.id, reason, route: `POST ${path}`, resolvedAt: null }),
      ]);
      expect(list.items[0].body).not.toContain(CALLBACK.password);
      expect(list.items[0].issues.length).toBeGreaterThan(0);
      const one = await app.request(`/api/quarantine/${answer.id}`, api('GET'));
      expect(await one.json()).toEqual(list.items[0]);
      expect((await app.request('/api/quarantine/nope', api('GET'))).status).toBe(404);
      // The same body again is the same entry.
      expect((await app.request(path, init())).status).toBe(200);
      expect(await store.listQuarantine()).toHaveLength(1);
    },
  );

  it('re-processes a quarantined callback once the parser accepts it, and resolves the entry', async () => {
    const shallow = testGateway({ limits: { maxJsonDepth: 2 } });
    const body = { ...statusSample, pricing: { units: { amount: 1 } } };
    const first = await (await shallow.app.request('/clickatell/status', callback(body))).json();
    expect(first).toMatchObject({ quarantined: true, reason: 'too-deep' });
    expect((await shallow.app.request(`/api/quarantine/${first.id}/retry`, api('POST'))).status).toBe(422);
    // The upgrade: a gateway on the same store that takes the shape.
    const upgraded = createGatewayApp({ store: shallow.store, auth: { apiToken: API_TOKEN } });
    const retried = await upgraded.request(`/api/quarantine/${first.id}/retry`, api('POST'));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ ok: true, duplicate: false });
    expect(shallow.store.size).toBe(1);
    expect(await shallow.store.listQuarantine()).toEqual([]);
    const event = await (
      await upgraded.request(
        `/api/events/${encodeURIComponent(`status:${statusSample.messageId}:4:1506607698860`)}`,
        api('GET'),
      )
    ).json();
    expect(event).toMatchObject({ kind: 'status', extra: { pricing: { units: { amount: 1 } } } });
    expect(JSON.stringify(event)).not.toContain(CALLBACK.password);
    expect((await upgraded.request('/api/quarantine/nope/retry', api('POST'))).status).toBe(404);
  });

  it('keeps __proto__ and constructor of a callback as data in the stored event', async () => {
    const { app, store } = testGateway();
    const body = `${JSON.stringify({ ...statusSample, ...CALLBACK }).slice(0, -1)},"__proto__":{"admin":true},"constructor":{"x":1}}`;
    expect((await app.request('/clickatell/status', { method: 'POST', headers: json, body })).status).toBe(
      200,
    );
    const stored = await store.getEvent(`status:${statusSample.messageId}:4:1506607698860`);
    expect(Object.hasOwn(stored!.extra!, '__proto__')).toBe(true);
    expect(JSON.stringify(stored!.extra)).toBe('{"__proto__":{"admin":true},"constructor":{"x":1}}');
  });

  it('never lets a callback for another id break a message: lookups are by id, not by key prefix', async () => {
    const { app } = testGateway();
    const id = statusSample.messageId as string;
    for (const other of [`${id}:anything`, `${id}:4:1`, `${id}%`]) {
      expect(
        (await app.request('/clickatell/status', callback({ ...statusSample, messageId: other }))).status,
      ).toBe(200);
    }
    expect((await app.request('/clickatell/status', callback(statusSample))).status).toBe(200);
    const view = await (await app.request(`/api/messages/${id}`, api('GET'))).json();
    expect(view.history).toHaveLength(1);
    const byClient = await app.request(
      `/api/messages?clientMessageId=${statusSample.clientMessageId}`,
      api('GET'),
    );
    expect(byClient.status).toBe(200);
    expect((await byClient.json()).messages).toHaveLength(4);
  });

  it('serves media with each message its own type and caption; a later callback with the same bytes changes neither', async () => {
    const { app, store } = testGateway();
    const first = { ...media, messageId: 'm-first', contentType: 'image/jpeg', caption: 'First' };
    const second = {
      ...media,
      messageId: 'm-second',
      contentType: 'application/octet-stream; x="1"',
      caption: 'Zweite ü',
    };
    for (const m of [first, second])
      expect((await app.request('/clickatell/inbound', callback(m))).status).toBe(200);
    const a = await app.request('/api/messages/m-first/media', api('GET'));
    const b = await app.request('/api/messages/m-second/media', api('GET'));
    expect(a.headers.get('content-type')).toBe('image/jpeg');
    expect(decodeURIComponent(a.headers.get('x-clickwa-caption')!)).toBe('First');
    expect(b.headers.get('content-type')).toBe('application/octet-stream; x="1"');
    expect(decodeURIComponent(b.headers.get('x-clickwa-caption')!)).toBe('Zweite ü');
    expect(new Uint8Array(await a.arrayBuffer())).toEqual(new Uint8Array(await b.arrayBuffer()));
    expect((await store.getEvent('message:m-first'))?.kind).toBe('message');
    expect((await app.request('/api/messages/nothing/media', api('GET'))).status).toBe(404);
  });

  it('refuses integrations outside the allow-list with 403 when ids are configured', async () => {
    const store = createMemoryStore();
    const auth = { apiToken: API_TOKEN, integrationIds: ['ff8080815f05d5ed015f0b5b56080cd2'] };
    const app = createGatewayApp({ store, auth });
    expect((await app.request('/clickatell/status', callback(statusSample))).status).toBe(403);
    expect(store.size).toBe(0);
    const inbound = callbackSamples['7.3.1-inbound-text.json']!;
    expect((await app.request('/clickatell/inbound', callback(inbound))).status).toBe(200);
  });

  it('answers 503 when storage fails, so the platform retries, and keeps nothing', async () => {
    const store = createMemoryStore();
    const onError = vi.fn();
    const app = createGatewayApp({
      store: { ...store, insertEvents: () => Promise.reject(new Error('D1 is down')) },
      auth: { apiToken: API_TOKEN },
      onError,
    });
    const response = await app.request('/clickatell/status', callback(statusSample));
    expect(response.status).toBe(503);
    expect(onError).toHaveBeenCalledWith(expect.any(Error), {
      route: 'POST /clickatell/status',
      stage: 'store',
    });
    expect(await store.pendingOutbox()).toBe(0);
  });

  it('acknowledges once stored whatever the hand-off does; the outbox hands the event on later', async () => {
    const store = createMemoryStore();
    let fail = true;
    const handed: string[] = [];
    const deferred: Promise<unknown>[] = [];
    const drain = createOutboxDrain({
      store,
      leaseMs: 0,
      handOff: async (messages) => {
        if (fail) throw new Error('queue unavailable');
        handed.push(...messages.map((m) => m.key));
      },
    });
    const app = createGatewayApp({ store, auth: {}, drain, defer: (t) => deferred.push(t) });
    expect((await app.request('/clickatell/status', callback(statusSample))).status).toBe(200);
    await Promise.all(deferred);
    expect(handed).toEqual([]);
    expect(await store.pendingOutbox()).toBe(1);
    fail = false;
    expect(await drain.run()).toEqual({ handedOff: 1, batches: 1, failed: false });
    expect(handed).toHaveLength(1);
    expect(await store.pendingOutbox()).toBe(0);
  });

  it('throws at creation when only one callback credential is set', () => {
    expect(() => createGatewayApp({ store: createMemoryStore(), auth: { callbackUsername: 'x' } })).toThrow(
      /both the callback username and password/,
    );
  });
});
