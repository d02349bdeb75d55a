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
  });

  it('retries connect failures, then reports them not-sent and stops', () => {
    expect(classifyFetchError(nodeRefused(), context)).toMatchObject({
      condition: 'connect-failed',
      error: { phase: 'connect', retryable: true },
    });
  });

  it('reports a failed TLS handshake not-sent, without retrying, and stops', () => {
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      const tls = new TypeError('fetch failed', { cause: Object.assign(new Error('certificate'), { code }) });
      expect(classifyFetchError(tls, context)).toMatchObject({
        condition: 'tls-failed',
        error: { phase: 'connect', retryable: true },
      });
    }
  });

  it('passes on only a plain copy of the error as the cause, redacted', () => {
    const key = 'secret-key-0123456789';
    const redact = (t: string) => t.split(key).join('[redacted]');
    const wrapped = Object.assign(new TypeError(`fetch failed (${key})`), {
      request: { headers: { Authorization: key } },
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' }),
    });
    for (const ctx of [context, { ...context, timedOut: true }]) {
      const cause = classifyFetchError(wrapped, { ...ctx, redact }).error.cause as Error & {
        request?: unknown;
      };
      expect(cause).toMatchObject({ name: 'TypeError', message: 'fetch failed ([redacted])' });
      expect(cause.request).toBeUndefined();
      expect(cause.cause).toMatchObject({ code: 'ECONNREFUSED', syscall: 'connect' });
      expect(JSON.stringify([cause.stack, String(cause.cause)])).not.toContain(key);
    }
  });

  it('never retries what may have been sent', () => {
    expect(classifyFetchError(new TypeError('fetch failed'), context)).toMatchObject({
      condition: 'connection-lost',
      error: { phase: 'unknown', retryable: false },
    });
    expect(classifyFetchError(nodeRefused(), { ...context, responded: true })).toMatchObject({
      condition: 'unreadable-answer',
      error: { retryable: false },
    });
  });

  it('tells a timeout from a caller abort by the signals', () => {
    const error = new DOMException('aborted', 'AbortError');
    expect(classifyFetchError(error, { ...context, timedOut: true })).toMatchObject({
      condition: 'timeout',
      error: { name: 'TimeoutError', timeoutMs: 1_000, retryable: false },
    });
    expect(classifyFetchError(error, { ...context, callerAborted: true })).toMatchObject({
      condition: 'aborted-in-flight',
      error: { name: 'AbortError', retryable: false },
    });
  });
});

describe('classifyFetchError: what is not a connect failure, and causes all the way down', () => {
  it('does not take an error with an empty errors list for a connect failure (it may have been sent)', () => {
    const wrapper = Object.assign(new Error('request failed'), { errors: [] });
    expect(isConnectPhaseError(wrapper)).toBe(false);
    expect(isConnectPhaseError(new AggregateError([], 'all failed'))).toBe(false);
    expect(classifyFetchError(wrapper, context)).toMatchObject({
      condition: 'connection-lost',
      error: { retryable: false },
    });
  });

  it('redacts a cause that is a string or an object without a message', () => {
    const key = 'secret-key-0123456789';
    const redact = (t: string) => t.split(key).join('[redacted]');
    expect(
      classifyFetchError(`fetch failed: Authorization: ${key}`, { ...context, redact }).error.cause,
    ).toBe('fetch failed: Authorization: [redacted]');
    const odd = { toString: () => `key ${key}` };
    expect((classifyFetchError(odd, { ...context, redact }).error.cause as Error).message).toBe(
      'key [redacted]',
    );
  });

  it('passes on the cause of the cause as a redacted plain copy too', () => {
    const key = 'secret-key-0123456789';
    const redact = (t: string) => t.split(key).join('[redacted]');
    const inner = Object.assign(new Error(`socket hang up (Authorization: ${key})`), {
      code: 'ECONNRESET',
      request: { headers: { Authorization: key } },
    });
    const outer = new TypeError('fetch failed', { cause: inner });
    const cause = classifyFetchError(outer, { ...context, redact }).error.cause as Error & {
      cause: Error & { request?: unknown };
    };
    expect(cause.cause).not.toBe(inner);
    expect(cause.cause.request).toBeUndefined();
    expect(cause.cause).toMatchObject({
      code: 'ECONNRESET',
      message: 'socket hang up (Authorization: [redacted])',
    });
  });
});

describe("a redirect refused with redirect: 'error'", () => {
  // As each runtime reports it (read off Node 20's undici, Bun 1.4 and Deno 2.9), and node-fetch (its source).
  const met = {
    node: new TypeError('fetch failed', { cause: new Error('unexpected redirect') }),
    bun: new TypeError('UnexpectedRedirect fetching "http://127.0.0.1:1/wa/messages".'),
    deno: new TypeError("Fetch failed: Encountered redirect while redirect mode is set to 'error'"),
    nodeFetch: Object.assign(
      new Error(
        'uri requested responds with a redirect, redirect mode is set to error: http://127.0.0.1:1/wa/messages',
      ),
      { type: 'no-redirect' },
    ),
  };

  it('is a rejection that stops the send, on Node, Bun and Deno, and from node-fetch', () => {
    for (const error of Object.values(met)) {
      const failure = classifyFetchError(error, context);
      expect(failure.condition).toBe('redirect');
      expect(failure.error).toMatchObject({ code: 'http-status', status: 0 });
      expect(failure.error.description).toBe('The platform answered with a redirect; check baseUrl');
    }
  });

  it('leaves other failures alone', () => {
    expect(classifyFetchError(new TypeError('fetch failed'), context).condition).toBe('connection-lost');
  });
});

describe('failures before the request left, beside connect failures', () => {
  it("names a runtime's permission denial, as Deno reports it, and sends nothing", () => {
    const denied = Object.assign(
      new Error('Requires net access to "127.0.0.1:8790", run again with the --allow-net flag'),
      { name: 'NotCapable' },
    );
    for (const error of [denied, new TypeError('fetch failed', { cause: denied })])
      expect(classifyFetchError(error, context)).toMatchObject({
        condition: 'permission-denied',
        error: { phase: 'connect', retryable: true },
      });
  });

  it("recognises fetch's own refusal of a blocked port, on Node and Deno", () => {
    const node = new TypeError('fetch failed', { cause: new Error('bad port') });
    const deno = new TypeError('Fetch failed: Requests to port 6000 are blocked');
    for (const error of [node, deno])
      expect(classifyFetchError(error, context)).toMatchObject({
        condition: 'port-blocked',
        error: { phase: 'connect', retryable: true },
      });
  });
});
