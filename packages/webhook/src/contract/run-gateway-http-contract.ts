import { isNewerStatus, type StatusPoint } from '@clickwa/core';
import { describe, expect, it } from 'vitest';
import { newId, newMsisdn, prng, shuffle } from './fixtures.ts';

/** A running gateway, reached over HTTP (or any fetch-like function, for in-process runtimes). */
export interface GatewayHttpTarget {
  /** `http://127.0.0.1:3000`, or the origin an in-process `fetch` answers. */
  readonly baseUrl: string;
  readonly apiToken: string;
  readonly callback: { readonly username: string; readonly password: string };
  /** Default the global `fetch`. */
  readonly fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  /** How many times each key was handed on so far (a webhook receiver, a queue): enables the once-each checks. */
  readonly handedOff?: () => ReadonlyMap<string, number>;
}

/** Options of `runGatewayHttpContract`. */
export interface GatewayHttpContractOptions {
  /** The callback samples of spec 7.2 and 7.3, by file name (the core's test fixtures). */
  readonly samples: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * A callback URL token the gateway accepts for any integration (`CALLBACK_TOKEN`): adds the One API checks,
   * whose callbacks carry no other credentials.
   */
  readonly callbackToken?: string;
  /** Message lifecycles in the storm. Default 500. */
  readonly stormMessages?: number;
  /** Requests in flight in the storm. Default 50. */
  readonly concurrency?: number;
  /** How long to wait for hand-offs to arrive before failing. Default 60,000 ms. */
  readonly handOffTimeoutMs?: number;
}

const FAILURES = [7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 2000, 2001];
const T0 = 1_760_000_000_000;
const json = { 'content-type': 'application/json' };

/**
 * What every deployment of the gateway must do, checked over HTTP only (no database access, so it runs against
 * any runtime and store): the spec samples stored once and served back, refusals that leave nothing, quarantine,
 * a storm of lifecycles with duplicates in random order, and late or stale statuses. Every test uses fresh ids,
 * so a shared, long-lived gateway is fine.
 *
 * @example
 * runGatewayHttpContract('Node + SQLite', () => ({ baseUrl, apiToken, callback }), { samples });
 */
