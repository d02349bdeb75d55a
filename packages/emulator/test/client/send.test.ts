// The core's send client against the emulator: what it sends, and how it maps the platform's answers back.
import {
  type Client,
  type ClientOptions,
  createClient,
  defineTemplates,
  InvalidApiKeyError,
  IpLockdownError,
  media,
  template,
  text,
  type ValidationError,
} from '@clickwa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { magicNumber } from '../../src/index.ts';
import { redirectingServer, startPlatform, type TestPlatform, type Transport } from '../helpers/platform.ts';
import { rewriteJson, type Tap, tapFetch } from '../helpers/tap-fetch.ts';
import { API_KEY, number, PNG, texts } from './fixtures.ts';

let platform: TestPlatform;
let wire: Tap;
const clientFor = (options: Partial<ClientOptions> = {}): Client =>
  createClient({
    apiKey: API_KEY,
    baseUrl: platform.baseUrl,
    fetch: wire.fetch,
    retry: { baseMs: 5, maxMs: 20 },
    ...options,
  });
const start = async (transport: Transport, options = {}) => {
  platform = await startPlatform(transport, { apiKey: API_KEY, ...options });
  wire = tapFetch(platform.fetch);
};
afterEach(() => platform.close());

describe.each<Transport>(['in-process', 'http'])('send over %s: success and mapping', (transport) => {
  beforeEach(() => start(transport));

  it('sends one text and returns its result', async () => {
    const result = await clientFor().send(text('+27 99 900 0001', 'Here is an example message'));
    expect(result).toMatchObject({ index: 0, to: '27999000001', outcome: 'accepted', accepted: true });
    expect(result.clientMessageId).toMatch(/^[0-9a-f]{32}$/);
    expect(await platform.messages()).toMatchObject([
      {
        messageId: result.messageId,
        clientMessageId: result.clientMessageId,
        to: '27999000001',
        summary: { kind: 'text', content: 'Here is an example message' },
      },
    ]);
    const [request] = wire.requests;
    expect(request).toMatchObject({ method: 'POST', url: `${platform.baseUrl}/wa/messages` });
    expect(request!.headers.authorization).toBe(API_KEY);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body.messages[0]).toEqual({
      to: '27999000001',
      content: 'Here is an example message',
      clientMessageId: result.clientMessageId,
    });
  });

  it('maps answers back by clientMessageId, in input order, though the answer is reversed', async () => {
    // The spec promises no order; the emulator answers in order, so the test reverses its real answer.
    const reversed = tapFetch(platform.fetch, {
      rewriteAnswer: (_, response) =>
        rewriteJson<{ messages: unknown[] }>(response, (json) => ({
          ...json,
          messages: json.messages.reverse(),
        })),
    });
    const results = await clientFor({ fetch: reversed.fetch }).send([
      ...texts(3),
      text(number(9), 'mine', { clientMessageId: 'my-own-id' }),
    ]);
    expect(results[3]!.clientMessageId).toBe('my-own-id');
    // Each result is its own message's: the number sent at that position, and the id the platform gave it.
    expect(results.map((r) => r.to)).toEqual([number(0), number(1), number(2), number(9)]);
    const byId = new Map((await platform.messages()).map((m) => [m.clientMessageId, m]));
    for (const r of results) {
      expect(r.outcome).toBe('accepted');
      expect(byId.get(r.clientMessageId)).toMatchObject({ messageId: r.messageId, to: r.to });
    }
  });

  it('splits 450 messages into requests of at most 200', async () => {
    const results = await clientFor({ concurrency: 2 }).send(texts(450));
    expect(wire.requests.map((r) => r.body.messages.length).sort()).toEqual([200, 200, 50].sort());
    expect(results.every((r, i) => r.to === number(i) && r.accepted)).toBe(true);
    expect(new Set(wire.sentIds()).size).toBe(450);
    const stats = await platform.stats();
    expect(stats).toMatchObject({ requests: 3, messages: { accepted: 450 }, repeatedClientMessageIds: [] });
    expect(Object.keys(stats.acceptedByClientMessageId)).toHaveLength(450);
  });

  it('sends media built from bytes, and an encryptionKey top-level in every request', async () => {
    const client = clientFor();
    const result = await client.send(media('27999000001', PNG, { caption: 'Receipt' }));
    expect(result.outcome).toBe('accepted');
    expect(wire.requests[0]!.body.messages[0]).toMatchObject({
      contentType: 'image/png',
      caption: 'Receipt',
    });
    expect((await platform.messages())[0]!.summary).toMatchObject({
      kind: 'media',
      contentType: 'image/png',
      bytes: PNG.length,
      caption: 'Receipt',
    });
    await client.send(texts(250), { encryptionKey: 'AQIDAHh6Ji8OpMJqM/F8' });
    expect(wire.requests.slice(1).map((r) => r.body.encryptionKey)).toEqual([
      'AQIDAHh6Ji8OpMJqM/F8',
      'AQIDAHh6Ji8OpMJqM/F8',
    ]);
    expect((await platform.stats()).messages.accepted).toBe(251);
  });

  it('sends messages with a repeated clientMessageId in separate requests, so both map back', async () => {
    const results = await clientFor().send([
      text(number(1), 'first', { clientMessageId: 'same' }),
      text(number(2), 'second', { clientMessageId: 'same' }),
    ]);
    expect(wire.requests).toHaveLength(2);
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    expect(results[0]!.messageId).not.toBe(results[1]!.messageId);
    expect(results.map((r) => r.to)).toEqual([number(1), number(2)]);
    const messages = await platform.messages();
    expect(messages.find((m) => m.messageId === results[1]!.messageId)!.to).toBe(number(2));
    // The caller's own repeat, accepted twice as asked: not a resend by the client.
    expect((await platform.stats()).acceptedByClientMessageId).toEqual({ same: 2 });
  });

  it('calls fetch unbound', async () => {
    let self: unknown = 'unset';
    const client = clientFor({
      fetch: function (this: unknown, input, init) {
        self = this;
        return platform.fetch(input, init);
      },
    });
    expect((await client.send(text(number(1), 'hi'))).accepted).toBe(true);
    expect(self).toBeUndefined();
  });
});

