import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkMs, resolveClientConfig } from './client-config.ts';
import { UsageError } from './errors.ts';

describe('checkMs', () => {
  it('takes the fallback, or a number of ms within bounds', () => {
    expect(checkMs('x', undefined, 7)).toBe(7);
    expect(checkMs('x', 0, 7)).toBe(0);
    expect(checkMs('x', 2 ** 31 - 1, 7)).toBe(2 ** 31 - 1);
    expect(checkMs('x', Number.POSITIVE_INFINITY, 7, { never: true })).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses what a timer cannot wait for, and what is not a number', () => {
    for (const [value, options] of [
      [-1, {}],
      [0, { min: 1 }],
      [Number.NaN, {}],
      ['5', {}],
      [2 ** 31, {}],
      [Number.POSITIVE_INFINITY, {}],
    ] as const) {
      expect(() => checkMs('retry.maxMs', value as number, 7, options)).toThrow(UsageError);
    }
    expect(() => checkMs('retry.maxMs', 2 ** 31, 7)).toThrow(
      'retry.maxMs must be a number of ms of at least 0 and at most 2147483647',
    );
  });
});

describe('resolveClientConfig defaults', () => {
  it('are the documented ones', () => {
    const config = resolveClientConfig({ apiKey: 'k' });
    expect(config).toMatchObject({
      url: 'https://platform.clickatell.com/wa/messages',
      timeoutMs: 60_000,
      maxRetries: 2,
      concurrency: 4,
      retry: { baseMs: 500, maxMs: 8_000, maxRetryAfterMs: 60_000, random: Math.random },
      // Node's fetch takes 'error': redirects are refused by fetch itself, nothing is copied for a replay.
      redirect: 'error',
    });
  });
});

describe('resolveClientConfig hooks', () => {
  it('ignores a hook that rejects, even with a promise from another realm', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const config = resolveClientConfig({
        apiKey: 'k',
        onRequest: () => runInNewContext('Promise.reject(new Error("hook failed"))'),
        onRetry: () => {
          throw new Error('sync hook failed');
        },
      });
      const event = { url: '', method: 'POST' as const, headers: {}, body: '', attempt: 1, messageCount: 1 };
      config.hook.request(() => event);
      config.hook.retry(() => ({ attempt: 2, delayMs: 0, error: new UsageError('x'), messageCount: 1 }));
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('resolveClientConfig: baseUrl', () => {
  it('drops every trailing slash, and refuses a fragment as it does a query', () => {
    expect(resolveClientConfig({ apiKey: 'k', baseUrl: 'https://example.test/api//' }).url).toBe(
      'https://example.test/api/wa/messages',
    );
    expect(() => resolveClientConfig({ apiKey: 'k', baseUrl: 'https://example.test/#x' })).toThrow(
      /query or a fragment/,
    );
  });
});
