import type { ClickatellApi } from '../api.ts';
import type { ClickwaError } from './errors.ts';
import { type MessageRef, type SendOutcome, type SendResult, sendResult } from './send-result.ts';

/**
 * When a message that failed may be sent again:
 * - `now`: automatically, inside the send (up to `maxRetries` times): nothing can have been accepted;
 * - `later`: by the caller, at another time: the platform certainly did not accept it and the same message may
 *   succeed then (a 901 or a throttle that outlasted its retries, a send stopped before it);
 * - `never` unchanged: it may have been accepted (`unknown`), or it would fail the same way (an invalid number,
 *   a bad template, a wrong key).
 */
export type Resend = 'now' | 'later' | 'never';

/** What the client does about one condition it can observe. */
export interface FailureRule {
  /** The result's outcome once the condition is final (for `now`: once the retries have run out). */
  readonly outcome: Exclude<SendOutcome, 'accepted'>;
  readonly resend: Resend;
  /** Whether it ends the send: the batch's other attempts and every later message are `not-sent`. */
  readonly stopsSend: boolean;
}

/**
 * Every condition the client can observe, and what it does about it. The conditions before the first byte of a
 * request left are `not-sent`; anything after it may have reached the platform and is `unknown` unless the
 * platform answered for the message. docs/decisions.md ("The send client") gives the reasons.
 */
export const FAILURE_RULES = {
  /** Connection refused, DNS failure, host or network unreachable, connect timeout. */
  'connect-failed': { outcome: 'not-sent', resend: 'now', stopsSend: true },
  /** A failed TLS handshake: the same certificate would fail again. */
  'tls-failed': { outcome: 'not-sent', resend: 'later', stopsSend: true },
  /** The runtime forbids the request (Deno without `--allow-net`). */
  'permission-denied': { outcome: 'not-sent', resend: 'later', stopsSend: true },
  /** `fetch` refuses the port itself (Fetch's list of bad ports). */
  'port-blocked': { outcome: 'not-sent', resend: 'later', stopsSend: true },
  /** No complete answer within `timeoutMs`. */
  timeout: { outcome: 'unknown', resend: 'never', stopsSend: false },
  /** A reset, or any rejection of `fetch` that cannot be placed before the request left. */
  'connection-lost': { outcome: 'unknown', resend: 'never', stopsSend: false },
  /** HTTP 429, whatever the body; One API's code 43 ("Rate limit", sent as HTTP 400). */
  throttled: { outcome: 'not-sent', resend: 'now', stopsSend: true },
  /** Code 901 (One API: 19, or HTTP 503) for the whole request or for one message. */
  'platform-busy': { outcome: 'rejected', resend: 'now', stopsSend: false },
  /** A code about the key, the integration or the account (`CODE_CONDITIONS`): every later request would fail too. */
  'account-refused': { outcome: 'rejected', resend: 'never', stopsSend: true },
  /** One API's 500 and its code 18 ("Internal error"): the platform may have accepted the messages. */
  'platform-error': { outcome: 'unknown', resend: 'never', stopsSend: false },
  /** Any other section-8 code, for the whole request or for one message. */
  'message-refused': { outcome: 'rejected', resend: 'never', stopsSend: false },
  /** HTTP 401, 403, 404 or 405 without a section-8 error: wrong credentials or a wrong `baseUrl`. */
  'endpoint-refused': { outcome: 'rejected', resend: 'never', stopsSend: true },
  /** Any other 4xx without a section-8 error. */
  'request-refused': { outcome: 'rejected', resend: 'never', stopsSend: false },
  /** A 3xx (never followed: the body and the key go nowhere else): a wrong `baseUrl`. */
  redirect: { outcome: 'rejected', resend: 'never', stopsSend: true },
  /** A 2xx or 5xx without the platform's verdict (no per-message answers, no section-8 code of its own). */
  'no-verdict': { outcome: 'unknown', resend: 'never', stopsSend: false },
  /** The status came but the body could not be read. */
  'unreadable-answer': { outcome: 'unknown', resend: 'never', stopsSend: false },
  /** The answer lists messages but not this one. */
  'left-out': { outcome: 'unknown', resend: 'never', stopsSend: false },
  /** The caller aborted before the request left. */
  'aborted-before-send': { outcome: 'not-sent', resend: 'later', stopsSend: true },
  /** The caller aborted while the request was in flight. */
  'aborted-in-flight': { outcome: 'unknown', resend: 'never', stopsSend: true },
  /** The client's validation refused the message; it was never sent. */
  invalid: { outcome: 'rejected', resend: 'never', stopsSend: false },
  /** The message source threw: the messages read before it were not sent. */
  'source-failed': { outcome: 'not-sent', resend: 'later', stopsSend: true },
  /** A failure the client did not foresee, after the request may have left. */
  unexpected: { outcome: 'unknown', resend: 'never', stopsSend: false },
} as const satisfies Record<string, FailureRule>;

