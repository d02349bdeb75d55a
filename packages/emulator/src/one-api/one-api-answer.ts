import { formatOneApiError, getOneApiError } from '@clickwa/core';

/** One API's error object, global or per message. */
export interface OneApiWireError {
  readonly code: number;
  readonly description: string;
}

/** One entry of a `POST /v1/message` (or `/v1/notification`) answer. */
export interface OneApiMessageResult {
  readonly apiMessageId?: string;
  /** `/v1/notification` only: the user message marked read. */
  readonly messageId?: string;
  readonly accepted: boolean;
  readonly to: string;
  readonly error: OneApiWireError | null;
  readonly clientMessageId?: string;
}

/** An answer: HTTP status and body; a global rejection has no `messages` (as One API's 401 sample shows). */
export interface OneApiAnswer {
  readonly status: number;
  readonly body:
    | { readonly error: OneApiWireError }
    | { readonly messages: readonly OneApiMessageResult[]; readonly error: null };
}

/**
 * When a request of several messages answers 207. One API's two sources disagree: `any-rejected` (the errors
 * table: at least one rejected, which "overrides" the other codes, so even an all-rejected batch is 207) and
 * `mixed` (the send page: only when the messages have different outcomes).
 */
export type MultiStatusRule = 'any-rejected' | 'mixed';

/** The error object of `code`, its description filled with `value` where the table has a placeholder. */
export function oneApiError(code: number, value?: string | number): OneApiWireError {
  return { code, description: formatOneApiError(code, value) };
}

/** A whole request refused: the error's HTTP status (400 for codes the table gives none) and no messages. */
export function globalError(code: number, value?: string | number): OneApiAnswer {
  return { status: getOneApiError(code).httpStatus ?? 400, body: { error: oneApiError(code, value) } };
}

/**
 * The HTTP status of per-message results: 202 when all are accepted; 207 for several messages by `rule`;
 * otherwise (one message, or all rejected under `mixed`) the rejection's own status (400, 402 for 20, 500 for
 * 18, 503 for 19), or 400 when the rejections' statuses differ.
 */
export function messagesStatus(results: readonly OneApiMessageResult[], rule: MultiStatusRule): number {
  const rejected = results.filter((r) => !r.accepted);
  if (rejected.length === 0) return 202;
  if (results.length > 1 && (rule === 'any-rejected' || rejected.length < results.length)) return 207;
  const statuses = new Set(
    rejected.map((r) => (r.error ? (getOneApiError(r.error.code).httpStatus ?? 400) : 400)),
  );
  return statuses.size === 1 ? [...statuses][0]! : 400;
}

/** Per-message results as an answer, with the status `messagesStatus` gives. */
export function messagesAnswer(results: readonly OneApiMessageResult[], rule: MultiStatusRule): OneApiAnswer {
  return { status: messagesStatus(results, rule), body: { messages: results, error: null } };
}

/** Serializes an answer. */
export function oneApiResponse(answer: OneApiAnswer, headers?: Readonly<Record<string, string>>): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
