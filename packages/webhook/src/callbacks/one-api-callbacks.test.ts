import { describe, expect, it } from 'vitest';
import { API_TOKEN, api, CALLBACK, callback, testGateway } from '../../test/gateway.ts';
import { callbackSamples, oneApiCallbackSamples } from '../../test/spec-samples.ts';
import { createGatewayApp } from '../create-gateway-app.ts';
import type { CallbackToken } from '../gateway-options.ts';
import { createMemoryStore } from '../memory-store.ts';

const TOKEN = 'one-api-token-0123456789';
const SANDBOX_TOKEN = 'sandbox-token-0123456789';
const INTEGRATION = 'fa8090815f05d5ed015f0b5b56080cd2';
const T0 = 1_760_000_000_000;
const TOKENS: CallbackToken[] = [
  { token: TOKEN },
  { token: SANDBOX_TOKEN, integrationId: 'aa8090815f05d5ed015f0b5b56080caa', integrationName: 'sandbox' },
];

/** A gateway that takes body credentials, Basic and URL tokens. */
const gateway = (tokens: readonly CallbackToken[] = TOKENS) =>
  testGateway({
    auth: {
      apiToken: API_TOKEN,
      callbackUsername: CALLBACK.username,
      callbackPassword: CALLBACK.password,
      callbackTokens: tokens,
    },
  });

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

interface OneApiBody {
  integrationId: string | null;
  integrationName: string | null;
  event: Record<string, Record<string, unknown>[]>;
}

const sample = (name: string) =>
  structuredClone(oneApiCallbackSamples[`callback-${name}.json`]!) as unknown as OneApiBody;

/** A One API body of the given events, from the documented integration. */
const oneApiBody = (event: Record<string, unknown[]>, envelope: Record<string, unknown> = {}) => ({
  integrationId: INTEGRATION,
  integrationName: 'My integration',
  event,
  ...envelope,
});

const status = (messageId: string, statusCode: number, timestamp: number, extra = {}) => ({
  channel: 'whatsapp',
  timestamp,
  statusCode,
  messageId,
  clientMessageId: null,
  ...extra,
});

const key = (messageId: string, code: number, timestamp: number) =>
  `status:${messageId}:${code}:${timestamp}`;

