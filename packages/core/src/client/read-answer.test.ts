import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnswer } from './read-answer.ts';

const messages = [
  { index: 0, clientMessageId: 'a', to: '27999000001' },
  { index: 1, clientMessageId: 'b', to: '27999000002' },
];
const reply = (id: string, extra: object = {}) => ({
  clientMessageId: id,
  messageId: `m-${id}`,
  accepted: true,
  to: '1',
  error: null,
  ...extra,
});
const body = (x: unknown) => JSON.stringify(x);

describe('readAnswer', () => {
  it('accepts and rejects per message', () => {
    const out = readAnswer(messages, {
      status: 202,
      text: body({
        error: null,
        messages: [
          reply('b', {
            accepted: false,
            messageId: null,
            error: 'Number 2 is not approved WhatsApp number',
            errorCode: 159,
          }),
          reply('a'),
        ],
      }),
    });
    expect(out.retry).toBeUndefined();
    expect(out.done.map((r) => [r.clientMessageId, r.outcome, r.messageId, r.error?.code])).toEqual([
      ['a', 'accepted', 'm-a', undefined],
      ['b', 'rejected', undefined, 159],
    ]);
  });

  it('applies a top-level error to every message it does not accept, and stops on account errors', () => {
    const out = readAnswer(messages, {
      status: 202,
      text: body({ error: 'Integration is not active', errorCode: 2, messages: [] }),
    });
    expect(out.done.map((r) => [r.outcome, r.error?.code])).toEqual([
      ['rejected', 2],
      ['rejected', 2],
    ]);
    expect(out.stop?.code).toBe(2);
  });

  it('recovers the code from a description-only error', () => {
    const out = readAnswer(messages, {
      status: 202,
      text: body({ error: 'Invalid or missing Integration API Key', messages: [] }),
    });
    expect(out.stop).toMatchObject({ name: 'InvalidApiKeyError', code: 1 });
  });

  it('retries 901 for the messages not accepted, keeping the accepted ones', () => {
    const out = readAnswer(messages, {
      status: 202,
      text: body({
        error: 'Internal error - please retry',
        errorCode: 901,
        messages: [reply('a'), reply('b', { accepted: false, messageId: null })],
      }),
      retryAfterMs: 10,
    });
    expect(out.done.map((r) => r.clientMessageId)).toEqual(['a']);
    expect(out.retry?.messages.map((m) => m.clientMessageId)).toEqual(['b']);
    expect(out.retry?.failure).toMatchObject({
      condition: 'platform-busy',
      retryAfterMs: 10,
      error: { code: 901, retryable: true },
    });
  });

  it('applies a top-level error to a message left out only when the answer lists no message', () => {
    const requestLevel = readAnswer(messages, {
      status: 202,
      text: body({ error: 'Internal error - please retry', errorCode: 901, messages: [] }),
    });
    expect(requestLevel.retry?.messages.map((m) => m.clientMessageId)).toEqual(['a', 'b']);
    // Listed answers mean the platform went message by message: the one left out may have been accepted, so
    // it is neither resent (901) nor called rejected (another code).
    for (const errorCode of [901, 900]) {
      const out = readAnswer(messages, {
        status: 202,
        text: body({ error: 'Internal error', errorCode, messages: [reply('a')] }),
      });
      expect(out.retry).toBeUndefined();
      expect(out.done.map((r) => [r.clientMessageId, r.outcome, r.error?.code])).toEqual([
        ['a', 'accepted', undefined],
        ['b', 'unknown', 'http-status'],
      ]);
    }
  });

  it('retries 429 whatever the body', () => {
    const out = readAnswer(messages, { status: 429, text: 'slow down', retryAfterMs: 2_000 });
    expect(out.retry?.failure).toMatchObject({
      condition: 'throttled',
      retryAfterMs: 2_000,
      error: { status: 429, retryable: true },
    });
  });

  it('treats answers without a readable body by status', () => {
    const cases: [number, string | undefined, string, boolean][] = [
      [202, '', 'unknown', false],
      [200, '{}', 'unknown', false],
      [202, '<html>', 'unknown', false],
      [500, 'oops', 'unknown', false],
      [502, undefined, 'unknown', false],
      // A 5xx whose JSON names no section-8 code is a gateway's page, not the platform's verdict.
      [500, body({ error: 'Internal Server Error', errorCode: null, messages: [] }), 'unknown', false],
      [503, body({ error: 'Service Unavailable' }), 'unknown', false],
      // Even when its text reads like one of the platform's: a proxy's words, not a code the platform sent.
      [502, body({ error: 'Internal error' }), 'unknown', false],
      [503, body({ error: 'Internal error - please retry' }), 'unknown', false],
      // A code that is not a section-8 one is a gateway's own (504, 503), whatever field it comes in.
      [504, body({ error: { code: 504, message: 'Gateway Timeout' } }), 'unknown', false],
      [503, body({ errorCode: 503, error: 'Service Unavailable' }), 'unknown', false],
      [401, '', 'rejected', true],
      [404, 'no', 'rejected', true],
      // A web server's JSON on a wrong endpoint or credentials stops the send like an empty body does.
      [401, body({ error: 'Unauthorized' }), 'rejected', true],
      [403, body({ error: { code: 403, description: 'Forbidden' } }), 'rejected', true],
      [404, body({ status: 404, error: 'Not Found', path: '/wa/messages' }), 'rejected', true],
      [413, 'too big', 'rejected', false],
      [302, '', 'rejected', true],
      [0, '', 'rejected', true],
    ];
    for (const [status, text, outcome, stop] of cases) {
      const out = readAnswer(messages, { status, text });
      expect({
        status,
        outcomes: out.done.map((r) => r.outcome),
        stop: out.stop !== undefined,
        retry: out.retry,
        retryable: out.done.map((r) => r.error?.retryable),
      }).toEqual({ status, outcomes: [outcome, outcome], stop, retry: undefined, retryable: [false, false] });
    }
  });

  it('reads a section-8 error on a 401 or 404, even one given in words only', () => {
    const words = readAnswer(messages, {
      status: 401,
      text: body({ error: 'Invalid or missing Integration API Key' }),
    });
    expect(words.stop).toMatchObject({ name: 'InvalidApiKeyError', code: 1 });
    const coded = readAnswer(messages, { status: 404, text: body({ errorCode: 2 }) });
    expect(coded.stop).toMatchObject({ code: 2 });
  });

  it('trusts a readable error body on a 5xx (901 is retried)', () => {
    const out = readAnswer(messages, {
      status: 503,
      text: body({ error: null, errorCode: 901, messages: [] }),
    });
    expect(out.retry?.failure.condition).toBe('platform-busy');
    const coded = readAnswer(messages, {
      status: 503,
      text: body({ error: { code: 901, description: 'Internal error - please retry' } }),
    });
    expect(coded.retry?.failure.condition).toBe('platform-busy');
  });

  it('reports a message the answer leaves out as unknown', () => {
    const out = readAnswer(messages, {
      status: 202,
      text: body({ error: null, messages: [reply('a')] }),
    });
    expect(out.done.map((r) => r.outcome)).toEqual(['accepted', 'unknown']);
    expect(out.done[1]!.error).toMatchObject({ name: 'HttpError', status: 202, retryable: false });
  });

  it('rejects a message answered not-accepted without a reason', () => {
    const out = readAnswer(messages, {
      status: 202,
      text: body({ messages: [reply('a', { accepted: false, messageId: null }), reply('b')] }),
    });
    expect(out.done[0]).toMatchObject({ outcome: 'rejected', error: { code: 'api-error' } });
  });

  it('redacts platform text', () => {
    const out = readAnswer(messages, {
      status: 202,
      text: body({ error: 'bad key SECRET', errorCode: 1 }),
      redact: (t) => t.replace('SECRET', '[redacted]'),
    });
    expect(out.stop?.description).toBe('bad key [redacted]');
  });
});

