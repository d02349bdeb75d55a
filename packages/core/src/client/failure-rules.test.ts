// Every row of FAILURE_RULES, observed through a real client: the condition is made to happen to the first of two
// requests, and the test reads what the rule says off the results and the requests that went out.
import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '../catalogs/api-errors.ts';
import { ONE_API_ERRORS } from '../catalogs/one-api-errors.ts';
import type { ClientOptions } from './client-options.ts';
import { createClient } from './create-client.ts';
import { conditionOfCode, FAILURE_RULES, type FailureCondition } from './failure-rules.ts';
import type { SendResult } from './send-result.ts';

const MAX_RETRIES = 1;
const texts = (n: number, prefix = '') =>
  Array.from({ length: n }, (_, i) => ({
    to: `2799900${String(i).padStart(4, '0')}`,
    content: `${prefix}${i}`,
  }));

interface Sent {
  readonly messages: { clientMessageId: string; to: string; content: string }[];
}

/** Accepts every message of a request. */
const accept = (body: Sent) =>
  Response.json({
    error: null,
    messages: body.messages.map((m) => ({
      ...m,
      messageId: `m-${m.clientMessageId}`,
      accepted: true,
      error: null,
    })),
  });

const refuse = (message: string, cause?: unknown) => {
  throw new TypeError(message, cause === undefined ? undefined : { cause });
};
const coded = (code: string, syscall?: string) => Object.assign(new Error(code), { code, syscall });

/** How the condition is made to happen to a request of the first batch (the second is always accepted). */
type Answer = (body: Sent, signal: AbortSignal) => Response | Promise<Response>;

interface Scenario {
  /** The answer to every request of the first batch. */
  readonly first?: Answer;
  readonly options?: Partial<ClientOptions>;
  /** Sends through the client and returns the results; by default `send` of 200 + 1 texts. */
  readonly run?: (options: Partial<ClientOptions>) => Promise<SendResult[]>;
  /** The results the condition applies to; by default the first batch's. */
  readonly concerned?: (results: SendResult[]) => SendResult[];
}

const never = (_: Sent, signal: AbortSignal) =>
  new Promise<Response>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

const SCENARIOS = {
  'connect-failed': { first: () => refuse('fetch failed', coded('ECONNREFUSED', 'connect')) },
  'tls-failed': { first: () => refuse('fetch failed', coded('CERT_HAS_EXPIRED')) },
  'permission-denied': {
    first: () => {
      const denied = new Error(
        'Requires net access to "platform.clickatell.com:443", run again with the --allow-net flag',
      );
      denied.name = 'NotCapable';
      throw denied;
    },
  },
  'port-blocked': { first: () => refuse('fetch failed', new Error('bad port')) },
  timeout: { first: never, options: { timeoutMs: 20 } },
  'connection-lost': { first: () => refuse('fetch failed', coded('ECONNRESET', 'read')) },
  throttled: { first: () => new Response('slow down', { status: 429, headers: { 'retry-after': '0' } }) },
  'platform-busy': {
    first: (body) =>
      Response.json({
        error: null,
        messages: body.messages.map((m) => ({
          clientMessageId: m.clientMessageId,
          accepted: false,
          error: 'Internal error - please retry',
          errorCode: 901,
        })),
      }),
  },
  'account-refused': {
    first: () => Response.json({ error: { code: 1, description: 'Invalid or missing Integration API Key' } }),
  },
  'message-refused': {
    first: (body) =>
      Response.json({
        messages: body.messages.map((m) => ({
          clientMessageId: m.clientMessageId,
          accepted: false,
          errorCode: 159,
          error: 'Number is not approved WhatsApp number',
        })),
      }),
  },
  'platform-error': {
    // One API's 500 with its code 18, "Internal error".
    first: () => Response.json({ error: { code: 18, description: 'Internal error' } }, { status: 500 }),
    options: { api: 'one' },
  },
  'endpoint-refused': { first: () => new Response('Not Found', { status: 404 }) },
  'request-refused': { first: () => new Response('Payload Too Large', { status: 413 }) },
  redirect: {
    first: () => new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/' } }),
  },
  'no-verdict': { first: () => new Response('<html>Bad Gateway</html>', { status: 502 }) },
  'unreadable-answer': {
    first: () =>
      new Response(
        new ReadableStream({
          pull: (controller) => controller.error(new Error('other side closed')),
        }),
        { status: 202 },
      ),
  },
  'left-out': {
    first: (body) => accept({ messages: body.messages.slice(0, 1) }),
    concerned: (results) => results.slice(1, 200),
  },
  'aborted-before-send': {
    run: async (options) => {
      const controller = new AbortController();
      const client = createClient({ apiKey: 'k', ...options, onRequest: () => controller.abort() });
      return client.send(texts(201), { signal: controller.signal });
    },
  },
  'aborted-in-flight': {
    run: async (options) => {
      const controller = new AbortController();
      const client = createClient({
        apiKey: 'k',
        ...options,
        onRequest: () => queueMicrotask(() => controller.abort()),
      });
      return client.send(texts(201), { signal: controller.signal });
    },
    first: never,
  },
  invalid: {
    run: (options) =>
      createClient({ apiKey: 'k', ...options }).send([{ to: '27999000001', content: '' }, ...texts(200)]),
    concerned: (results) => results.slice(0, 1),
  },
  'source-failed': {
    run: async (options) => {
      const results: SendResult[] = [];
      async function* source() {
        yield* texts(3);
        throw new Error('the queue went away');
      }
      await expect(
        (async () => {
          for await (const r of createClient({ apiKey: 'k', ...options }).sendAll(source())) results.push(r);
        })(),
      ).rejects.toThrow('the queue went away');
      return results;
    },
    concerned: (results) => results,
  },
  unexpected: {
    // An answer whose headers cannot be read: a `fetch` that breaks its own contract.
    first: () =>
      ({
        status: 202,
        text: async () => '{}',
        headers: {
          get: () => {
            throw new Error('broken headers');
          },
        },
      }) as unknown as Response,
  },
} satisfies Record<FailureCondition, Scenario>;

