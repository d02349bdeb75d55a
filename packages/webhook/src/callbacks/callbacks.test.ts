import { describe, expect, it, vi } from 'vitest';
import { API_TOKEN, api, CALLBACK, callback, testGateway } from '../../test/gateway.ts';
import { callbackSamples } from '../../test/spec-samples.ts';
import { createGatewayApp } from '../create-gateway-app.ts';
import { createMemoryStore } from '../memory-store.ts';

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
      expect(await response.json()).toEqual({ ok: true, duplicate: false });
      expect(store.size).toBe(1);
      if (file.startsWith('7.2')) {
        const view = await (await app.request(`/api/messages/${sample.messageId}`, api('GET'))).json();
        expect(view).toMatchObject({ messageId: sample.messageId, clientMessageId: sample.clientMessageId });
        expect(view.status).toEqual({ code: 4, status: 'RECEIVED_BY_RECIPIENT', timestamp: 1506607698860 });
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
      if (sample.contentType) {
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

  it('stores a callback sent twice once, and says so', async () => {
    const onEvent = vi.fn();
    const { app, store } = testGateway({ onEvent });
    expect((await app.request('/clickatell/status', callback(statusSample))).status).toBe(200);
    const again = await app.request('/clickatell/status', callback(statusSample));
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(store.size).toBe(1);
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(onEvent.mock.calls[0]![0])).not.toContain(CALLBACK.password);
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
      'malformed JSON',
      400,
      () => ({
        method: 'POST',
        headers: basic(CALLBACK.username, CALLBACK.password),
        body: '{"statusCode": 4,',
      }),
    ],
    [
      'malformed JSON without credentials',
      401,
      () => ({ method: 'POST', headers: json, body: '{"statusCode": 4,' }),
    ],
    ['a wrong type', 400, () => callback({ ...statusSample, statusCode: 'four' })],
    ['a body that is no callback', 400, () => callback({ hello: 'world' })],
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
    const onEvent = vi.fn();
    const { app, store } = testGateway({ onEvent });
    const response = await app.request('/clickatell/status', init());
    expect(response.status).toBe(status);
    expect((await response.json()).error).toEqual(expect.any(String));
    expect(store.size).toBe(0);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('answers 400 with the core issues for a wrong type', async () => {
    const { app } = testGateway();
    const body = await (
      await app.request('/clickatell/status', callback({ ...statusSample, statusCode: 'four' }))
    ).json();
    expect(body.issues[0]).toMatchObject({ path: ['statusCode'], severity: 'error' });
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

  it('answers 503 when storage fails, so the platform retries', async () => {
    const store = createMemoryStore();
    const onError = vi.fn();
    const app = createGatewayApp({
      store: { ...store, insertEvent: () => Promise.reject(new Error('D1 is down')) },
      auth: { apiToken: API_TOKEN },
      onError,
    });
    const response = await app.request('/clickatell/status', callback(statusSample));
    expect(response.status).toBe(503);
    expect(onError).toHaveBeenCalledWith(expect.any(Error), {
      route: 'POST /clickatell/status',
      stage: 'store',
    });
  });

  it('undoes the insert when the hand-off fails, so the retry hands the event on', async () => {
    const store = createMemoryStore();
    let fail = true;
    const handed: unknown[] = [];
    const app = createGatewayApp({
      store,
      auth: { apiToken: API_TOKEN },
      onEvent: (event) => {
        if (fail) throw new Error('queue unavailable');
        handed.push(event);
      },
    });
    expect((await app.request('/clickatell/status', callback(statusSample))).status).toBe(503);
    expect(store.size).toBe(0);
    fail = false;
    const retry = await app.request('/clickatell/status', callback(statusSample));
    expect(await retry.json()).toEqual({ ok: true, duplicate: false });
    expect(handed).toHaveLength(1);
  });

  it('refuses media that is not base64 with 400', async () => {
    const { app, store } = testGateway();
    const media = { ...callbackSamples['7.3.3-inbound-media.json']!, content: 'not base64 at all!' };
    expect((await app.request('/clickatell/inbound', callback(media))).status).toBe(400);
    expect(store.size).toBe(0);
  });

  it('throws at creation when only one callback credential is set', () => {
    expect(() => createGatewayApp({ store: createMemoryStore(), auth: { callbackUsername: 'x' } })).toThrow(
      /both the callback username and password/,
    );
  });
});
