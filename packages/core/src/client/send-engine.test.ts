// The engine behind `send` and `sendAll`, against a fetch that answers like the platform: when batches go,
// what it holds, and how it stops. Timing rules run on fake timers, so they are exact.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../index.ts';
import type { SendResult } from './send-result.ts';

afterEach(() => {
  vi.useRealTimers();
});

const text = (i: number) => ({ to: `2799900${String(i % 10_000).padStart(4, '0')}`, content: `Hello ${i}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fetch that accepts every message after `delayMs` (901 for the first `refusals` requests), and records sizes. */
function platform({ delayMs = 0, refusals = 0 } = {}) {
  const batches: number[] = [];
  const fetch = async (_: string, init: RequestInit): Promise<Response> => {
    const { messages } = JSON.parse(init.body as string) as {
      messages: { clientMessageId: string; to: string }[];
    };
    batches.push(messages.length);
    if (delayMs > 0) await sleep(delayMs);
    if (batches.length <= refusals)
      return Response.json(
        { error: 'Internal error - please retry', errorCode: 901, messages: [] },
        { status: 202 },
      );
    const answers = messages.map((m) => ({
      ...m,
      messageId: `m-${m.clientMessageId}`,
      accepted: true,
      error: null,
    }));
    return Response.json({ error: null, messages: answers }, { status: 202 });
  };
  return { batches, client: (options = {}) => createClient({ apiKey: 'k', fetch, ...options }) };
}

/** Consumes `results` in the background; `done` settles with all of them. */
function collect(results: AsyncIterable<SendResult>) {
  const seen: SendResult[] = [];
  const done = (async () => {
    for await (const r of results) seen.push(r);
    return seen;
  })();
  return { seen, done };
}

describe('the send engine', () => {
  it('sends a full batch at once, without waiting for the next message', async () => {
    const { batches, client } = platform();
    let release!: () => void;
    const resume = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* source() {
      for (let i = 0; i < 200; i++) yield text(i);
      await resume; // a queue with nothing more for now
      yield text(200);
    }
    const run = collect(client().sendAll(source(), { lingerMs: Number.POSITIVE_INFINITY }));
    await vi.waitFor(() => expect(run.seen).toHaveLength(200));
    expect(batches).toEqual([200]);
    release();
    expect(await run.done).toHaveLength(201);
    expect(batches).toEqual([200, 1]);
  });

  it('counts only the time spent waiting for the source: slow request slots do not split batches', async () => {
    vi.useFakeTimers();
    const { batches, client } = platform({ delayMs: 95 });
    async function* source() {
      for (let i = 0; i < 1_000; i++) {
        if (i % 50 === 0) await sleep(1); // a source that is slow now and then, never quiet
        yield text(i);
      }
    }
    const run = collect(client({ concurrency: 1 }).sendAll(source(), { lingerMs: 100 }));
    let settled = false;
    run.done.then(() => {
      settled = true;
    });
    while (!settled) await vi.advanceTimersByTimeAsync(5);
    expect(run.seen).toHaveLength(1_000);
    expect(batches).toEqual([200, 200, 200, 200, 200]);
  });

  it('sends what it holds once the source has kept it waiting lingerMs in all', async () => {
    vi.useFakeTimers();
    const { batches, client } = platform();
    async function* source() {
      for (let i = 0; i < 9; i++) {
        await sleep(30); // slow but steady: no single pause reaches lingerMs
        yield text(i);
      }
    }
    const run = collect(client().sendAll(source(), { lingerMs: 100 }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await run.done).toHaveLength(9);
    // A batch goes once its messages have waited 100 ms for the source: the three 30 ms waits after its first
    // message and 10 ms of the fourth. The last message goes when the source ends.
    expect(batches).toEqual([4, 4, 1]);
  });

  it('hands out results that settle while the source is quiet at once, not after another lingerMs', async () => {
    vi.useFakeTimers();
    const { client } = platform({ delayMs: 10 });
    const controller = new AbortController();
    async function* source() {
      for (let i = 0; i < 5; i++) yield text(i);
      await new Promise(() => {}); // quiet until aborted
    }
    const run = collect(client().sendAll(source(), { lingerMs: 1_000, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1_000); // the batch goes
    expect(run.seen).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(10); // its answer comes
    expect(run.seen.map((r) => r.outcome)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
    controller.abort();
    expect(await run.done).toHaveLength(5);
  });

  it('reads a sync source no further once the caller has aborted', async () => {
    const { batches, client } = platform();
    let reads = 0;
    function* source() {
      for (let i = 0; ; i++) {
        reads++;
        yield text(i);
      }
    }
    expect(await collect(client().sendAll(source(), { signal: AbortSignal.abort() })).done).toEqual([]);
    expect(reads).toBe(0);
    const controller = new AbortController();
    const results = [];
    for await (const r of client({ concurrency: 1 }).sendAll(source(), { signal: controller.signal })) {
      results.push(r);
      controller.abort();
    }
    // The first batch was answered; the one filled meanwhile was not sent, and nothing was read after it.
    expect(reads).toBe(400);
    expect(results).toHaveLength(400);
    expect(results.slice(200).every((r) => r.outcome === 'not-sent')).toBe(true);
    expect(batches).toEqual([200]);
  });

  it('refuses a sync iterator whose step is not an object, after settling what it read', async () => {
    const { client } = platform();
    let n = 0;
    const broken = {
      [Symbol.iterator]: () => ({ next: () => (n++ < 3 ? { done: false, value: text(n) } : 42) }),
    };
    const run = collect(client().sendAll(broken as never));
    await expect(run.done).rejects.toThrow(
      new TypeError('The message source gave a step that is not an object'),
    );
    expect(run.seen.map((r) => r.outcome)).toEqual(['not-sent', 'not-sent', 'not-sent']);
    expect(run.seen[0]!.error!.description).toMatch(/The message source threw/);
  });

  it('holds rejected results with the batch being filled: never more than one request of them', async () => {
    const { client } = platform({ delayMs: 1 });
    let reads = 0;
    let handed = 0;
    let most = 0;
    function* source() {
      for (let i = 0; i < 4_000; i++) {
        reads++;
        most = Math.max(most, reads - handed);
        yield i % 2 ? text(i) : { to: text(i).to, content: '' }; // every other message is invalid (100)
      }
    }
    const concurrency = 2;
    for await (const _ of client({ concurrency }).sendAll(source())) handed++;
    expect(handed).toBe(4_000);
    // The batches in flight or waiting to be handed out, the batch being filled with the rejected results
    // beside it, and the message that closes it.
    expect(most).toBeLessThanOrEqual(concurrency * 200 + 200 + 1);
  });

  it('return() while a next() is pending stops a retry at once', async () => {
    const { batches, client } = platform({ refusals: 1 });
    let waiting!: () => void;
    const retrying = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const results = client({
      retry: { baseMs: 5_000, maxMs: 5_000, random: () => 0.99 },
      onRetry: () => waiting(),
    }).sendAll([text(0)]);
    const pending = results.next();
    await retrying; // the 901 is in, and the retry waits its 4,950 ms
    const started = Date.now();
    await results.return();
    expect(Date.now() - started).toBeLessThan(2_500);
    const first = await pending;
    expect(first.value).toMatchObject({ outcome: 'not-sent', error: { code: 'aborted' } });
    expect(batches).toEqual([1]); // the retry never went out
  });
});

describe('stopped sends and quiet sources', () => {
  it('hands out a batch found not-sent while it waited for a slot, though the source goes quiet', async () => {
    // An invalid key: the first request stops the send; the second batch, waiting for the only slot, is
    // not sent. Nothing is in flight after that, so nothing but the engine itself can hand it out.
    const fetch = async () => {
      await sleep(50); // in flight while the second batch fills up and waits for the slot
      return Response.json(
        { error: 'Invalid or missing Integration API Key', errorCode: 1, messages: [] },
        { status: 202 },
      );
    };
    const controller = new AbortController();
    async function* queue() {
      for (let i = 0; i < 400; i++) yield text(i);
      await new Promise(() => {}); // quiet until aborted
    }
    const client = createClient({ apiKey: 'k', fetch, concurrency: 1 });
    const run = collect(client.sendAll(queue(), { signal: controller.signal }));
    await vi.waitFor(() => expect(run.seen).toHaveLength(400));
    expect(run.seen.slice(0, 200).every((r) => r.outcome === 'rejected')).toBe(true);
    expect(run.seen.slice(200).every((r) => r.outcome === 'not-sent' && r.error?.code === 1)).toBe(true);
    controller.abort();
    expect(await run.done).toHaveLength(400);
  });
});

describe('send options and results', () => {
  it('refuses a blank encryptionKey before any request', async () => {
    const { batches, client } = platform();
    await expect(client().send(text(0), { encryptionKey: '   ' })).rejects.toThrow(/encryptionKey/);
    expect(batches).toEqual([]);
  });

  it('gives a rejected message whose clientMessageId is "" an id of its own, and no empty warnings', async () => {
    const { client } = platform();
    const result = await client().send({ to: text(0).to, content: '', clientMessageId: '' });
    expect(result).toMatchObject({ outcome: 'rejected', error: { code: 100 } });
    expect(result.clientMessageId).toMatch(/^[0-9a-f]{32}$/);
    expect(result).not.toHaveProperty('warnings');
  });

  it('yields no result for a message that never was, when the source ends after an abort', async () => {
    const controller = new AbortController();
    let settle!: (step: IteratorResult<unknown>) => void;
    let calls = 0;
    const source = {
      [Symbol.asyncIterator]: () => ({
        next: () =>
          ++calls === 1
            ? Promise.resolve({ done: false, value: text(0) })
            : new Promise<IteratorResult<unknown>>((resolve) => {
                settle = resolve;
              }),
        return: async () => ({ done: true as const, value: undefined }),
      }),
    };
    // The request for the first message is still in flight at the abort: it never answers.
    const client = createClient({ apiKey: 'k', fetch: () => new Promise<Response>(() => {}) });
    const run = collect(client.sendAll(source as never, { signal: controller.signal, lingerMs: 0 }));
    await vi.waitFor(() => expect(settle).toBeDefined());
    await sleep(20);
    controller.abort();
    settle({ done: true, value: undefined }); // the source ends right after the abort
    expect((await run.done).map((r) => [r.index, r.outcome])).toEqual([[0, 'unknown']]);
  });
});
