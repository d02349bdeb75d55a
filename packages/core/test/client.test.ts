import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Client,
  type ClientOptions,
  createClient,
  HttpError,
  InvalidApiKeyError,
  IpLockdownError,
  isClickwaError,
  media,
  type RequestEvent,
  type RetryEvent,
  type SendResult,
  TimeoutError,
  TransportError,
  text,
  UsageError,
} from '../src/index.ts';
import { closedPort, type FakePlatform, startFakePlatform } from './fake-platform.ts';

const API_KEY = 'test-api-key-0123456789abcdef';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const number = (i: number) => `2799900${String(i).padStart(4, '0')}`;
const texts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => text(number(from + i), `Hello ${from + i}`));

let fake: FakePlatform;
const clientFor = (options: Partial<ClientOptions> = {}): Client =>
  createClient({ apiKey: API_KEY, baseUrl: fake.url, retry: { baseMs: 5, maxMs: 20 }, ...options });
/** Every message of every request the fake received, by clientMessageId. */
const sentIds = () => fake.requests.flatMap((r) => r.body.messages.map((m) => String(m.clientMessageId)));

beforeEach(async () => {
  fake = await startFakePlatform({ apiKey: API_KEY });
});
afterEach(async () => {
  await fake.close();
});

describe('send: success and mapping', () => {
  it('sends one text and returns its result', async () => {
    const result = await clientFor().send(text('+27 99 900 0001', 'Here is an example message'));
    expect(result).toMatchObject({ index: 0, to: '27999000001', outcome: 'accepted', accepted: true });
    expect(result.clientMessageId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.messageId).toBe(fake.accepted[0]!.messageId);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/wa/messages' });
    expect(request!.headers.authorization).toBe(API_KEY);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body.messages[0]).toEqual({
      to: '27999000001',
      content: 'Here is an example message',
      clientMessageId: result.clientMessageId,
    });
  });

  it('maps answers back by clientMessageId, in input order, although the platform answers in reverse', async () => {
    const results = await clientFor().send([
      ...texts(3),
      text(number(9), 'mine', { clientMessageId: 'my-own-id' }),
    ]);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(results[3]!.clientMessageId).toBe('my-own-id');
    const byId = new Map(fake.accepted.map((a) => [a.clientMessageId, a]));
    for (const r of results) {
      expect(r.outcome).toBe('accepted');
      expect(byId.get(r.clientMessageId)).toMatchObject({ messageId: r.messageId, to: r.to });
    }
  });

  it('splits 450 messages into requests of at most 200', async () => {
    const results = await clientFor({ concurrency: 2 }).send(texts(450));
    expect(fake.requests.map((r) => r.body.messages.length).sort()).toEqual([200, 200, 50].sort());
    expect(results.every((r, i) => r.index === i && r.accepted)).toBe(true);
    expect(new Set(sentIds()).size).toBe(450);
  });

  it('sends media built from bytes, and an encryptionKey top-level in every request', async () => {
    const client = clientFor();
    const result = await client.send(media('27999000001', PNG, { caption: 'Receipt' }));
    expect(result.outcome).toBe('accepted');
    expect(fake.requests[0]!.body.messages[0]).toMatchObject({
      contentType: 'image/png',
      caption: 'Receipt',
    });
    await client.send(texts(250), { encryptionKey: 'AQIDAHh6Ji8OpMJqM/F8' });
    expect(fake.requests.slice(1).map((r) => r.body.encryptionKey)).toEqual([
      'AQIDAHh6Ji8OpMJqM/F8',
      'AQIDAHh6Ji8OpMJqM/F8',
    ]);
  });

  it('sends messages with a repeated clientMessageId in separate requests, so both map back', async () => {
    const results = await clientFor().send([
      text(number(1), 'first', { clientMessageId: 'same' }),
      text(number(2), 'second', { clientMessageId: 'same' }),
    ]);
    expect(fake.requests).toHaveLength(2);
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    expect(results[0]!.messageId).not.toBe(results[1]!.messageId);
    expect(results.map((r) => r.to)).toEqual([number(1), number(2)]);
    expect(fake.accepted.find((a) => a.messageId === results[1]!.messageId)!.to).toBe(number(2));
  });

  it('calls fetch unbound', async () => {
    let self: unknown = 'unset';
    const client = clientFor({
      fetch: function (this: unknown, input, init) {
        self = this;
        return fetch(input, init);
      },
    });
    expect((await client.send(text(number(1), 'hi'))).accepted).toBe(true);
    expect(self).toBeUndefined();
  });
});

