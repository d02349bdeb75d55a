import { type ClickwaError, HttpError } from './errors.ts';
import { type MessageRef, type SendOutcome, type SendResult, sendResult } from './send-result.ts';

/** Why an attempt failed for a group of messages, and what to do about it. */
export interface Failure {
  readonly error: ClickwaError;
  /** The messages' outcome if they are not retried, or retries run out. */
  readonly outcome: SendOutcome;
  /** Whether sending them again is safe (nothing can have been accepted). */
  readonly retry: boolean;
  /** Whether, once final, this should stop every later request. */
  readonly stop: boolean;
  /** How long the platform asked to wait (`Retry-After`), in ms. */
  readonly retryAfterMs?: number;
}

/** What one attempt of a request settled: final results, and the messages that failed together. */
export interface AttemptOutcome<T extends MessageRef> {
  readonly done: SendResult[];
  readonly failed?: { readonly messages: readonly T[]; readonly failure: Failure };
  /** An error that means no later request can succeed. */
  readonly stop?: ClickwaError;
}

/** Every message of the attempt failed the same way. */
export function failAll<T extends MessageRef>(messages: readonly T[], failure: Failure): AttemptOutcome<T> {
  return { done: [], failed: { messages, failure } };
}

/** The final results of messages whose failure is not (or no longer) retried. */
export function settle(messages: readonly MessageRef[], failure: Failure): SendResult[] {
  return messages.map((m) => sendResult(m, failure.outcome, { error: failure.error }));
}

/**
 * The platform answered with a redirect: a wrong `baseUrl` (`http://` for `https://`, a proxy), which every
 * later request would meet too. Redirects are never followed, so the body and the key never go elsewhere;
 * nothing was accepted. `status` is 0 when the runtime does not say which (an opaque redirect in a browser, a
 * redirect refused by `fetch`).
 */
export function redirectFailure(status: number): Failure {
  const shown = status ? ` (HTTP ${status})` : '';
  const error = new HttpError(status, `The platform answered with a redirect${shown}; check baseUrl`);
  return { error, outcome: 'rejected', retry: false, stop: true };
}
