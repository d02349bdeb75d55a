import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLinger } from './linger.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createLinger', () => {
  it('wakes the engine once it has waited ms for the source', () => {
    const wake = vi.fn();
    const linger = createLinger(20, wake);
    linger.start();
    linger.reading(true);
    vi.advanceTimersByTime(19);
    expect(wake).not.toHaveBeenCalled();
    expect(linger.lapsed()).toBe(false);
    linger.start(); // already running: the clock is not reset
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(linger.lapsed()).toBe(true);
    vi.advanceTimersByTime(100);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('adds up the waits: a source that keeps handing over messages slowly is not waited for without end', () => {
    const wake = vi.fn();
    const linger = createLinger(20, wake);
    linger.start();
    for (const pause of [8, 8]) {
      linger.reading(true);
      vi.advanceTimersByTime(pause);
      linger.reading(false);
    }
    expect(wake).not.toHaveBeenCalled();
    linger.reading(true);
    vi.advanceTimersByTime(3);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1); // 8 + 8 + 4
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('does not count time the engine spent elsewhere, and runs no timer meanwhile', () => {
    const wake = vi.fn();
    const linger = createLinger(20, wake);
    linger.start();
    linger.reading(true);
    vi.advanceTimersByTime(5);
    linger.reading(false);
    vi.advanceTimersByTime(100); // waiting for a request slot, or for the consumer
    expect(wake).not.toHaveBeenCalled();
    expect(linger.lapsed()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    linger.reading(true);
    vi.advanceTimersByTime(14);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1); // 5 + 15
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('stop() clears the clock; the next start() begins a new one', () => {
    const wake = vi.fn();
    const linger = createLinger(20, wake);
    linger.reading(true);
    linger.start();
    vi.advanceTimersByTime(15);
    linger.stop();
    vi.advanceTimersByTime(50);
    expect(wake).not.toHaveBeenCalled();
    expect(linger.lapsed()).toBe(false);
    linger.start();
    vi.advanceTimersByTime(19);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('never runs with Infinity or a delay no timer can hold', () => {
    for (const ms of [Number.POSITIVE_INFINITY, 2 ** 31]) {
      const wake = vi.fn();
      const linger = createLinger(ms, wake);
      linger.reading(true);
      linger.start();
      expect(vi.getTimerCount()).toBe(0);
      expect(linger.lapsed()).toBe(false);
    }
  });
});
