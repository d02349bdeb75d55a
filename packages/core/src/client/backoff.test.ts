import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, RETRY_DEFAULTS } from './backoff.ts';

describe('backoffDelay', () => {
  it('draws uniformly below a doubling ceiling', () => {
    const top = () => 0.999999;
    expect(backoffDelay(0, { baseMs: 100, maxMs: 10_000, random: top })).toBe(99);
    expect(backoffDelay(1, { baseMs: 100, maxMs: 10_000, random: top })).toBe(199);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: top })).toBe(799);
    expect(backoffDelay(0, { random: () => 0 })).toBe(0);
  });

  it('never exceeds maxMs, even for huge attempt numbers', () => {
    expect(backoffDelay(10, { baseMs: 100, maxMs: 1_000, random: () => 0.999999 })).toBe(999);
    expect(backoffDelay(5_000, { random: () => 0.999999 })).toBeLessThan(RETRY_DEFAULTS.maxMs);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('caps long waits', () => {
    expect(parseRetryAfter('3600', now)).toBe(RETRY_DEFAULTS.maxRetryAfterMs);
    expect(parseRetryAfter('3600', now, 250)).toBe(250);
  });

  it('gives up on missing or unreadable headers', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