describe('readAnswer: answers per message', () => {
  it('stops later requests on an account-level code given on one message, not only at the top', () => {
    const out = readAnswer(messages, {
      status: 202,
      text: body({
        error: null,
        messages: [
          reply('a', { messageId: null, accepted: false, error: 'IP lockdown', errorCode: 109 }),
          reply('b'),
        ],
      }),
    });
    expect(out.done.map((r) => r.outcome)).toEqual(['rejected', 'accepted']);
    expect(out.stop).toMatchObject({ name: 'IpLockdownError', code: 109 });
  });

  it('reads accepted: "TRUE" as accepted (calling it rejected would have it sent twice)', () => {
    const out = readAnswer([messages[0]!], {
      status: 202,
      text: body({ messages: [{ messageId: 'm-a', clientMessageId: 'a', to: '1', accepted: 'TRUE' }] }),
    });
    expect(out.done[0]).toMatchObject({ outcome: 'accepted', messageId: 'm-a' });
  });

  it('does not take a message with an id and an error, but no accepted, for accepted', () => {
    const out = readAnswer([messages[0]!], {
      status: 202,
      text: body({ messages: [{ messageId: 'm-a', clientMessageId: 'a', to: '1', errorCode: 100 }] }),
    });
    expect(out.done[0]).toMatchObject({ outcome: 'rejected', error: { code: 100 } });
  });
});

