import { describe, expect, it } from 'vitest';
import { attemptSignal, sleep } from './timeout.ts';

describe('attemptSignal', () => {
  it('fires on timeout and says so', async () => {
    const a = attemptSignal(undefined, 20);
    expect(a.signal.aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    expect(a.signal.aborted).toBe(true);
    expect(a.timedOut()).toBe(true);
    expect(a.callerAborted()).toBe(false);
  });

  it('fires when the caller aborts, and reports the caller, not a timeout', () => {
    const caller = new AbortController();
    const a = attemptSignal(caller.signal, 10_000);
    caller.abort(new Error('stop'));
    expect(a.signal.aborted).toBe(true);
    expect(a.callerAborted()).toBe(true);
    expect(a.timedOut()).toBe(false);
  });

  it('is already aborted when the caller signal is', () => {
    const a = attemptSignal(AbortSignal.abort(), 10_000);
    expect(a.signal.aborted).toBe(true);
    expect(a.callerAborted()).toBe(true);
  });

  it('aborts with a TimeoutError', async () => {
    const a = attemptSignal(undefined, 5);
    await new Promise((r) => setTimeout(r, 30));
    expect(a.signal.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('guards work that ignores the signal: it rejects with the reason once the attempt aborts', async () => {
    const caller = new AbortController();
    const a = attemptSignal(caller.signal, 10_000);
    const never = new Promise<string>(() => {});
    const guarded = a.guard(never);
    caller.abort(new Error('stop'));
    await expect(guarded).rejects.toThrow('stop');
    // Work that settles first wins, and an abort after it changes nothing.
    const b = attemptSignal(undefined, 20);
    await expect(b.guard(Promise.resolve('body'))).resolves.toBe('body');
    await expect(b.guard(new Promise<string>(() => {}))).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('lets go of its timer and of the caller once released', async () => {
    const caller = new AbortController();
    const a = attemptSignal(caller.signal, 10);
    a.release();
    await new Promise((r) => setTimeout(r, 40));
    caller.abort();
    // Neither source reaches a finished attempt: its timer was cleared and its listener removed.
    expect(a.signal.aborted).toBe(false);
    expect(a.timedOut()).toBe(false);
  });

  it('has no timeout when timeoutMs is not finite, or too long for a timer', async () => {
    const a = attemptSignal(undefined, Number.POSITIVE_INFINITY);
    // 2^31 ms would overflow a timer and fire at once.
    const b = attemptSignal(undefined, 2 ** 31);
    await new Promise((r) => setTimeout(r, 20));
    expect(a.signal.aborted).toBe(false);
    expect(a.timedOut()).toBe(false);
    expect(b.signal.aborted).toBe(false);
    b.release();
  });
});

describe('sleep', () => {
  it('resolves true after the delay', async () => {
    expect(await sleep(5)).toBe(true);
  });

  it('resolves false early when aborted', async () => {
    const c = new AbortController();
    const started = Date.now();
    const waiting = sleep(10_000, c.signal);
    c.abort();
    expect(await waiting).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await sleep(10, AbortSignal.abort())).toBe(false);
  });
});

describe('attemptSignal: which source fired', () => {
  it('reports the caller, not a timeout, once the caller has aborted, even after the timer fired', async () => {
    const caller = new AbortController();
    const a = attemptSignal(caller.signal, 5);
    await new Promise((r) => setTimeout(r, 30));
    expect(a.timedOut()).toBe(true);
    caller.abort(new Error('stop'));
    expect(a.timedOut()).toBe(false);
    a.release();
  });
});