describe('One API callbacks', () => {
  it.each(
    Object.keys(oneApiCallbackSamples).flatMap((file) => [
      [file, '/clickatell/status'],
      [file, '/clickatell/inbound'],
    ]),
  )('accepts the sample %s at %s and serves it back', async (file, path) => {
    const { app, store } = gateway();
    const body = oneApiCallbackSamples[file]!;
    const response = await app.request(`${path}/${TOKEN}`, post(body));
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer).toMatchObject({ ok: true, api: 'one', events: [{ key: answer.key, duplicate: false }] });
    expect(store.size).toBe(1);
    const stored = await (
      await app.request(`/api/events/${encodeURIComponent(answer.key)}`, api('GET'))
    ).json();
    expect(stored).toMatchObject({ api: 'one', integrationId: INTEGRATION, receivedAt: expect.any(Number) });
    if (file.includes('status')) {
      const view = await (
        await app.request('/api/messages/77fb29998253415fa5d66971d519d362', api('GET'))
      ).json();
      expect(view).toMatchObject({
        clientMessageId: '2993b6b548000a80989a20549e7558a5',
        status: { code: 5, status: 'DEVICE_ACK', api: 'one', lifecycle: 'delivered' },
      });
      expect(stored).toMatchObject({ channel: 'whatsapp', lifecycle: 'delivered' });
      return;
    }
    expect(stored).toMatchObject({ to: '2799900002', profileName: 'Profile Name', channel: 'whatsapp' });
    const thread = await (await app.request('/api/conversations/2799900001', api('GET'))).json();
    expect(thread.items).toEqual([
      expect.objectContaining({ direction: 'inbound', api: 'one', profileName: 'Profile Name' }),
    ]);
    const [item] = thread.items;
    if (file.includes('moText')) {
      expect(item).toMatchObject({ type: 'text', content: 'Text Content of the reply message' });
      expect(stored).toMatchObject({ relatedClientMessageId: 'd33eef0838a121f71069a4cc8d55c19e' });
    } else if (file.includes('moLocation')) {
      expect(item).toMatchObject({
        type: 'location',
        location: { latitude: -33.9249, name: 'Clickatell Cape Town' },
      });
    } else if (file.includes('base64')) {
      const media = await app.request(item.media.url, api('GET'));
      expect(media.headers.get('content-type')).toBe('image/jpeg');
      const content = (body.event as { moMedia: { content: string }[] }).moMedia[0]!.content;
      expect(Buffer.from(await media.arrayBuffer()).toString('base64')).toBe(content);
      expect(item.media).toMatchObject({ caption: 'caption text here', contentType: 'image/jpeg' });
    } else {
      // By reference: the files as declared, no bytes yet.
      expect(stored).toMatchObject({ type: 'media', media: null, caption: 'caption text here' });
      expect(stored.files).toEqual([
        {
          downloadUrl: expect.stringMatching(/^https:\/\/platform\.clickatell\.com\/v1\/media\?fileId=/),
          contentType: 'image/jpeg',
          declaredSha256: '529fd5482f43db39992a894bbe4216f51a4d724131a97b93cc5589433b545820',
          byteSize: 12345,
          fileName: 'myImage.jpeg',
        },
      ]);
      expect(item).toMatchObject({ type: 'media', media: null, files: stored.files });
    }
  });

  it('stores every event of a body in one write, says each key, and each duplicate on a repeat', async () => {
    const { app, store, handedOff, settle } = gateway();
    const [a, b] = ['a1'.repeat(16), 'b2'.repeat(16)];
    const text = { ...sample('moText').event.moText![0], messageId: 'c3'.repeat(16) };
    const location = { ...sample('moLocation').event.moLocation![0], messageId: 'd4'.repeat(16) };
    const body = oneApiBody({
      messageStatusUpdate: [status(a, 2, T0), status(a, 5, T0 + 100), status(b, 4, T0 + 50)],
      moText: [text],
      moLocation: [location],
    });
    const first = await (await app.request(`/clickatell/status?token=${TOKEN}`, post(body))).json();
    const keys = [
      key(a, 2, T0),
      key(a, 5, T0 + 100),
      key(b, 4, T0 + 50),
      `message:${'c3'.repeat(16)}`,
      `message:${'d4'.repeat(16)}`,
    ];
    expect(first).toEqual({ ok: true, api: 'one', events: keys.map((k) => ({ key: k, duplicate: false })) });
    expect(store.size).toBe(5);
    // A body sharing some events with the first: only the new ones are stored.
    const overlap = oneApiBody({ messageStatusUpdate: [status(a, 5, T0 + 100), status(a, 6, T0 + 200)] });
    const second = await (await app.request(`/clickatell/status/${TOKEN}`, post(overlap))).json();
    expect(second.events).toEqual([
      { key: key(a, 5, T0 + 100), duplicate: true },
      { key: key(a, 6, T0 + 200), duplicate: false },
    ]);
    const again = await (await app.request(`/clickatell/inbound/${TOKEN}`, post(body))).json();
    expect(again.events.every((e: { duplicate: boolean }) => e.duplicate)).toBe(true);
    expect(store.size).toBe(6);
    await settle();
    expect(handedOff.map((m) => m.key).sort()).toEqual([...keys, key(a, 6, T0 + 200)].sort());
    const view = await (await app.request(`/api/messages/${a}`, api('GET'))).json();
    expect(view.status).toMatchObject({ code: 6, status: 'READ', lifecycle: 'read', api: 'one' });
    expect(view.history.map((h: { code: number }) => h.code)).toEqual([2, 5, 6]);
  });

  it('ranks each API by its own catalog, whatever the order, legacy and One API side by side', async () => {
    const { app } = gateway();
    const [legacy, one] = ['e5'.repeat(16), 'f6'.repeat(16)];
    const sends = [
      post(oneApiBody({ messageStatusUpdate: [status(one, 27, T0 + 3000)] })), // VOLUME_LIMIT_DAILY, late
      callback({ messageId: legacy, statusCode: 27, timestamp: T0 + 3000, integrationId: INTEGRATION }), // READ
      post(oneApiBody({ messageStatusUpdate: [status(one, 5, T0 + 2000), status(one, 2, T0 + 1000)] })),
      callback({ messageId: legacy, statusCode: 4, timestamp: T0 + 2000, integrationId: INTEGRATION }),
      post(oneApiBody({ messageStatusUpdate: [status(one, 27, T0 + 3000)] })), // a duplicate
    ];
    for (const init of sends) {
      const url =
        typeof init.body === 'string' && init.body.includes('"event"')
          ? `/clickatell/status/${TOKEN}`
          : '/clickatell/status';
      expect((await app.request(url, init)).status).toBe(200);
    }
    const oneView = await (await app.request(`/api/messages/${one}`, api('GET'))).json();
    expect(oneView.status).toEqual({
      code: 5,
      status: 'DEVICE_ACK',
      timestamp: T0 + 2000,
      api: 'one',
      lifecycle: 'delivered',
    });
    expect(oneView.history.map((h: { code: number }) => h.code)).toEqual([2, 27, 5]);
    const legacyView = await (await app.request(`/api/messages/${legacy}`, api('GET'))).json();
    expect(legacyView.status).toEqual({
      code: 27,
      status: 'READ',
      timestamp: T0 + 3000,
      api: 'wa',
      lifecycle: 'read',
    });
  });

  it('refuses a forged One API callback without the token, or with a wrong one, and stores nothing', async () => {
    const { app, store } = gateway();
    const body = sample('moText');
    for (const url of [
      '/clickatell/inbound',
      '/clickatell/inbound/wrong-token-0123456789',
      `/clickatell/inbound/${TOKEN}x`,
      `/clickatell/inbound?token=${TOKEN.slice(1)}`,
      // A token of another integration.
      `/clickatell/inbound/${SANDBOX_TOKEN}`,
    ]) {
      const response = await app.request(url, post(body));
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain(TOKEN);
    }
    // Body credentials are the legacy API's: a One API body carrying them is not vouched for.
    expect(
      (await app.request('/clickatell/inbound', callback(body as unknown as Record<string, unknown>))).status,
    ).toBe(401);
    expect(store.size).toBe(0);
    expect(await store.listQuarantine()).toEqual([]);
    // Basic still passes, as for legacy callbacks.
    const basic = `Basic ${btoa(`${CALLBACK.username}:${CALLBACK.password}`)}`;
    const viaBasic = await app.request('/clickatell/inbound', {
      ...post(body),
      headers: { 'content-type': 'application/json', authorization: basic },
    });
    expect(viaBasic.status).toBe(200);
  });

  it("takes an integration's own token only for bodies naming that integration", async () => {
    const { app, store } = gateway();
    const mine = sample('status-messageStatusUpdate');
    mine.integrationId = 'aa8090815f05d5ed015f0b5b56080caa';
    expect((await app.request(`/clickatell/status/${SANDBOX_TOKEN}`, post(mine))).status).toBe(200);
    const byName = { ...sample('moText'), integrationId: null, integrationName: 'Sandbox' };
    expect((await app.request(`/clickatell/inbound?token=${SANDBOX_TOKEN}`, post(byName))).status).toBe(200);
    expect(store.size).toBe(2);
  });

  it('with only tokens configured, lets no callback through without one, legacy ones included', async () => {
    const store = createMemoryStore();
    const app = createGatewayApp({
      store,
      auth: { apiToken: API_TOKEN, callbackTokens: [{ token: TOKEN }] },
    });
    const [, legacy] = Object.entries(callbackSamples).find(([f]) => f.startsWith('7.2.1'))!;
    expect((await app.request('/clickatell/status', post(legacy))).status).toBe(401);
    expect((await app.request('/clickatell/status', callback(legacy))).status).toBe(401);
    const basic = `Basic ${btoa(`${CALLBACK.username}:${CALLBACK.password}`)}`;
    const init = { ...post(legacy), headers: { 'content-type': 'application/json', authorization: basic } };
    expect((await app.request('/clickatell/status', init)).status).toBe(401);
    expect((await app.request('/clickatell/status/wrong-token-0123456789', post(legacy))).status).toBe(401);
    expect(store.size).toBe(0);
    expect((await app.request(`/clickatell/status/${TOKEN}`, post(legacy))).status).toBe(200);
    expect((await app.request(`/clickatell/status?token=${TOKEN}`, post(legacy))).status).toBe(200);
    expect(store.size).toBe(1);
  });

  it('quarantines a One API body that does not parse, without the URL token, and retries it', async () => {
    const { app, store } = gateway();
    const broken = oneApiBody({ messageStatusUpdate: [{ messageId: 'a7'.repeat(16), statusCode: 'five' }] });
    const answer = await (
      await app.request(`/clickatell/status/${TOKEN}?token=${TOKEN}`, post(broken))
    ).json();
    expect(answer).toMatchObject({ ok: true, quarantined: true, reason: 'not-a-callback' });
    const entry = await (await app.request(`/api/quarantine/${answer.id}`, api('GET'))).json();
    expect(entry).toMatchObject({ route: 'POST /clickatell/status', reason: 'not-a-callback' });
    expect(JSON.stringify(entry)).not.toContain(TOKEN);
    expect((await app.request(`/api/quarantine/${answer.id}/retry`, api('POST'))).status).toBe(422);
    // A One API body kept by an older version: a retry stores its events and resolves the entry.
    const body = JSON.stringify(sample('moText'));
    await store.quarantine({
      id: 'older',
      route: 'POST /clickatell/inbound',
      reason: 'not-a-callback',
      issues: [],
      body,
      receivedAt: T0,
    });
    const retried = await app.request('/api/quarantine/older/retry', api('POST'));
    expect(await retried.json()).toMatchObject({
      ok: true,
      api: 'one',
      events: [{ key: 'message:3a89680503414383af44dcd0e4e5f184', duplicate: false }],
    });
    expect((await store.getQuarantined('older'))?.resolvedAt).toEqual(expect.any(Number));
  });

  it('keeps what the core cannot read in quarantine, once, beside the events it can', async () => {
    const { app, store } = gateway();
    const fallback = [{ messageId: 'b8'.repeat(16), channel: 'sms', reason: 'whatsapp-unavailable' }];
    const body = oneApiBody(
      { messageStatusUpdate: [status('b8'.repeat(16), 4, T0)], messageFallback: fallback },
      { region: 'eu' },
    );
    const answer = await (await app.request(`/clickatell/status/${TOKEN}`, post(body))).json();
    expect(answer).toMatchObject({
      ok: true,
      events: [{ key: key('b8'.repeat(16), 4, T0), duplicate: false }],
      unrecognized: { id: expect.any(String), members: ['event.messageFallback', 'region'] },
    });
    const entry = await store.getQuarantined(answer.unrecognized.id);
    expect(entry).toMatchObject({
      reason: 'unrecognized-event',
      route: 'POST /clickatell/status',
      resolvedAt: null,
    });
    expect(JSON.parse(entry!.body)).toEqual(body);
    expect((await app.request(`/clickatell/status/${TOKEN}`, post(body))).status).toBe(200);
    expect(await store.listQuarantine()).toHaveLength(1);
    expect(store.size).toBe(1);
    const retry = await app.request(`/api/quarantine/${answer.unrecognized.id}/retry`, api('POST'));
    expect(retry.status).toBe(422);
    expect(await retry.json()).toMatchObject({ reason: 'unrecognized-event' });
  });

  it('quarantines a whole body when one inline media item is not base64', async () => {
    const { app, store } = gateway();
    const body = sample('moMedia-base64');
    const good = body.event.moMedia![0] as Record<string, unknown>;
    body.event.moMedia!.push({ ...good, messageId: 'c9'.repeat(16), content: '%%% not base64 %%%' });
    const answer = await (await app.request(`/clickatell/inbound/${TOKEN}`, post(body))).json();
    expect(answer).toMatchObject({ quarantined: true, reason: 'invalid-media' });
    expect(store.size).toBe(0);
  });

  it('answers 503 and keeps nothing when the events or the unrecognized members cannot be written', async () => {
    const failing = (method: 'insertEvents' | 'quarantine') => {
      const store = createMemoryStore();
      const app = createGatewayApp({
        store: { ...store, [method]: () => Promise.reject(new Error('down')) },
        auth: { apiToken: API_TOKEN, callbackTokens: [{ token: TOKEN }] },
      });
      return { app, store };
    };
    const body = oneApiBody({ messageStatusUpdate: [status('d0'.repeat(16), 4, T0)], messageFallback: [{}] });
    for (const method of ['insertEvents', 'quarantine'] as const) {
      const { app, store } = failing(method);
      expect((await app.request(`/clickatell/status/${TOKEN}`, post(body))).status).toBe(503);
      expect(store.size).toBe(0);
    }
  });
});
