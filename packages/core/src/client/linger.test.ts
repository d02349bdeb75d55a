import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLinger } from './linger.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createLinger', () => {
  it('wakes the engine after ms while it waits for the source', () => {
    const wake = vi.fn();
    const linger = createLinger(20, wake);
    linger.start();
    linger.reading(true);
    vi.advanceTimersByTime(19);
    expect(wake).not.toHaveBeenCalled();
    linger.start(); // already running: the clock is not reset
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('does not count time the engine spent elsewhere: the clock restarts when it next reads', () => {
    const wake = vi.fn();
    const linger = createLinger(20, wake);
    linger.start();
    vi.advanceTimersByTime(25);
    expect(wake).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0); // nothing runs while nobody reads
    linger.reading(true);
    vi.advanceTimersByTime(19);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('stop() clears the clock, and a run-out one that nobody read', () => {
    const wake = vi.fn();
    const linger = createLinger(20, wake);
    linger.reading(true);
    linger.start();
    linger.stop();
    vi.advanceTimersByTime(50);
    expect(wake).not.toHaveBeenCalled();
    linger.reading(false);
    linger.start();
    vi.advanceTimersByTime(20);
    linger.stop();
    linger.reading(true);
    vi.advanceTimersByTime(50);
    expect(wake).not.toHaveBeenCalled();
  });

  it('never runs with Infinity or a delay no timer can hold', () => {
    for (const ms of [Number.POSITIVE_INFINITY, 2 ** 31]) {
      const wake = vi.fn();
      const linger = createLinger(ms, wake);
      linger.reading(true);
      linger.start();
      expect(vi.getTimerCount()).toBe(0);
    }
  });
});