export function runGatewayHttpContract(
  name: string,
  target: () => GatewayHttpTarget | Promise<GatewayHttpTarget>,
  options: GatewayHttpContractOptions,
): void {
  const stormMessages = options.stormMessages ?? 500;
  const concurrency = options.concurrency ?? 50;
  const handOffTimeoutMs = options.handOffTimeoutMs ?? 60_000;

  const connect = async () => {
    const t = await target();
    const send = t.fetch ?? ((url: string, init?: RequestInit) => fetch(url, init));
    const call = async (path: string, init?: RequestInit) => send(t.baseUrl + path, init);
    const api = (path: string) => call(path, { headers: { authorization: `Bearer ${t.apiToken}` } });
    const callback = (path: string, body: Record<string, unknown>) =>
      call(path, { method: 'POST', headers: json, body: JSON.stringify({ ...body, ...t.callback }) });
    return { t, call, api, callback };
  };

  /** Waits until each key was handed on, then answers the counts. */
  async function handedOn(
    t: GatewayHttpTarget,
    keys: readonly string[],
  ): Promise<ReadonlyMap<string, number>> {
    const deadline = Date.now() + handOffTimeoutMs;
    for (;;) {
      const seen = t.handedOff!();
      const missing = keys.filter((k) => !seen.has(k));
      if (missing.length === 0) return seen;
      if (Date.now() > deadline)
        throw new Error(`${missing.length} events never handed on, e.g. ${missing[0]}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  describe(`Gateway over HTTP: ${name}`, () => {
    it('answers /healthz and refuses /api without the token', async () => {
      const { call } = await connect();
      expect(await (await call('/healthz')).json()).toEqual({ ok: true });
      const refused = await call('/api/messages/x');
      expect(refused.status).toBe(401);
      await refused.arrayBuffer();
    });

    it.each(Object.keys(options.samples))('accepts %s once, and serves it back', async (file) => {
      const { t, api, callback } = await connect();
      const from = newMsisdn();
      const sample: Record<string, unknown> = { ...options.samples[file]!, messageId: newId() };
      if ('from' in sample) sample.from = from;
      const path = file.startsWith('7.2') ? '/clickatell/status' : '/clickatell/inbound';
      const first = await callback(path, sample);
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ ok: true, duplicate: false });
      expect(await (await callback(path, sample)).json()).toMatchObject({ ok: true, duplicate: true });
      if (file.startsWith('7.2')) {
        const view = await (await api(`/api/messages/${sample.messageId}`)).json();
        expect(view).toMatchObject({
          messageId: sample.messageId,
          status: { code: sample.statusCode, timestamp: expect.any(Number) },
          history: [expect.objectContaining({ code: sample.statusCode })],
        });
      } else {
        const thread = (await (await api(`/api/conversations/${from}`)).json()) as {
          items: Record<string, unknown>[];
        };
        expect(thread.items).toHaveLength(1);
        const item = thread.items[0]!;
        expect(item).toMatchObject({ direction: 'inbound', messageId: sample.messageId });
        expect(JSON.stringify(item)).not.toContain(t.callback.password);
        if (sample.encryptionKey) {
          // Stored as received; a gateway without a key provider says it cannot read it, not serving ciphertext.
          expect(item).toMatchObject({ encrypted: true, decryptionError: expect.any(String) });
          if (sample.contentType) {
            const refused = await api((item.media as { url: string }).url);
            expect(refused.status).toBe(422);
            await refused.arrayBuffer();
          }
        } else if (sample.contentType) {
          const media = await api((item.media as { url: string }).url);
          expect(media.headers.get('content-type')).toBe(sample.contentType);
          const bytes = new Uint8Array(await media.arrayBuffer());
          let binary = '';
          for (const b of bytes) binary += String.fromCharCode(b);
          expect(btoa(binary)).toBe(String(sample.content).trim());
        }
      }
      if (t.handedOff) {
        const key = file.startsWith('7.2')
          ? `status:${sample.messageId}:${sample.statusCode}:`
          : `message:${sample.messageId}`;
        const deadline = Date.now() + handOffTimeoutMs;
        while (![...t.handedOff().keys()].some((k) => k.startsWith(key)) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50));
        expect([...t.handedOff()].filter(([k]) => k.startsWith(key)).map(([, n]) => n)).toEqual([1]);
      }
    });

    const status = () => ({
      integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
      integrationName: 'My integration',
      messageId: newId(),
      clientMessageId: null,
      statusCode: 4,
      timestamp: 1506607698860,
    });
    const refusals: [string, number, (c: GatewayHttpTarget['callback']) => RequestInit][] = [
      ['no credentials', 401, () => ({ method: 'POST', headers: json, body: JSON.stringify(status()) })],
      [
        'a wrong password in the body',
        401,
        (c) => ({
          method: 'POST',
          headers: json,
          body: JSON.stringify({ ...status(), ...c, password: 'x' }),
        }),
      ],
      [
        'wrong HTTP Basic credentials',
        401,
        (c) => ({
          method: 'POST',
          headers: { ...json, authorization: `Basic ${btoa(`${c.username}:x`)}` },
          body: JSON.stringify(status()),
        }),
      ],
      [
        'a text/plain body',
        415,
        (c) => ({
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ ...status(), ...c }),
        }),
      ],
      [
        'an oversize status callback',
        413,
        (c) => ({
          method: 'POST',
          headers: json,
          body: JSON.stringify({ ...status(), ...c, pad: 'x'.repeat(70_000) }),
        }),
      ],
    ];

    it.each(refusals)('refuses %s with %i and stores nothing', async (_, code, init) => {
      const { t, call, api } = await connect();
      const request = init(t.callback);
      const { messageId } = JSON.parse(String(request.body)) as { messageId: string };
      const response = await call('/clickatell/status', request);
      expect(response.status).toBe(code);
      expect(await response.json()).toHaveProperty('error');
      const found = await api(`/api/messages/${messageId}`);
      expect(found.status).toBe(404);
      await found.arrayBuffer();
    });

    it('refuses an oversize chunked inbound body with 413', async () => {
      const { call } = await connect();
      const chunk = new Uint8Array(1_000_000).fill(32);
      let n = 0;
      const body = new ReadableStream<Uint8Array>({ pull: (c) => (n++ < 21 ? c.enqueue(chunk) : c.close()) });
      const response = await call('/clickatell/inbound', {
        method: 'POST',
        headers: json,
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      await response.arrayBuffer();
    });

    it.each([
      ['bad JSON', 'invalid-json', (marker: string) => `{"messageId":"${marker}",`],
      [
        'a wrong type',
        'not-a-callback',
        (marker: string) => JSON.stringify({ ...status(), messageId: marker, timestamp: 'yesterday' }),
      ],
      [
        'too deep',
        'too-deep',
        (marker: string) => `{"messageId":"${marker}","x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      ],
    ])('quarantines %s: 200, listed with its reason, credentials removed', async (_, reason, body) => {
      const { t, call, api } = await connect();
      const marker = newId();
      const auth = `Basic ${btoa(`${t.callback.username}:${t.callback.password}`)}`;
      const response = await call('/clickatell/status', {
        method: 'POST',
        headers: { ...json, authorization: auth },
        body: body(marker),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ quarantined: true, reason });
      const list = (await (await api('/api/quarantine?limit=1000')).json()) as {
        items: { reason: string; body: string }[];
      };
      const mine = list.items.filter((i) => i.body.includes(marker));
      expect(mine.map((i) => i.reason)).toEqual([reason]);
      expect(mine[0]!.body).not.toContain(t.callback.password);
      const found = await api(`/api/messages/${marker}`);
      expect(found.status).toBe(404);
      await found.arrayBuffer();
    });

    it('keeps the newest status whatever the arrival order: late QUEUED, stale failure', async () => {
      const { api, callback } = await connect();
      const messageId = newId();
      for (const [statusCode, at] of [
        [27, 3000],
        [2, 4000],
        [9, 1000],
        [3, 500],
      ] as const) {
        const r = await callback('/clickatell/status', {
          ...status(),
          messageId,
          statusCode,
          timestamp: T0 + at,
        });
        expect(r.status).toBe(200);
        await r.arrayBuffer();
      }
      const view = (await (await api(`/api/messages/${messageId}`)).json()) as Record<string, unknown>;
      expect(view.status).toMatchObject({ code: 27, status: 'READ', timestamp: T0 + 3000 });
      expect(view.history).toHaveLength(4);
    });

    it(`stores a storm of ${stormMessages} lifecycles once each, in any order, with duplicates`, async () => {
      const { t, api, callback } = await connect();
      const random = prng(20261207);
      const run = newId().slice(0, 8);
      const lives = Array.from({ length: stormMessages }, (_, i) => {
        const messageId = `storm${run}${String(i).padStart(6, '0')}`;
        const codes =
          i % 10 === 0 ? [2, 3, FAILURES[Math.floor(random() * FAILURES.length)]!] : [2, 3, 4, 27];
        return codes.map((statusCode, step) => ({
          messageId,
          statusCode,
          timestamp: T0 + i + step * 60_000,
        }));
      });
      const distinct = lives.flat();
      const storm = shuffle([...distinct, ...distinct.filter(() => random() < 0.25)], random);
      const answers = new Map<number, number>();
      let next = 0;
      const sender = async () => {
        while (next < storm.length) {
          const c = storm[next++]!;
          const r = await callback('/clickatell/status', {
            integrationId: 'i1',
            integrationName: 'Storm',
            ...c,
          });
          await r.arrayBuffer();
          answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, sender));
      expect(Object.fromEntries(answers)).toEqual({ 200: storm.length });

      for (const life of lives) {
        let expected: StatusPoint | null = null;
        for (const c of life) {
          const incoming = { code: c.statusCode, timestamp: c.timestamp };
          if (isNewerStatus(expected, incoming)) expected = incoming;
        }
        const view = (await (await api(`/api/messages/${life[0]!.messageId}`)).json()) as {
          status: { code: number; timestamp: number };
          history: unknown[];
        };
        expect({ id: life[0]!.messageId, code: view.status.code, timestamp: view.status.timestamp }).toEqual({
          id: life[0]!.messageId,
          ...expected,
        });
        expect(view.history).toHaveLength(life.length);
      }
      if (t.handedOff) {
        const keys = distinct.map((c) => `status:${c.messageId}:${c.statusCode}:${c.timestamp}`);
        const seen = await handedOn(t, keys);
        expect(keys.filter((k) => seen.get(k) !== 1)).toEqual([]);
      }
    }, 240_000);

    const token = options.callbackToken;
    if (token)
      describe('One API callbacks (a URL token)', () => {
        const oneApi = (event: Record<string, unknown[]>) => ({
          integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
          integrationName: 'My integration',
          event,
        });
        const statusItem = (messageId: string, statusCode: number, at: number) => ({
          channel: 'whatsapp',
          messageId,
          clientMessageId: null,
          statusCode,
          timestamp: T0 + at,
        });
        const post = async (path: string, body: unknown) => {
          const { call } = await connect();
          const r = await call(path, { method: 'POST', headers: json, body: JSON.stringify(body) });
          return { status: r.status, body: (await r.json()) as Record<string, unknown> };
        };

        it('stores every event of a body once, at either URL, the token in the path or the query', async () => {
          const { t, api } = await connect();
          const [a, b, m] = [newId(), newId(), newId()];
          const from = newMsisdn();
          const body = oneApi({
            messageStatusUpdate: [statusItem(a, 2, 0), statusItem(a, 5, 2400), statusItem(b, 4, 100)],
            moText: [
              {
                channel: 'whatsapp',
                messageId: m,
                relatedMessageId: null,
                relatedClientMessageId: null,
                from,
                to: '2799900002',
                timestamp: T0,
                content: 'Hello from One API',
                charset: 'UTF-8',
                whatsapp: { profileName: 'Thandi' },
              },
            ],
          });
          const keys = [
            `status:${a}:2:${T0}`,
            `status:${a}:5:${T0 + 2400}`,
            `status:${b}:4:${T0 + 100}`,
            `message:${m}`,
          ];
          const first = await post(`/clickatell/status/${token}`, body);
          expect(first).toEqual({
            status: 200,
            body: { ok: true, api: 'one', events: keys.map((key) => ({ key, duplicate: false })) },
          });
          const again = await post(`/clickatell/inbound?token=${token}`, body);
          expect(again.body.events).toEqual(keys.map((key) => ({ key, duplicate: true })));
          const view = (await (await api(`/api/messages/${a}`)).json()) as Record<string, unknown>;
          expect(view.status).toEqual({
            code: 5,
            status: 'DEVICE_ACK',
            timestamp: T0 + 2400,
            api: 'one',
            lifecycle: 'delivered',
          });
          const thread = (await (await api(`/api/conversations/${from}`)).json()) as { items: unknown[] };
          expect(thread.items).toEqual([
            expect.objectContaining({
              api: 'one',
              messageId: m,
              content: 'Hello from One API',
              profileName: 'Thandi',
            }),
          ]);
          if (t.handedOff) {
            const seen = await handedOn(t, keys);
            expect(keys.filter((k) => seen.get(k) !== 1)).toEqual([]);
          }
        });

        it('ranks One API codes by their own catalog, beside legacy ones: 27 is a failure there, READ here', async () => {
          const { api, callback } = await connect();
          const [one, legacy] = [newId(), newId()];
          for (const [code, at] of [
            [27, 3000],
            [5, 2400],
          ] as const) {
            const r = await post(
              `/clickatell/status/${token}`,
              oneApi({ messageStatusUpdate: [statusItem(one, code, at)] }),
            );
            expect(r.status).toBe(200);
            const l = await callback('/clickatell/status', {
              ...status(),
              messageId: legacy,
              statusCode: code === 5 ? 4 : 27,
              timestamp: T0 + at,
            });
            expect(l.status).toBe(200);
            await l.arrayBuffer();
          }
          const oneView = (await (await api(`/api/messages/${one}`)).json()) as Record<string, unknown>;
          expect(oneView.status).toMatchObject({ code: 5, api: 'one', lifecycle: 'delivered' });
          const legacyView = (await (await api(`/api/messages/${legacy}`)).json()) as Record<string, unknown>;
          expect(legacyView.status).toMatchObject({ code: 27, api: 'wa', lifecycle: 'read' });
        });

        it('refuses a One API callback without the token, or with a wrong one, and stores nothing', async () => {
          const { api } = await connect();
          const id = newId();
          const body = oneApi({ messageStatusUpdate: [statusItem(id, 5, 0)] });
          for (const path of [
            '/clickatell/status',
            `/clickatell/status/${token}x`,
            '/clickatell/status?token=nope',
          ]) {
            const r = await post(path, body);
            expect(r.status).toBe(401);
            expect(JSON.stringify(r.body)).not.toContain(token);
          }
          const found = await api(`/api/events/${encodeURIComponent(`status:${id}:5:${T0}`)}`);
          expect(found.status).toBe(404);
          await found.arrayBuffer();
          expect((await api(`/api/messages/${id}`)).status).toBe(404);
        });
      });
  });
}
