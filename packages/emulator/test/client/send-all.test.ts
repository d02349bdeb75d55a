// `sendAll` against the emulator: streaming with bounded memory and concurrency, abort, a source that throws.
import { createClient, type SendResult, text } from '@clickwa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform, type Transport } from '../helpers/platform.ts';
import { type Tap, tapFetch } from '../helpers/tap-fetch.ts';
import { API_KEY, number, texts } from './fixtures.ts';

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
    const client = await clientFor('in-process');
    for await (const r of client.sendAll(endless(), { signal: controller.signal })) {
      outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    }
    expect(closed).toBe(true);
    expect((outcomes.get('accepted') ?? 0) + (outcomes.get('unknown') ?? 0)).toBeGreaterThanOrEqual(400);
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
});