/** A condition of `FAILURE_RULES`. */
export type FailureCondition = keyof typeof FAILURE_RULES;

/**
 * Whether an error for `condition` says the message is safe to send again: `later`, or `now` once the client's
 * own retries have run out.
 */
export const isResendable = (condition: FailureCondition): boolean =>
  FAILURE_RULES[condition].resend !== 'never';

/**
 * The platform's codes that mean more than "this message is refused", per API; any other code is
 * `message-refused`. Account codes: every later request would fail the same way.
 */
export const CODE_CONDITIONS = {
  wa: {
    1: 'account-refused',
    2: 'account-refused',
    3: 'account-refused',
    7: 'account-refused',
    109: 'account-refused',
    901: 'platform-busy',
  },
  one: {
    1: 'account-refused',
    2: 'account-refused',
    3: 'account-refused',
    7: 'account-refused',
    18: 'platform-error',
    19: 'platform-busy',
    20: 'account-refused',
    38: 'account-refused',
    39: 'account-refused',
    41: 'endpoint-refused',
    42: 'endpoint-refused',
    43: 'throttled',
    46: 'account-refused',
  },
} as const satisfies Record<ClickatellApi, Readonly<Record<number, FailureCondition>>>;

/** The condition of a platform's error code. */
export function conditionOfCode(code: number | null, api: ClickatellApi = 'wa'): FailureCondition {
  const conditions: Readonly<Record<number, FailureCondition>> = CODE_CONDITIONS[api];
  return (code !== null && conditions[code]) || 'message-refused';
}

/** A failure met by a group of messages: its condition, the error their results carry, and the wait asked for. */
export interface Failure {
  readonly condition: FailureCondition;
  readonly error: ClickwaError;
  /** How long the platform asked to wait (`Retry-After`), in ms. */
  readonly retryAfterMs?: number;
}

/** What one attempt settled: final results, the messages to send again now, and an error that ends the send. */
export interface AttemptOutcome<T extends MessageRef> {
  readonly done: SendResult[];
  readonly retry?: { readonly messages: readonly T[]; readonly failure: Failure };
  readonly stop?: ClickwaError;
}

/**
 * Applies a failure's rule to a group of messages: kept to be sent again when it is resent `now`, otherwise
 * settled with the rule's outcome, ending the send if the rule says so.
 */
export function settle<T extends MessageRef>(messages: readonly T[], failure: Failure): AttemptOutcome<T> {
  const rule = FAILURE_RULES[failure.condition];
  if (rule.resend === 'now') return { done: [], retry: { messages, failure } };
  const done = messages.map((m) => sendResult(m, rule.outcome, { error: failure.error }));
  return rule.stopsSend ? { done, stop: failure.error } : { done };
}

/**
 * The error of a message the send stopped before: the stopping error itself, marked safe to send again (the
 * message never left), with its class, code and status kept.
 */
export function notSentError(stop: ClickwaError): ClickwaError {
  if (stop.retryable) return stop;
  const copy: ClickwaError = Object.create(
    Object.getPrototypeOf(stop),
    Object.getOwnPropertyDescriptors(stop),
  );
  (copy as { retryable: boolean }).retryable = true;
  return copy;
}