describe('send: validation and platform rejections', () => {
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
    expect(results[2]!.warnings?.[0]?.path).toContain('previewFirstUrl');
    expect(sentIds()).toEqual([results[2]!.clientMessageId]);
  });

  it('reports per-message errors from a 202', async () => {
    fake.unapproved.add(number(2));
    const results = await clientFor().send(texts(3, 1));
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(results[1]!.error).toMatchObject({ name: 'ApiError', code: 159, retryable: false, status: 202 });
    expect(results[1]!.error?.description).toBe(`Number ${number(2)} is not approved WhatsApp number`);
  });

  it('applies a whole-request error to every message and stops later batches (invalid key)', async () => {
    const client = createClient({ apiKey: 'wrong-key-0000000000', baseUrl: fake.url, concurrency: 1 });
    const results = await client.send(texts(450));
    expect(fake.requests).toHaveLength(1);
    expect(
      results.slice(0, 200).every((r) => r.outcome === 'rejected' && r.error instanceof InvalidApiKeyError),
    ).toBe(true);
    expect(results.slice(200).every((r) => r.outcome === 'not-sent' && r.error?.code === 1)).toBe(true);
    expect(fake.accepted).toHaveLength(0);
  });

  it('maps HTTP 401 with code 7 to an IP lockdown error', async () => {
    fake.script({ kind: 'request-error', code: 7 });
    const [first, second] = await clientFor({ concurrency: 1 }).send(texts(201));
    expect(first).toMatchObject({ outcome: 'rejected' });
    expect(first!.error).toBeInstanceOf(IpLockdownError);
    expect(first!.error).toMatchObject({ code: 7, status: 401 });
    expect(second!.outcome).toBe('rejected');
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a non-retryable request error without retrying (900) and carries on', async () => {
    fake.script({ kind: 'request-error', code: 900 });
    const results = await clientFor({ concurrency: 1 }).send(texts(201));
    expect(results[0]).toMatchObject({ outcome: 'rejected', error: { code: 900 } });
    expect(results[200]!.outcome).toBe('accepted');
    expect(fake.requests).toHaveLength(2);
  });
});

