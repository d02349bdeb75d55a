// Usage errors are thrown before any request; the API key never shows, not even when the platform echoes it.
import { inspect } from 'node:util';
import {
  createClient,
  InvalidApiKeyError,
  isClickwaError,
  type RequestEvent,
  UsageError,
} from '@clickwa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../helpers/platform.ts';
import { rewriteJson, tapFetch } from '../helpers/tap-fetch.ts';
import { API_KEY, texts } from './fixtures.ts';

let platform: TestPlatform;
beforeEach(async () => {
  platform = await startPlatform('in-process', { apiKey: API_KEY });
});
afterEach(() => platform.close());

describe('usage errors and the API key', () => {
  it('throws a UsageError that says what to do', () => {
    expect(() => createClient({ apiKey: '' })).toThrow(UsageError);
    expect(() => createClient({ apiKey: '' })).toThrow(/apiKey/);
    expect(() => createClient({ apiKey: 'k\nx' })).toThrow(/header/);
    expect(() => createClient({ apiKey: 'k', baseUrl: 'nope' })).toThrow(/baseUrl/);
    expect(() => createClient({ apiKey: 'k', baseUrl: 8080 as never })).toThrow(UsageError);
    // `/wa/messages` would land in the query: refused rather than sent to the wrong place.
    expect(() => createClient({ apiKey: 'k', baseUrl: 'https://gw.example/x?tenant=7' })).toThrow(
      /query or a fragment/,
    );
    expect(createClient({ apiKey: 'k', baseUrl: new URL('https://gw.example/x/') }).baseUrl).toBe(
      'https://gw.example/x',
    );
    expect(() => createClient({ apiKey: 'k', concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createClient({ apiKey: 'k', timeoutMs: 0 })).toThrow(/timeoutMs must be a number of ms/);
    // A wait longer than a timer holds would fire at once: refused rather than retried immediately.
    expect(() => createClient({ apiKey: 'k', retry: { maxMs: 2 ** 31 } })).toThrow(/retry.maxMs .* at most/);
    expect(() => createClient({ apiKey: 'k', retry: { baseMs: -1 } })).toThrow(/retry.baseMs/);
    expect(() => createClient({ apiKey: 'k', retry: { maxRetryAfterMs: Number.NaN } })).toThrow(
      /retry.maxRetryAfterMs/,
    );
    expect(() => createClient({ apiKey: 'k', retry: { random: 0.5 as never } })).toThrow(/retry.random/);
    expect(createClient({ apiKey: 'k', timeoutMs: Number.POSITIVE_INFINITY }).baseUrl).toBe(
      'https://platform.clickatell.com',
    );
  });

  it('throws for unusable arguments before any request', async () => {
    const wire = tapFetch(platform.fetch);
    const client = createClient({ apiKey: API_KEY, baseUrl: platform.baseUrl, fetch: wire.fetch });
    await expect(client.send(42 as never)).rejects.toBeInstanceOf(UsageError);
    await expect(client.send(new Set() as never)).rejects.toThrow(/sendAll/);
    await expect(client.send(texts(1), { encryptionKey: 7 as never })).rejects.toThrow(/encryptionKey/);
    await expect(client.sendAll(42 as never).next()).rejects.toBeInstanceOf(UsageError);
    // Something that only looks like a signal would fail inside the first attempt, after sending began.
    await expect(client.send(texts(1), { signal: { aborted: false } as never })).rejects.toThrow(/signal/);
    expect(wire.requests).toHaveLength(0);
    expect(await client.send([])).toEqual([]);
    expect((await platform.stats()).requests).toBe(0);
  });

  it('never shows the key: client, hooks, errors, echoed text', async () => {
    // A key the emulator does not know, so it answers 1 for real. It does not echo keys, so the test makes
    // its answer do so, as a careless platform or proxy might.
    const secret = 'secret-key-never-shown-0123456789';
    const echoing = tapFetch(platform.fetch, {
      rewriteAnswer: (_, response) =>
        rewriteJson<{ error: string }>(response, (json) => ({ ...json, error: `${json.error}: ${secret}` })),
    });
    const events: RequestEvent[] = [];
    const bodies: (string | undefined)[] = [];
    const client = createClient({
      apiKey: secret,
      baseUrl: platform.baseUrl,
      fetch: echoing.fetch,
      onRequest: (e) => events.push(e),
      onResponse: (e) => bodies.push(e.body),
    });
    for (const shown of [
      String(client),
      JSON.stringify(client),
      inspect(client, { depth: 5 }),
      `${client}`,
    ]) {
      expect(shown).not.toContain(secret);
    }
    const [result] = await client.send(texts(1));
    expect(result!.error).toBeInstanceOf(InvalidApiKeyError);
    expect(echoing.requests[0]!.headers.authorization).toBe(secret);
    expect(events[0]!.headers.authorization).toBe('[redacted]');
    expect(bodies[0]).toContain('Invalid or missing Integration API Key');
    for (const shown of [
      JSON.stringify(events),
      JSON.stringify(result),
      String(result!.error),
      inspect(result, { depth: 5 }),
      bodies.join(),
    ]) {
      expect(shown).not.toContain(secret);
    }
    expect(isClickwaError(result!.error)).toBe(true);
  });

  it('never shows the key as JSON writes it, with "/" escaped', async () => {
    const secret = 'Ab3d/EfGh"IjK9/lmn==';
    const escaped = JSON.stringify(secret).slice(1, -1).split('/').join('\\/');
    const echoing = tapFetch(platform.fetch, {
      rewriteAnswer: () =>
        new Response(
          `{"error":"Invalid or missing Integration API Key: ${escaped}","errorCode":1,"messages":[]}`,
          {
            status: 202,
          },
        ),
    });
    const bodies: (string | undefined)[] = [];
    const client = createClient({
      apiKey: secret,
      baseUrl: platform.baseUrl,
      fetch: echoing.fetch,
      onResponse: (e) => bodies.push(e.body),
    });
    const [result] = await client.send(texts(1));
    expect(result!.error).toBeInstanceOf(InvalidApiKeyError);
    expect(bodies[0]).toContain('API Key: [redacted]');
    for (const shown of [bodies.join(), JSON.stringify(result), inspect(result, { depth: 5 })]) {
      expect(shown).not.toContain(escaped);
      expect(shown).not.toContain(secret);
    }
  });

  it('never shows the key through the cause of a transport error or a timeout', async () => {
    const secret = 'secret-key-in-a-wrapper-error-0123';
    // A fetch wrapper whose errors keep the request they failed on, headers and all.
    const failing = (init: RequestInit) =>
      Object.assign(new TypeError('fetch failed'), { request: { headers: init.headers } });
    const refused = createClient({
      apiKey: secret,
      baseUrl: platform.baseUrl,
      fetch: async (_, init) => {
        throw failing(init);
      },
    });
    const stalled = createClient({
      apiKey: secret,
      baseUrl: platform.baseUrl,
      timeoutMs: 50,
      fetch: (_, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(failing(init))),
        ),
    });
    const [lost] = await refused.send(texts(1));
    const [late] = await stalled.send(texts(1));
    expect(lost).toMatchObject({ outcome: 'unknown', error: { name: 'TransportError' } });
    expect(late).toMatchObject({ outcome: 'unknown', error: { name: 'TimeoutError' } });
    for (const result of [lost, late]) {
      expect((result!.error!.cause as Error).message).toBe('fetch failed');
      expect(inspect(result, { depth: 10 })).not.toContain(secret);
    }
  });
});