describe('readAnswer: answers in the request order or not', () => {
  // An answer in the request's order is paired without an index; one whose ids carry spaces (which the parser
  // trims) is paired through one. Both must give the same results.
  const answer = fc.record({
    messageId: fc.oneof(
      { weight: 8, arbitrary: fc.stringMatching(/^[0-9a-f]{8}$/) },
      { weight: 1, arbitrary: fc.constantFrom(' m-1 ', '  ', '', null, 7) },
    ),
    accepted: fc.oneof(
      { weight: 8, arbitrary: fc.constant(true) },
      fc.constantFrom(false, 'true', null, 'yes'),
    ),
    to: fc.oneof({ weight: 8, arbitrary: fc.constant('27999000001') }, fc.constantFrom(null, 5)),
    // Unreadable error shapes too: the general reading refuses the whole answer for them.
    error: fc.oneof(
      { weight: 8, arbitrary: fc.constant(null) },
      fc.constantFrom('Invalid destination', '', { code: 'x' }),
    ),
    errorCode: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, fc.constantFrom(114, '105', 'abc')),
  });
  const comparable = (outcome: ReturnType<typeof readAnswer>) => ({
    done: outcome.done.map((r) => ({
      ...r,
      error: r.error && [r.error.name, r.error.code, r.error.message],
    })),
    failed: outcome.retry && [outcome.retry.messages.map((m) => m.index), outcome.retry.failure.error.code],
    stop: outcome.stop?.code,
  });

  it('reads it as the general reading does', () => {
    fc.assert(
      fc.property(
        fc.array(answer, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(null, 'Internal error - please retry'),
        (answers, topError) => {
          const sent = answers.map((_, index) => ({
            index,
            clientMessageId: `id-${index}`,
            to: '27999000001',
          }));
          const body = (pad: string) =>
            JSON.stringify({
              error: topError,
              messages: answers.map((a, i) => ({ ...a, clientMessageId: `${pad}id-${i}${pad}` })),
            });
          const direct = readAnswer(sent, { status: 202, text: body('') });
          const general = readAnswer(sent, { status: 202, text: body(' ') });
          expect(comparable(direct)).toEqual(comparable(general));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives every message its id, trimmed', () => {
    const text = JSON.stringify({ error: null, messages: [reply('a'), reply('b', { messageId: ' m-b ' })] });
    const { done, retry, stop } = readAnswer(messages, { status: 202, text });
    expect(done.map((r) => [r.index, r.outcome, r.messageId])).toEqual([
      [0, 'accepted', 'm-a'],
      [1, 'accepted', 'm-b'],
    ]);
    expect([retry, stop]).toEqual([undefined, undefined]);
  });
});
