/**
 * One callback delivery attempt, as the `onDelivery` hook sees it: what was sent where, what came back, and
 * what happens next. The Node runner prints the failed ones, like `stripe listen`.
 */
export interface DeliveryEvent {
  readonly kind: 'status' | 'inbound';
  readonly url: string;
  /** The outbound message a status is about, or the inbound message's id. */
  readonly messageId: string;
  /** Status callbacks: the status code and name. */
  readonly statusCode?: number;
  readonly status?: string;
  readonly duplicate: boolean;
  /** This attempt's number, from 1, and how many attempts there are at most (1 + the retries). */
  readonly attempt: number;
  readonly attempts: number;
  /** When the attempt left (the emulator's clock, epoch ms) and how long the answer took. */
  readonly at: number;
  readonly durationMs: number;
  /** The receiver's HTTP status, or null when there was no answer (refused, reset, timed out). */
  readonly httpStatus: number | null;
  readonly error?: string;
  readonly delivered: boolean;
  /** Milliseconds until the next attempt; absent when this was the last one. */
  readonly nextAttemptInMs?: number;
  /** Not delivered and no attempt follows: the callback is given up. */
  readonly gaveUp: boolean;
}

/** Describes a failed or given-up delivery in one line, for a terminal; undefined for a delivered one. */
export function formatDeliveryFailure(e: DeliveryEvent): string | undefined {
  if (e.delivered) return undefined;
  const what = e.kind === 'status' ? `status ${e.statusCode} ${e.status ?? ''}`.trimEnd() : 'inbound message';
  const answer = e.httpStatus === null ? (e.error ?? 'no answer') : `HTTP ${e.httpStatus}`;
  const hint = e.httpStatus === 401 || e.httpStatus === 403 ? ' (the receiver refused the credentials)' : '';
  const next =
    e.nextAttemptInMs === undefined
      ? `gave up after ${e.attempt} attempt${e.attempt === 1 ? '' : 's'}`
      : `next try in ${e.nextAttemptInMs} ms`;
  return `${new Date(e.at).toISOString()} callback failed: ${what} of message ${e.messageId} to ${e.url}: ${answer}${hint}; attempt ${e.attempt} of ${e.attempts}, ${next}`;
}
