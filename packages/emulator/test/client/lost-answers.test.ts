// When the answer is lost after the request left, the client says `unknown` and never resends; when the
// caller aborts, what was not sent is `not-sent`. In-process and over the Node runner, where resets and held
// answers happen on the wire. The emulator's stats show what it really accepted: once, never twice.
import { type ClientOptions, HttpError, TimeoutError } from '@clickwa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../src/index.ts';
import { startPlatform, type TestPlatform, type Transport } from '../helpers/platform.ts';
import { rewriteJson, type TapOptions } from '../helpers/tap-fetch.ts';
import { API_KEY, tappedClient, texts } from './fixtures.ts';

describe.each<Transport>(['in-process', 'http'])('over %s', (transport) => {
  let platform: TestPlatform;
  beforeEach(async () => {
    // Held answers end when the client gives up; the short hold only bounds a client that never does.
    platform = await startPlatform(transport, { apiKey: API_KEY, faultTimeoutMs: 2_000 });
  });
  afterEach(() => platform.close());

  const setUp = (tap: TapOptions, options: Partial<ClientOptions> = {}) =>
    tappedClient(platform, tap, options);
  const first = (kind: FaultKind): TapOptions => ({
    fault: (n) => (n === 0 ? kind : undefined),
  });

  describe('lost answers are unknown and never resent', () => {
    it('500 without a readable body', async () => {
      const { wire, client } = setUp(first('500'));
      const results = await client.send(texts(3));
      expect(results.every((r) => r.outcome === 'unknown' && r.error instanceof HttpError)).toBe(true);
      expect(results[0]!.error).toMatchObject({ status: 500, retryable: false });
      expect(wire.requests).toHaveLength(1);
      // The emulator's 500 comes before it records anything; the client cannot know that, hence `unknown`.
      expect(await platform.stats()).toMatchObject({ requests: 1, faults: { '500': 1 } });
    });

    it('a connection reset after the request was sent', async () => {
      const { wire, client } = setUp(first('reset-after'));
      const results = await client.send(texts(3));
      expect(results.map((r) => r.outcome)).toEqual(['unknown', 'unknown', 'unknown']);
      expect(results[0]!.error).toMatchObject({ name: 'TransportError', phase: 'unknown', retryable: false });
      expect(wire.requests).toHaveLength(1);
      const stats = await platform.stats();
      expect(stats).toMatchObject({ requests: 1, faults: { 'reset-after': 1 }, messages: { accepted: 3 } });
      expect(stats.acceptedByClientMessageId).toEqual(
        Object.fromEntries(results.map((r) => [r.clientMessageId, 1])),
      );
    });

    it('a timeout', async () => {
      // The faulted answer is held far longer than 2 s; the next request has 2 s, however busy the machine.
      const { wire, client } = setUp(first('timeout-after'), { timeoutMs: 2_000, concurrency: 1 });
      const results = await client.send(texts(201));
      expect(results[0]!.outcome).toBe('unknown');
      expect(results[0]!.error).toBeInstanceOf(TimeoutError);
      // A timeout says nothing about the account: the next batch still goes.
      expect(results[200]!.outcome).toBe('accepted');
      expect(wire.requests).toHaveLength(2);
      const stats = await platform.stats();
      // The timed-out batch had been accepted: each message once, none resent.
      expect(stats).toMatchObject({
        requests: 2,
        faults: { 'timeout-after': 1 },
        messages: { accepted: 201 },
        repeatedClientMessageIds: [],
      });
      expect(Object.keys(stats.acceptedByClientMessageId)).toHaveLength(201);
    });

    it('a timeout while reading a body that does not follow the signal', async () => {
      // A fetch wrapper that re-wraps the body in a stream of its own, which never ends and ignores the signal:
      // the client's own guard ends the attempt.
      const stalled = () =>
        new Response(
          new ReadableStream({
            start: (c) => c.enqueue(new TextEncoder().encode('{"messages":[')),
          }),
          { status: 202 },
        );
      const { client } = setUp({ rewriteAnswer: stalled }, { timeoutMs: 200 });
      const results = await client.send(texts(2));
      expect(results.map((r) => r.outcome)).toEqual(['unknown', 'unknown']);
      expect(results[0]!.error).toBeInstanceOf(TimeoutError);
      expect((await platform.stats()).messages).toMatchObject({ accepted: 2 });
    });

    it('a 202 that leaves a message out', async () => {
      // The emulator answers for every message; the test drops the second from its real answer.
      const { client } = setUp({
        rewriteAnswer: (_, response) =>
          rewriteJson<{ messages: unknown[] }>(response, (json) => ({
            ...json,
            messages: json.messages.slice(0, 1),
          })),
      });
      const [kept, left] = await client.send(texts(2));
      expect(kept!.outcome).toBe('accepted');
      expect(left).toMatchObject({ outcome: 'unknown', error: { code: 'http-status', status: 202 } });
      // And `unknown` was right: the platform did accept it.
      expect((await platform.stats()).acceptedByClientMessageId[left!.clientMessageId]).toBe(1);
    });
  });

  describe('abort', () => {
    it('sends nothing when the signal is already aborted', async () => {
      const { wire, client } = setUp({});
      const results = await client.send(texts(3), { signal: AbortSignal.abort() });
      expect(results.map((r) => r.outcome)).toEqual(['not-sent', 'not-sent', 'not-sent']);
      expect(results[0]!.error).toMatchObject({ name: 'AbortError', retryable: true });
      expect(wire.requests).toHaveLength(0);
      expect((await platform.stats()).requests).toBe(0);
    });

    it('sends nothing when a request hook aborts the signal', async () => {
      const controller = new AbortController();
      const { wire, client } = setUp({}, { onRequest: () => controller.abort() });
      const results = await client.send(texts(2), { signal: controller.signal });
      expect(results.map((r) => r.outcome)).toEqual(['not-sent', 'not-sent']);
      expect(results[0]!.error).toMatchObject({ name: 'AbortError', retryable: true });
      expect(wire.requests).toHaveLength(0);
    });

    it('reports the batch in flight unknown and the rest not-sent', async () => {
      const controller = new AbortController();
      // The abort comes once the platform has taken the first batch (and holds its answer back).
      const accepted = async () => {
        while ((await platform.stats()).messages.accepted < 200) await new Promise((r) => setTimeout(r, 5));
        controller.abort();
      };
      const { wire, client } = setUp(first('timeout-after'), { concurrency: 1, onRequest: () => accepted() });
      const results = await client.send(texts(450), { signal: controller.signal });
      expect(results).toHaveLength(450);
      expect(results.slice(0, 200).every((r) => r.outcome === 'unknown' && r.error?.code === 'aborted')).toBe(
        true,
      );
      expect(results.slice(200).every((r) => r.outcome === 'not-sent' && r.error?.retryable)).toBe(true);
      expect(wire.requests).toHaveLength(1);
      expect(await platform.stats()).toMatchObject({ requests: 1, messages: { accepted: 200 } });
    });
  });
});