describe('FAILURE_RULES, each row as a client meets it', () => {
  for (const [condition, scenario] of Object.entries(SCENARIOS) as [FailureCondition, Scenario][]) {
    const rule = FAILURE_RULES[condition];
    it(`${condition}: ${rule.outcome}, resend ${rule.resend}${rule.stopsSend ? ', stops the send' : ''}`, async () => {
      const requests: { first: boolean }[] = [];
      const fetch = async (_url: string, init: RequestInit) => {
        const body = JSON.parse(init.body as string) as Sent;
        const first = body.messages.some((m) => m.content === '0' || m.to === '27999000000');
        requests.push({ first });
        return first && scenario.first ? scenario.first(body, init.signal!) : accept(body);
      };
      const options: Partial<ClientOptions> = {
        fetch,
        concurrency: 1,
        maxRetries: MAX_RETRIES,
        retry: { baseMs: 0, maxMs: 0 },
        ...scenario.options,
      };
      const results = await (scenario.run ?? ((o) => createClient({ apiKey: 'k', ...o }).send(texts(201))))(
        options,
      );
      const concerned = (scenario.concerned ?? ((r: SendResult[]) => r.slice(0, 200)))(results);
      expect(concerned.length).toBeGreaterThan(0);
      for (const r of concerned) {
        expect({ outcome: r.outcome, retryable: r.error?.retryable }).toEqual({
          outcome: rule.outcome,
          retryable: rule.resend !== 'never',
        });
      }
      // 'now' is retried inside the send, until the retries run out; nothing else is sent twice.
      const firstAttempts = requests.filter((r) => r.first).length;
      if (scenario.first && !scenario.run)
        expect(firstAttempts).toBe(rule.resend === 'now' ? MAX_RETRIES + 1 : 1);
      // A stop leaves the later batch unsent; otherwise it goes and is accepted.
      const later = results.slice(200);
      if (later.length > 0 && condition !== 'invalid') {
        const laterSent = requests.some((r) => !r.first);
        expect(laterSent).toBe(!rule.stopsSend);
        expect(later.every((r) => r.outcome === (rule.stopsSend ? 'not-sent' : 'accepted'))).toBe(true);
        if (rule.stopsSend) expect(later.every((r) => r.error?.retryable === true)).toBe(true);
      }
    });
  }
});

describe('FAILURE_RULES', () => {
  it('never resends what may have been accepted, and reports what never left as not-sent', () => {
    for (const [condition, rule] of Object.entries(FAILURE_RULES)) {
      if (rule.outcome === 'unknown')
        expect({ condition, resend: rule.resend }).toEqual({ condition, resend: 'never' });
      if (rule.outcome === 'not-sent')
        expect({ condition, resend: rule.resend }).not.toEqual({ condition, resend: 'never' });
    }
  });

  it('says what the documented rules say of throttles, 901 and failures before sending', () => {
    expect(FAILURE_RULES).toMatchObject({
      throttled: { outcome: 'not-sent', resend: 'now', stopsSend: true },
      'platform-busy': { outcome: 'rejected', resend: 'now', stopsSend: false },
      'connect-failed': { outcome: 'not-sent', resend: 'now', stopsSend: true },
      'permission-denied': { outcome: 'not-sent', resend: 'later', stopsSend: true },
      'port-blocked': { outcome: 'not-sent', resend: 'later', stopsSend: true },
      'account-refused': { outcome: 'rejected', resend: 'never', stopsSend: true },
      timeout: { outcome: 'unknown', resend: 'never', stopsSend: false },
      'connection-lost': { outcome: 'unknown', resend: 'never', stopsSend: false },
    });
  });
});

describe('CODE_CONDITIONS and the catalogs', () => {
  it('retry exactly the codes each catalog marks retryable, and treat One API throttles as throttles', () => {
    for (const info of Object.values(API_ERRORS))
      expect([info.code, conditionOfCode(info.code, 'wa') === 'platform-busy']).toEqual([
        info.code,
        info.retryable,
      ]);
    for (const info of Object.values(ONE_API_ERRORS)) {
      const condition = conditionOfCode(info.code, 'one');
      expect([info.code, FAILURE_RULES[condition].resend === 'now']).toEqual([info.code, info.retryable]);
      expect([info.code, condition === 'throttled']).toEqual([
        info.code,
        'throttle' in info && info.throttle === true,
      ]);
    }
    // 18 may follow acceptance: never resent, never called rejected.
    expect(conditionOfCode(18, 'one')).toBe('platform-error');
  });
});
