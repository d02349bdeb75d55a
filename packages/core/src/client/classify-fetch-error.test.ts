import { describe, expect, it } from 'vitest';
import { classifyFetchError, isConnectPhaseError } from './classify-fetch-error.ts';

const nodeRefused = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });
const context = { callerAborted: false, timedOut: false, timeoutMs: 1_000 };

describe('isConnectPhaseError', () => {
  it('recognises Node, Bun and Deno connect failures', () => {
    expect(isConnectPhaseError(nodeRefused())).toBe(true);
    expect(
      isConnectPhaseError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })),
    ).toBe(true);
    expect(
      isConnectPhaseError(Object.assign(new TypeError('Unable to connect'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    const deno = new TypeError('fetch failed', {
      cause: new Error(
        'error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection refused',
      ),
    });
    expect(isConnectPhaseError(deno)).toBe(true);
    const eyeballs = new TypeError('fetch failed', {
      cause: new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ENETUNREACH' }]),
    });
    expect(isConnectPhaseError(eyeballs)).toBe(true);
    const unreachable = { code: 'EHOSTUNREACH', syscall: 'connect' };
    expect(isConnectPhaseError(new TypeError('fetch failed', { cause: unreachable }))).toBe(true);
  });

  it('treats anything else as possibly sent', () => {
    for (const error of [
      new TypeError('fetch failed'),
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }),
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }),
      new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ECONNRESET' }]),
      new TypeError('Network connection lost.'),
      // Unreachable, but reported by a write on a connection the request was already going out on.
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'EHOSTUNREACH', syscall: 'write' } }),
      'a string',
      null,
    ]) {
      expect(isConnectPhaseError(error)).toBe(false);
    }
  });
});

describe('classifyFetchError', () => {
  it('keeps the API key out of the description and the cause', () => {
    const key = 'secret-key-0123456789';
    const leaky = new TypeError(`fetch failed for headers {"Authorization":"${key}"}`);
    const redact = (t: string) => t.split(key).join('[redacted]');
    const { error } = classifyFetchError(leaky, { ...context, redact });
    expect(error.description).toContain('[redacted]');
    expect(JSON.stringify([error.description, error.message, String(error.cause)])).not.toContain(key);
    // An error without the key is passed on as it is.
    expect(classifyFetchError(nodeRefused(), { ...context, redact }).error.cause).toBeInstanceOf(TypeError);
  });

  it('retries connect failures, then reports them not-sent and stops', () => {
    expect(classifyFetchError(nodeRefused(), context)).toMatchObject({
      retry: true,
      outcome: 'not-sent',
      stop: true,
      error: { phase: 'connect' },
    });
  });

  it('never retries what may have been sent', () => {
    expect(classifyFetchError(new TypeError('fetch failed'), context)).toMatchObject({
      retry: false,
      outcome: 'unknown',
      stop: false,
    });
    expect(classifyFetchError(nodeRefused(), { ...context, responded: true })).toMatchObject({
      retry: false,
      outcome: 'unknown',
    });
  });

  it('tells a timeout from a caller abort by the signals', () => {
    const error = new DOMException('aborted', 'AbortError');
    expect(classifyFetchError(error, { ...context, timedOut: true })).toMatchObject({
      outcome: 'unknown',
      error: { name: 'TimeoutError', timeoutMs: 1_000 },
    });
    expect(classifyFetchError(error, { ...context, callerAborted: true })).toMatchObject({
      outcome: 'unknown',
      stop: true,
      error: { name: 'AbortError' },
    });
  });
});