describe('send: validation and platform rejections', () => {
  beforeEach(() => start('in-process'));

  it('rejects invalid messages before sending and reports warnings', async () => {
    const results = await clientFor().send([
      text(number(1), ''),
      text('0821234567', 'national'),
      text(number(2), 'no link here', { previewFirstUrl: true }),
      'not a message' as never,
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'accepted', 'rejected']);
    expect(results[0]!.error).toMatchObject({ name: 'ValidationError', code: 100, retryable: false });
    expect(results[1]!.error?.code).toBe(150);
    expect(results[3]!.error?.code).toBe('invalid-message');
    // Issues point at the message's place in the input.
    expect(results[2]!.warnings?.[0]).toMatchObject({
      messageIndex: 2,
      path: ['messages', 2, 'previewFirstUrl'],
    });
    expect((results[1]!.error as ValidationError).issues[0]).toMatchObject({
      messageIndex: 1,
      path: ['messages', 1, 'to'],
    });
    expect(wire.sentIds()).toEqual([results[2]!.clientMessageId]);
    expect(await platform.stats()).toMatchObject({ requests: 1, messages: { accepted: 1, rejected: 0 } });
  });

  it('rejects an unknown template or a wrong parameter count with 106 before sending, given the templates', async () => {
    const templates = defineTemplates({ payment_alert: 'Paid {{1}} on {{2}}' });
    const results = await clientFor({ templates }).send([
      template(number(1), 'payment_alert', ['R100', 'Monday']),
      template(number(2), 'no_such_template', ['x']),
      template(number(3), 'payment_alert', ['R100']),
    ]);
    expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
      ['accepted', undefined],
      ['rejected', 106],
      ['rejected', 106],
    ]);
    expect(results[1]!.error!.description).toMatch(/not one of the approved templates/);
    expect(wire.sentIds()).toEqual([results[0]!.clientMessageId]);
  });

  it('rejects a message it cannot read or serialize, after earlier batches went out, and loses nothing', async () => {
    const unserializable = { ...text(number(450), 'x'), extra: 10n };
    const unreadable = Object.defineProperty({ content: 'x' }, 'to', {
      enumerable: true,
      get() {
        throw new Error('no number here');
      },
    });
    const messages = [...texts(450), unserializable, unreadable] as unknown as ReturnType<typeof texts>;
    const results = await clientFor().send(messages);
    expect(results.filter((r) => r.accepted)).toHaveLength(450);
    expect(results.slice(450).map((r) => [r.index, r.outcome, r.error?.code])).toEqual([
      [450, 'rejected', 'invalid-message'],
      [451, 'rejected', 'invalid-message'],
    ]);
    expect(results[450]!.error?.description).toMatch(/cannot be read or serialized as JSON \(.*BigInt/);
    expect(results[451]!.error?.description).toContain('no number here');
    expect(await platform.stats()).toMatchObject({ requests: 3, messages: { accepted: 450 } });
    const streamed = [];
    const mixed = [unserializable, ...texts(3)] as unknown as ReturnType<typeof texts>;
    for await (const r of clientFor().sendAll(mixed)) streamed.push(r.outcome);
    expect(streamed.sort()).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
  });

  it('reports per-message errors from a 202', async () => {
    // 159 has no local trigger (WhatsApp's registry): the emulator's magic reject number is its trigger.
    const unapproved = magicNumber.reject(159);
    const results = await clientFor().send([
      text(number(1), 'a'),
      text(unapproved, 'b'),
      text(number(3), 'c'),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(results[1]!.error).toMatchObject({ name: 'ApiError', code: 159, retryable: false, status: 202 });
    expect(results[1]!.error?.description).toBe(`Number ${unapproved} is not approved WhatsApp number`);
    expect(await platform.stats()).toMatchObject({
      messages: { accepted: 2, rejected: 1 },
      errorCodes: { '159': 1 },
    });
  });

  it('applies a whole-request error to every message and stops later batches (invalid key)', async () => {
    const client = clientFor({ apiKey: 'wrong-key-0000000000', concurrency: 1 });
    const results = await client.send(texts(450));
    expect(wire.requests).toHaveLength(1);
    expect(
      results.slice(0, 200).every((r) => r.outcome === 'rejected' && r.error instanceof InvalidApiKeyError),
    ).toBe(true);
    expect(results.slice(200).every((r) => r.outcome === 'not-sent' && r.error?.code === 1)).toBe(true);
    expect(await platform.stats()).toMatchObject({
      requests: 1,
      messages: { accepted: 0 },
      errorCodes: { '1': 1 },
    });
  });

  it('rejects a non-retryable request error without retrying (900) and carries on', async () => {
    // A valid client cannot send what gets 900 (the emulator's answer to a body it cannot deserialize), so
    // the tap spoils the first request on its way: the emulator then answers 900 from its real trigger.
    const spoiled = tapFetch(platform.fetch, {
      rewriteBody: (n, body) => (n === 0 ? { ...body, encryptionKey: 7 } : body),
    });
    const results = await clientFor({ fetch: spoiled.fetch, concurrency: 1 }).send(texts(201));
    expect(results[0]).toMatchObject({ outcome: 'rejected', error: { code: 900 } });
    expect(results[200]!.outcome).toBe('accepted');
    expect(spoiled.requests).toHaveLength(2);
    expect(await platform.stats()).toMatchObject({
      requests: 2,
      messages: { accepted: 1 },
      errorCodes: { '900': 1 },
    });
  });
});

describe('send: a redirect', () => {
  beforeEach(() => start('http'));

  // A server that redirects every request to the platform, closed after `run`.
  async function redirecting(run: (baseUrl: string, hits: () => number) => Promise<void>) {
    const server = await redirectingServer(platform.baseUrl);
    try {
      await run(server.url, server.hits);
    } finally {
      await server.close();
    }
  }

  it('is not followed: the body and the key never go to another address, and the send stops', async () => {
    await redirecting(async (baseUrl, hits) => {
      const client = createClient({ apiKey: API_KEY, baseUrl, concurrency: 1 });
      const results = await client.send(texts(201));
      // Node's fetch refuses the redirect (`redirect: 'error'`) without saying which status it was.
      expect(results[0]).toMatchObject({ outcome: 'rejected', error: { code: 'http-status', status: 0 } });
      expect(results[0]!.error!.description).toBe('The platform answered with a redirect; check baseUrl');
      // A redirect means a wrong baseUrl: the second request is never made.
      expect(results[200]).toMatchObject({ outcome: 'not-sent', error: { code: 'http-status' } });
      expect(hits()).toBe(1);
      expect((await platform.stats()).requests).toBe(0);
    });
  });

  it("uses redirect: 'manual' where Request refuses 'error' (as Cloudflare Workers do), and says the status", async () => {
    await redirecting(async (baseUrl, hits) => {
      const modes: RequestRedirect[] = [];
      const recording: typeof fetch = (input, init) => {
        modes.push(init?.redirect ?? 'follow');
        return fetch(input, init);
      };
      // Workers' Request and fetch throw this for `redirect: 'error'`, before sending anything.
      const NodeRequest = globalThis.Request;
      class WorkersRequest extends NodeRequest {
        constructor(input: RequestInfo | URL, init?: RequestInit) {
          if (init?.redirect === 'error')
            throw new TypeError('Invalid redirect value, must be one of "follow" or "manual"');
          super(input, init);
        }
      }
      globalThis.Request = WorkersRequest;
      let client: ReturnType<typeof createClient>;
      try {
        client = createClient({ apiKey: API_KEY, baseUrl, concurrency: 1, fetch: recording });
      } finally {
        globalThis.Request = NodeRequest;
      }
      const results = await client.send(texts(201));
      expect(results[0]).toMatchObject({ outcome: 'rejected', error: { code: 'http-status', status: 307 } });
      expect(results[0]!.error!.description).toMatch(/redirect \(HTTP 307\); check baseUrl/);
      expect(results[200]).toMatchObject({ outcome: 'not-sent', error: { status: 307, retryable: true } });
      // Decided once, when the client was made: one request, with 'manual', reached the server.
      expect(modes).toEqual(['manual']);
      expect(hits()).toBe(1);
    });
  });

  it("uses redirect: 'manual' in a browser page, where 'error' would look like a lost connection", async () => {
    const modes: RequestRedirect[] = [];
    const recording: typeof fetch = (input, init) => {
      modes.push(init?.redirect ?? 'follow');
      return fetch(input, init);
    };
    Object.assign(globalThis, { document: {} });
    try {
      const client = createClient({ apiKey: API_KEY, baseUrl: platform.baseUrl, fetch: recording });
      expect(await client.send(texts(2))).toMatchObject([{ accepted: true }, { accepted: true }]);
      expect(modes).toEqual(['manual']);
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
  });
});

describe('send: IP lockdown over HTTP', () => {
  // The account allows one address that is not loopback, so the Node runner sees 127.0.0.1 and answers 7.
  beforeEach(() => start('http', { ipAllowList: ['192.0.2.10'] }));

  it('maps HTTP 401 with code 7 to an IP lockdown error', async () => {
    const results = await clientFor({ concurrency: 1 }).send(texts(201));
    const [first, , last] = [results[0]!, results[199]!, results[200]!];
    expect(first).toMatchObject({ outcome: 'rejected' });
    expect(first.error).toBeInstanceOf(IpLockdownError);
    expect(first.error).toMatchObject({ code: 7, status: 401 });
    expect(results.slice(0, 200).every((r) => r.outcome === 'rejected')).toBe(true);
    // The second request was never sent: every later one would meet the same lockdown.
    expect(last).toMatchObject({ outcome: 'not-sent', error: { code: 7 } });
    expect(wire.requests).toHaveLength(1);
    expect(await platform.stats()).toMatchObject({ requests: 1, errorCodes: { '7': 1 } });
  });
});
