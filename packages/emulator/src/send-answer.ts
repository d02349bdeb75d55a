import { formatApiError, getApiError, type SendResponseBody } from '@clickwa/core';

/** One message of a send answer, in the core's wire shape. */
export type MessageResult = SendResponseBody['messages'][number];

/** An answer to `POST /wa/messages`: HTTP status, the core's wire body, and any extra headers. */
export interface SendAnswer {
  readonly status: number;
  readonly body: SendResponseBody;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A whole request rejected with a section-8 code: the catalog's HTTP status (202, or 401 for 7) and its
 * description with `%s` filled by `value`, and no messages.
 */
export function requestError(code: number, value?: string): SendAnswer {
  return {
    status: getApiError(code).httpStatus,
    body: { error: formatApiError(code, value), errorCode: code, messages: [] },
  };
}

/** A message the platform accepted. */
export function acceptedResult(messageId: string, clientMessageId: string | null, to: string): MessageResult {
  return { messageId, clientMessageId, accepted: true, to, error: null, errorCode: null };
}

/** A message the platform rejected with `code`; `value` fills the description's `%s`. */
export function rejectedResult(
  code: number,
  clientMessageId: string | null,
  to: string,
  value?: string,
): MessageResult {
  return {
    messageId: null,
    clientMessageId,
    accepted: false,
    to,
    error: formatApiError(code, value),
    errorCode: code,
  };
}

/** Any other answer (malformed JSON, an emulated 500), still in the wire shape so parsers do not choke. */
export function plainAnswer(
  status: number,
  error: string,
  headers?: Readonly<Record<string, string>>,
): SendAnswer {
  return { status, body: { error, errorCode: null, messages: [] }, ...(headers ? { headers } : {}) };
}
