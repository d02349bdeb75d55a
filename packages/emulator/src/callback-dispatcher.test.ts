import { describe, expect, it } from 'vitest';
import { type CallbackAttempt, createCallbackDispatcher } from './callback-dispatcher.ts';

const options = { retryBackoffMs: [5, 5], timeoutMs: 1000, concurrency: 2, now: Date.now };
const job = (attempts: CallbackAttempt[] = [], url = 'http://127.0.0.1/x') => ({
  url,
  body: '{}',
  headers: {},
  onAttempt: (a: CallbackAttempt) => attempts.push(a),
});

describe('createCallbackDispatcher', () => {
  it('delivers in due order, retries non-2xx on the backoff, and idle() waits for all', async () => {
    const seen: string[] = [];
    let calls = 0;
    const fetch = (async (url: string) => {
      seen.push(url);
      calls++;
      return new Response('', { status: url.endsWith('flaky') && calls < 3 ? 500 : 200 });
    }) as unknown as typeof globalThis.fetch;
    const d = createCallbackDispatcher({ ...options, fetch });
    const attempts: CallbackAttempt[] = [];
    // Due long after the flaky one's retries (5 ms apart), however busy the machine.
    d.schedule(job([], 'http://h/late'), 2_000);
    d.schedule(job(attempts, 'http://h/flaky'), 1);
    expect(d.pending).toBe(2);
    await d.idle();
    expect(d.pending).toBe(0);
    expect(seen).toEqual(['http://h/flaky', 'http://h/flaky', 'http://h/flaky', 'http://h/late']);
    expect(attempts.map((a) => [a.attempt, a.httpStatus, a.delivered, a.last])).toEqual([
      [1, 500, false, false],
      [2, 500, false, false],
      [3, 200, true, true],
    ]);
    expect(d.counters).toEqual({ delivered: 2, failed: 0, attempts: 4, retries: 2 });
  });

  it('never has more than `concurrency` callbacks in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch = (async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return new Response('');
    }) as unknown as typeof globalThis.fetch;
    const d = createCallbackDispatcher({ ...options, fetch, concurrency: 3 });
    for (let i = 0; i < 20; i++) d.schedule(job(), 0);
    await d.idle();
    expect(peak).toBe(3);
  });

  it('a thrown fetch is a failed attempt with the reason', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof globalThis.fetch;
    const d = createCallbackDispatcher({ ...options, retryBackoffMs: [], fetch });
    const attempts: CallbackAttempt[] = [];
    d.schedule(job(attempts), 0);
    await d.idle();
    expect(attempts).toMatchObject([
      { httpStatus: null, delivered: false, last: true, error: 'fetch failed (ECONNREFUSED)' },
    ]);
    expect(d.counters.failed).toBe(1);
  });

  it('close() drops what is pending and resolves idle()', async () => {
    const fetch = (async () => new Response('')) as unknown as typeof globalThis.fetch;
    const d = createCallbackDispatcher({ ...options, fetch });
    d.schedule(job(), 60_000);
    const idle = d.idle();
    d.close();
    await idle;
    expect(d.pending).toBe(0);
    d.schedule(job(), 0);
    expect(d.pending).toBe(0);
  });

  it('reset() drops what is waiting and zeroes the counters', async () => {
    const fetch = (async () => new Response('')) as unknown as typeof globalThis.fetch;
    const d = createCallbackDispatcher({ ...options, fetch });
    d.schedule(job(), 0);
    await d.idle();
    d.schedule(job(), 60_000);
    d.reset();
    expect(d.pending).toBe(0);
    expect(d.counters.delivered).toBe(0);
    await d.idle();
  });
});
