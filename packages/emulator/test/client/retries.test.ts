// The client retries only where the emulator can have accepted nothing: 901, 429, a refused connection. Each
// retry reuses the clientMessageIds, and the emulator's stats prove nothing was accepted twice.
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  type ClientOptions,
  createClient,
  type RetryEvent,
  type SendResult,
  TransportError,
  text,
} from '@clickwa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { magicNumber } from '../../src/index.ts';
import { closedPort, startPlatform, type TestPlatform } from '../helpers/platform.ts';
import type { TapOptions } from '../helpers/tap-fetch.ts';
import { API_KEY, number, tappedClient, texts } from './fixtures.ts';
import { SELF_SIGNED } from './self-signed.ts';

let platform: TestPlatform | undefined;
afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

/** An in-process emulator, and a client whose requests go through a tap with `tap` options. */
async function setUp(tap: TapOptions, options: Partial<ClientOptions> = {}, emulator = {}) {
  platform = await startPlatform('in-process', { apiKey: API_KEY, ...emulator });
  return { platform, ...tappedClient(platform, tap, options) };
}

describe('send: retries', () => {
  it('retries 901 with the same clientMessageIds, and accepts each message once', async () => {
    const retries: RetryEvent[] = [];
    const { platform, wire, client } = await setUp(
      { fault: (n) => (n === 0 ? '901' : undefined) },
      { onRetry: (e) => retries.push(e) },
    );
    const results = await client.send(texts(5));
    expect(results.every((r) => r.accepted)).toBe(true);
    expect(wire.requests).toHaveLength(2);
    expect(wire.requests[1]!.body).toEqual(wire.requests[0]!.body);
    expect(retries).toMatchObject([{ attempt: 2, error: { code: 901 }, messageCount: 5 }]);
    const stats = await platform.stats();
    expect(stats).toMatchObject({
      requests: 2,
      faults: { '901': 1 },
      messages: { accepted: 5 },
      repeatedClientMessageIds: [],
    });
    expect(stats.acceptedByClientMessageId).toEqual(
      Object.fromEntries(results.map((r) => [r.clientMessageId, 1])),
    );
  });

  it('does not retry once another batch has stopped the send while it waited', async () => {
    // Batch 1 gets 901 and waits 50 ms to retry; 10 ms in, batch 2's answer says the key is invalid.
    const invalidKey = () =>
      Response.json(
        { messages: [], error: { code: 1, description: 'Invalid or missing Integration API Key' } },
        { status: 202 },
      );
    const { wire, client } = await setUp(
      {
        fault: (n) => (n === 0 ? '901' : undefined),
        rewriteAnswer: async (n, response) =>
          n === 1 ? new Promise((r) => setTimeout(() => r(invalidKey()), 10)) : response,
      },
      { concurrency: 2, retry: { baseMs: 50, maxMs: 50, random: () => 0.99 } },
    );
    const results = await client.send(texts(400));
    expect(wire.requests).toHaveLength(2);
    expect(new Set(results.slice(0, 200).map((r) => `${r.outcome} ${r.error?.code}`))).toEqual(
      new Set(['not-sent 1']),
    );
    expect(new Set(results.slice(200).map((r) => `${r.outcome} ${r.error?.code}`))).toEqual(
      new Set(['rejected 1']),
    );
  });

  it('sends no retry once the consumer has stopped reading results', async () => {
    // Batch 1 gets 901 and waits about 500 ms to retry; the consumer leaves at batch 2's first result.
    const { wire, client } = await setUp(
      { fault: (n) => (n === 0 ? '901' : undefined) },
      { concurrency: 2, retry: { baseMs: 500, maxMs: 500, random: () => 0.99 } },
    );
    for await (const r of client.sendAll(texts(400))) {
      expect(r.index).toBeGreaterThanOrEqual(200);
      break;
    }
    await new Promise((r) => setTimeout(r, 700));
    expect(wire.requests).toHaveLength(2);
  });

  it('gives up on 901 after maxRetries with a retryable rejection', async () => {
    const { platform, wire, client } = await setUp({ fault: () => '901' }, { maxRetries: 2 });
    const [result] = await client.send(texts(1));
    expect(result).toMatchObject({ outcome: 'rejected', error: { code: 901, retryable: true } });
    expect(wire.requests).toHaveLength(3);
    expect(await platform.stats()).toMatchObject({
      requests: 3,
      faults: { '901': 3 },
      messages: { accepted: 0 },
    });
  });

  it('stops the send on a 429 that outlasts its retries: that batch and every later one not-sent', async () => {
    const { platform, wire, client } = await setUp({ fault: () => '429' }, { maxRetries: 1, concurrency: 1 });
    const results = await client.send(texts(201));
    expect(new Set(results.map((r) => `${r.outcome} ${r.error?.code} ${r.error?.retryable}`))).toEqual(
      new Set(['not-sent http-status true']),
    );
    // Two attempts of the first request; the second request never went.
    expect(wire.requests).toHaveLength(2);
    expect(await platform.stats()).toMatchObject({
      requests: 2,
      faults: { '429': 2 },
      messages: { accepted: 0 },
    });
  });

  it('honours Retry-After on 429, capped', async () => {
    const retries: RetryEvent[] = [];
    const { platform, client } = await setUp(
      { fault: (n) => (n === 0 ? '429' : undefined) },
      { retry: { maxRetryAfterMs: 150 }, onRetry: (e) => retries.push(e) },
      { retryAfterSeconds: 120 },
    );
    const started = Date.now();
    const [result] = await client.send(texts(1));
    expect(result!.outcome).toBe('accepted');
    expect(retries[0]).toMatchObject({ delayMs: 150, error: { code: 'http-status', status: 429 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await platform.stats()).toMatchObject({
      requests: 2,
      faults: { '429': 1 },
      messages: { accepted: 1 },
    });
  });

  it('retries only the message answered 901, with its id, keeping the results in input order', async () => {
    // The emulator answers 901 for one message of the request and accepts the others.
    const { wire, client } = await setUp({}, { maxRetries: 2 });
    const results: SendResult[] = [];
    const messages = [text(number(1), 'a'), text(magicNumber.reject(901), 'b'), text(number(3), 'c')];
    for await (const r of client.sendAll(messages)) results.push(r);
    expect(results.map((r) => [r.index, r.outcome, r.error?.code])).toEqual([
      [0, 'accepted', undefined],
      [1, 'rejected', 901],
      [2, 'accepted', undefined],
    ]);
    // Each retry carries only the message still unanswered: the accepted ones are never sent twice.
    expect(wire.requests.map((r) => r.body.messages.length)).toEqual([3, 1, 1]);
    expect(wire.requests[1]!.body.messages[0]!.clientMessageId).toBe(results[1]!.clientMessageId);
    expect((await platform!.stats()).repeatedClientMessageIds).toEqual([]);
  });

  it('stops waiting to retry as soon as the caller aborts', async () => {
    const controller = new AbortController();
    const { client } = await setUp(
      { fault: (n) => (n === 0 ? '429' : undefined) },
      { onRetry: () => setTimeout(() => controller.abort(), 20) }, // during the wait
      { retryAfterSeconds: 30 },
    );
    const started = Date.now();
    const [result] = await client.send(texts(1), { signal: controller.signal });
    expect(result).toMatchObject({ outcome: 'not-sent', error: { code: 'aborted', retryable: true } });
    // The 429 asked for 30 s (capped at 60): the abort ends the wait, not the clock.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('retries a refused connection, and sends once the platform is up', async () => {
    const port = await closedPort();
    const client = createClient({
      apiKey: API_KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { baseMs: 50, maxMs: 50, random: () => 0.99 },
      onRetry: async () => {
        // The Node runner comes up on the port that refused the first attempt.
        platform = await startPlatform('http', { apiKey: API_KEY, port });
      },
    });
    const [result] = await client.send(texts(1));
    expect(result!.outcome).toBe('accepted');
    expect(await platform!.stats()).toMatchObject({ requests: 1, messages: { accepted: 1 } });
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

  it('reports a certificate the runtime does not trust not-sent, without retrying, and stops', async () => {
    let requests = 0;
    const server = createServer(SELF_SIGNED, (_, response) => {
      requests++;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const retries: RetryEvent[] = [];
      const client = createClient({
        apiKey: API_KEY,
        baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
        concurrency: 1,
        onRetry: (e) => retries.push(e),
      });
      const results = await client.send(texts(250));
      // The handshake failed: no request was written, so nothing can have been accepted.
      expect(requests).toBe(0);
      expect(retries).toEqual([]);
      expect(results.every((r) => r.outcome === 'not-sent')).toBe(true);
      expect(results[0]!.error).toMatchObject({ phase: 'connect', retryable: true });
      expect(results[0]!.error!.description).toMatch(/securely.*certificate/);
      // The second batch was never tried: it carries the error that stopped the send.
      expect(results[249]!.error).toBe(results[0]!.error);
    } finally {
      server.close();
    }
  });
});