describe('send: retries', () => {
  it('retries 901 with the same clientMessageIds, and accepts each message once', async () => {
    fake.script({ kind: 'request-error', code: 901 });
    const retries: RetryEvent[] = [];
    const results = await clientFor({ onRetry: (e) => retries.push(e) }).send(texts(5));
    expect(results.every((r) => r.accepted)).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.body).toEqual(fake.requests[0]!.body);
    expect(fake.accepted).toHaveLength(5);
    expect(retries).toMatchObject([{ attempt: 2, error: { code: 901 }, messageCount: 5 }]);
  });

  it('gives up on 901 after maxRetries with a retryable rejection', async () => {
    fake.script(...Array.from({ length: 3 }, () => ({ kind: 'request-error', code: 901 }) as const));
    const [result] = await clientFor({ maxRetries: 2 }).send(texts(1));
    expect(result).toMatchObject({ outcome: 'rejected', error: { code: 901, retryable: true } });
    expect(fake.requests).toHaveLength(3);
  });

  it('honours Retry-After on 429, capped', async () => {
    fake.script({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const retries: RetryEvent[] = [];
    const started = Date.now();
    const [result] = await clientFor({
      retry: { maxRetryAfterMs: 150 },
      onRetry: (e) => retries.push(e),
    }).send(texts(1));
    expect(result!.outcome).toBe('accepted');
    expect(retries[0]).toMatchObject({ delayMs: 150, error: { code: 'http-status', status: 429 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.accepted).toHaveLength(1);
  });

  it('retries a refused connection, and sends once the platform is up', async () => {
    const port = await closedPort();
    await fake.close();
    const client = createClient({
      apiKey: API_KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { baseMs: 50, maxMs: 50, random: () => 0.99 },
      onRetry: async () => {
        fake = await startFakePlatform({ apiKey: API_KEY, port });
      },
    });
    const [result] = await client.send(texts(1));
    expect(result!.outcome).toBe('accepted');
    expect(fake.accepted).toHaveLength(1);
  });

  it('reports not-sent when the connection stays refused, and stops', async () => {
    const port = await closedPort();
    const retries: RetryEvent[] = [];
    const client = createClient({
      apiKey: API_KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      concurrency: 1,
      onRetry: (e) => retries.push(e),
      retry: { baseMs: 5 },
    });
    const results = await client.send(texts(250));
    expect(retries).toHaveLength(2);
    expect(results.every((r) => r.outcome === 'not-sent')).toBe(true);
    expect(results[0]!.error).toBeInstanceOf(TransportError);
    expect(results[0]!.error).toMatchObject({ phase: 'connect', retryable: true });
  });
});

describe('send: lost answers are unknown and never resent', () => {
  it('500 without a readable body', async () => {
    fake.script({ kind: 'accept-then-500' });
    const results = await clientFor().send(texts(3));
    expect(results.every((r) => r.outcome === 'unknown' && r.error instanceof HttpError)).toBe(true);
    expect(results[0]!.error).toMatchObject({ status: 500, retryable: false });
    expect(fake.requests).toHaveLength(1);
    expect(fake.accepted).toHaveLength(3);
  });

  it('a connection reset after the request was sent', async () => {
    fake.script({ kind: 'accept-then-reset' });
    const results = await clientFor().send(texts(3));
    expect(results.map((r) => r.outcome)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(results[0]!.error).toMatchObject({ name: 'TransportError', phase: 'unknown', retryable: false });
    expect(fake.requests).toHaveLength(1);
  });

  it('a timeout', async () => {
    fake.script({ kind: 'accept-then-hang' });
    const results = await clientFor({ timeoutMs: 200, concurrency: 1 }).send(texts(201));
    expect(results[0]!.outcome).toBe('unknown');
    expect(results[0]!.error).toBeInstanceOf(TimeoutError);
    // A timeout says nothing about the account: the next batch still goes.
    expect(results[200]!.outcome).toBe('accepted');
    expect(fake.requests).toHaveLength(2);
    expect(new Set(fake.accepted.map((a) => a.clientMessageId)).size).toBe(fake.accepted.length);
  });

  it('a 202 that leaves a message out', async () => {
    fake.script({
      kind: 'status',
      status: 202,
      body: JSON.stringify({
        error: null,
        messages: [{ clientMessageId: 'other', accepted: true, messageId: 'x' }],
      }),
    });
    const [result] = await clientFor().send(texts(1));
    expect(result).toMatchObject({ outcome: 'unknown', error: { code: 'response-shape' } });
  });
});

describe('send: abort', () => {
  it('sends nothing when the signal is already aborted', async () => {
    const results = await clientFor().send(texts(3), { signal: AbortSignal.abort() });
    expect(results.map((r) => r.outcome)).toEqual(['not-sent', 'not-sent', 'not-sent']);
    expect(results[0]!.error).toMatchObject({ name: 'AbortError', retryable: true });
    expect(fake.requests).toHaveLength(0);
  });

  it('reports the batch in flight unknown and the rest not-sent', async () => {
    fake.script({ kind: 'accept-then-hang' });
    const controller = new AbortController();
    const client = clientFor({ concurrency: 1, onRequest: () => setTimeout(() => controller.abort(), 50) });
    const results = await client.send(texts(450), { signal: controller.signal });
    expect(results).toHaveLength(450);
    expect(results.slice(0, 200).every((r) => r.outcome === 'unknown' && r.error?.code === 'aborted')).toBe(
      true,
    );
    expect(results.slice(200).every((r) => r.outcome === 'not-sent' && r.error?.retryable)).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('sendAll', () => {
  it('streams from an async generator with bounded memory and concurrency', async () => {
    let read = 0;
    let yielded = 0;
    let maxAhead = 0;
    async function* source() {
      for (let i = 0; i < 2_000; i++) {
        read++;
        yield text(number(i), `Hello ${i}`);
      }
    }
    const seen = new Set<number>();
    for await (const result of clientFor({ concurrency: 3 }).sendAll(source())) {
      yielded++;
      maxAhead = Math.max(maxAhead, read - yielded);
      expect(result.outcome).toBe('accepted');
      seen.add(result.index);
    }
    expect(seen.size).toBe(2_000);
    expect(fake.maxOpen).toBeLessThanOrEqual(3);
    // In flight plus the batch being filled: never the whole source.
    expect(maxAhead).toBeLessThanOrEqual(4 * 200);
    expect(new Set(sentIds()).size).toBe(2_000);
  });

  it('stops reading an endless source when aborted', async () => {
    const controller = new AbortController();
    let closed = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) {
          if (i === 500) controller.abort();
          yield text(number(i % 1000), 'x');
          await new Promise((r) => setImmediate(r));
        }
      } finally {
        closed = true;
      }
    }
    const outcomes = new Map<string, number>();
    for await (const r of clientFor().sendAll(endless(), { signal: controller.signal })) {
      outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    }
    expect(closed).toBe(true);
    expect((outcomes.get('accepted') ?? 0) + (outcomes.get('unknown') ?? 0)).toBeGreaterThanOrEqual(400);
    expect(outcomes.get('not-sent')).toBeGreaterThan(0);
  });

  it('settles what it read, then rethrows when the source throws', async () => {
    async function* failing() {
      yield* texts(250);
      throw new Error('source broke');
    }
    const results: SendResult[] = [];
    await expect(async () => {
      for await (const r of clientFor().sendAll(failing())) results.push(r);
    }).rejects.toThrow('source broke');
    expect(results).toHaveLength(250);
    expect(results.filter((r) => r.accepted)).toHaveLength(200);
    expect(results.filter((r) => r.outcome === 'not-sent')).toHaveLength(50);
  });
});

describe('usage errors and the API key', () => {
  it('throws a UsageError that says what to do', () => {
    expect(() => createClient({ apiKey: '' })).toThrow(UsageError);
    expect(() => createClient({ apiKey: '' })).toThrow(/apiKey/);
    expect(() => createClient({ apiKey: 'k\nx' })).toThrow(/header/);
    expect(() => createClient({ apiKey: 'k', baseUrl: 'nope' })).toThrow(/baseUrl/);
    expect(() => createClient({ apiKey: 'k', concurrency: 0 })).toThrow(/concurrency/);
  });

  it('throws for unusable arguments before any request', async () => {
    const client = clientFor();
    await expect(client.send(42 as never)).rejects.toBeInstanceOf(UsageError);
    await expect(client.send(new Set() as never)).rejects.toThrow(/sendAll/);
    await expect(client.send(texts(1), { encryptionKey: 7 as never })).rejects.toThrow(/encryptionKey/);
    await expect(client.sendAll(42 as never).next()).rejects.toBeInstanceOf(UsageError);
    expect(fake.requests).toHaveLength(0);
    expect(await client.send([])).toEqual([]);
  });

  it('never shows the key: client, hooks, errors, echoed text', async () => {
    const events: RequestEvent[] = [];
    const bodies: (string | undefined)[] = [];
    const client = clientFor({ onRequest: (e) => events.push(e), onResponse: (e) => bodies.push(e.body) });
    for (const shown of [
      String(client),
      JSON.stringify(client),
      inspect(client, { depth: 5 }),
      `${client}`,
    ]) {
      expect(shown).not.toContain(API_KEY);
    }
    fake.script({
      kind: 'status',
      status: 202,
      body: JSON.stringify({ error: `Invalid key ${API_KEY}`, errorCode: 1, messages: [] }),
    });
    const [result] = await client.send(texts(1));
    expect(result!.error).toBeInstanceOf(InvalidApiKeyError);
    expect(events[0]!.headers.authorization).toBe('[redacted]');
    for (const shown of [
      JSON.stringify(events),
      JSON.stringify(result),
      String(result!.error),
      inspect(result, { depth: 5 }),
      bodies.join(),
    ]) {
      expect(shown).not.toContain(API_KEY);
    }
    expect(isClickwaError(result!.error)).toBe(true);
  });
});
