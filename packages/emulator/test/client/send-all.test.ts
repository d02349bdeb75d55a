// `sendAll` against the emulator: streaming with bounded memory and concurrency, abort, a source that throws.
import { createClient, type SendResult, text } from '@clickwa/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPlatform, type TestPlatform, type Transport } from '../helpers/platform.ts';
import { type Tap, tapFetch } from '../helpers/tap-fetch.ts';
import { API_KEY, number, tappedClient, texts } from './fixtures.ts';

let platform: TestPlatform;
let wire: Tap;
const clientFor = async (transport: Transport, concurrency?: number) => {
  platform = await startPlatform(transport, { apiKey: API_KEY });
  wire = tapFetch(platform.fetch);
  return createClient({
    apiKey: API_KEY,
    baseUrl: platform.baseUrl,
    fetch: wire.fetch,
    retry: { baseMs: 5, maxMs: 20 },
    ...(concurrency ? { concurrency } : {}),
  });
};
afterEach(() => platform.close());

describe('sendAll', () => {
  it('streams from an async generator with bounded memory and concurrency (over HTTP)', async () => {
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
    for await (const result of (await clientFor('http', 3)).sendAll(source())) {
      yielded++;
      maxAhead = Math.max(maxAhead, read - yielded);
      expect(result.outcome).toBe('accepted');
      seen.add(result.index);
    }
    expect(seen.size).toBe(2_000);
    expect(wire.maxOpen).toBeLessThanOrEqual(3);
    // In flight plus the batch being filled: never the whole source.
    expect(maxAhead).toBeLessThanOrEqual(4 * 200);
    expect(new Set(wire.sentIds()).size).toBe(2_000);
    expect(await platform.stats()).toMatchObject({
      messages: { accepted: 2_000 },
      repeatedClientMessageIds: [],
    });
  });

  it('stops reading an endless source when aborted', async () => {
    const controller = new AbortController();
    let closed = false;
    let read = 0;
    async function* endless() {
      try {
        for (let i = 0; ; i++) {
          if (i === 500) controller.abort();
          read++;
          yield text(number(i % 1000), 'x');
          await new Promise((r) => setImmediate(r));
        }
      } finally {
        closed = true;
      }
    }
    const outcomes = new Map<string, number>();
    const client = await clientFor('in-process');
    for await (const r of client.sendAll(endless(), { signal: controller.signal })) {
      outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    }
    expect(closed).toBe(true);
    // Every message the source handed over has a result, even the one it gave after the abort.
    expect([...outcomes.values()].reduce((a, b) => a + b)).toBe(read);
    expect(read).toBe(501);
    expect((outcomes.get('accepted') ?? 0) + (outcomes.get('unknown') ?? 0)).toBeGreaterThanOrEqual(200);
    expect(outcomes.get('not-sent')).toBeGreaterThan(0);
    expect((await platform.stats()).messages.accepted).toBe(outcomes.get('accepted') ?? 0);
  });

  it('settles what it read, then rethrows when the source throws', async () => {
    async function* failing() {
      yield* texts(250);
      throw new Error('source broke');
    }
    const results: SendResult[] = [];
    const client = await clientFor('in-process');
    await expect(async () => {
      for await (const r of client.sendAll(failing())) results.push(r);
    }).rejects.toThrow('source broke');
    expect(results).toHaveLength(250);
    expect(results.filter((r) => r.accepted)).toHaveLength(200);
    expect(results.filter((r) => r.outcome === 'not-sent')).toHaveLength(50);
    expect(await platform.stats()).toMatchObject({ requests: 1, messages: { accepted: 200 } });
  });

  it('sends the next batch between two settled batches it hands out, not after all of them', async () => {
    platform = await startPlatform('in-process', { apiKey: API_KEY });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first two answers are held, then come back together: two batches of results are ready at once.
    const { wire: tap, client } = tappedClient(
      platform,
      { rewriteAnswer: async (n, response) => (n < 2 ? released.then(() => response) : response) },
      { concurrency: 2 },
    );
    const requestsAtBatchStart: number[] = [];
    const sending = (async () => {
      for await (const r of client.sendAll(texts(1_000))) {
        if (r.index % 200 === 0) requestsAtBatchStart.push(tap.requests.length);
      }
    })();
    await vi.waitFor(() => expect(tap.requests).toHaveLength(2));
    release();
    await sending;
    // Batches 1 and 2 settle together: batch 3 goes out before batch 2's results are handed out.
    expect(requestsAtBatchStart.slice(0, 2)).toEqual([2, 3]);
    expect(tap.requests).toHaveLength(5);
  });

  it('sends what a quiet async source gave after lingerMs, and hands out its results', async () => {
    const client = await clientFor('in-process');
    let release!: () => void;
    const more = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Were the 5 messages held for a full batch, only this would end the wait: the test would fail below.
    const fallback = setTimeout(release, 2_000);
    let releasedByResults = false;
    async function* queue() {
      yield* texts(5);
      await more;
      yield* texts(5, 5);
    }
    const seen: number[] = [];
    for await (const r of client.sendAll(queue(), { lingerMs: 5 })) {
      seen.push(r.index);
      if (seen.length === 5) {
        releasedByResults = true;
        release();
      }
    }
    clearTimeout(fallback);
    expect(releasedByResults).toBe(true);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(wire.requests.map((r) => r.body.messages.length)).toEqual([5, 5]);
  });

  it('still sends a held message when the source goes quiet after a wait for a slot', async () => {
    platform = await startPlatform('in-process', { apiKey: API_KEY });
    const slow = (response: Response) => new Promise<Response>((r) => setTimeout(() => r(response), 30));
    const { wire: tap, client } = tappedClient(
      platform,
      { rewriteAnswer: (_n, response) => slow(response) },
      { concurrency: 1 },
    );
    let release!: () => void;
    const more = new Promise<void>((resolve) => {
      release = resolve;
    });
    let gaveUp = false;
    const fallback = setTimeout(() => {
      gaveUp = true;
      release();
    }, 2_000);
    // 401 messages: the last one opens a batch while the engine waits for a slot, longer than lingerMs.
    async function* queue() {
      yield* texts(401);
      await more;
    }
    for await (const r of client.sendAll(queue(), { lingerMs: 5 })) if (r.index === 400) release();
    clearTimeout(fallback);
    expect(gaveUp).toBe(false);
    expect(tap.requests.map((r) => r.body.messages.length)).toEqual([200, 200, 1]);
  });

  it('waits for a full batch or the end of the source with lingerMs: Infinity', async () => {
    const client = await clientFor('in-process');
    async function* queue() {
      yield* texts(5);
      await new Promise((r) => setTimeout(r, 300)); // past the default lingerMs, which would send the 5
      yield* texts(5, 5);
    }
    const results: SendResult[] = [];
    for await (const r of client.sendAll(queue(), { lingerMs: Number.POSITIVE_INFINITY })) results.push(r);
    expect(results.filter((r) => r.accepted)).toHaveLength(10);
    expect(wire.requests.map((r) => r.body.messages.length)).toEqual([10]);
  });

  it("takes a per-call concurrency over the client's", async () => {
    const client = await clientFor('in-process', 4);
    const results: SendResult[] = [];
    for await (const r of client.sendAll(texts(1_000), { concurrency: 1 })) results.push(r);
    expect(results.filter((r) => r.accepted)).toHaveLength(1_000);
    expect(wire.requests).toHaveLength(5);
    expect(wire.maxOpen).toBe(1);
  });

  it('refuses a negative lingerMs before reading anything', async () => {
    const client = await clientFor('in-process');
    let read = false;
    async function* source() {
      read = true;
      yield* texts(1);
    }
    await expect(client.sendAll(source(), { lingerMs: -1 }).next()).rejects.toThrow(
      'lingerMs must be a number of ms of at least 0',
    );
    expect(read).toBe(false);
  });
});
