import type { ClickatellApi } from '../api.ts';
import { isApiErrorCode } from '../catalogs/api-errors.ts';
import { isObject } from '../internal/is-object.ts';
import { type PlatformError, parseSendResponse, type SendResponse } from '../parse-send-response.ts';
import { redirectFailure } from './classify-fetch-error.ts';
import { ApiError, type ClickwaError, HttpError, IpLockdownError } from './errors.ts';
import {
  type AttemptOutcome,
  conditionOfCode,
  FAILURE_RULES,
  type Failure,
  type FailureCondition,
  isResendable,
  settle,
} from './failure-rules.ts';
import { type MessageRef, matchResponse, type SendResult, sendResult } from './send-result.ts';

/** An HTTP answer to one attempt. */
export interface Answer {
  /** Which API answered; default `wa`. */
  readonly api?: ClickatellApi;
  readonly status: number;
  /** The body as text; undefined if none could be read. */
  readonly text: string | undefined;
  /** What `Retry-After` asked for, already parsed and capped. */
  readonly retryAfterMs?: number;
  /** Removes secrets (the API key) from text the platform sent back. */
  readonly redact?: (text: string) => string;
}

interface Body {
  readonly response: SendResponse;
  /** Whether the answer's error is a section-8 code, named by the answer itself or read from its text. */
  readonly cataloged: boolean;
  /** Whether the answer named a section-8 code itself (`errorCode`, `error.code`), not only a text that reads like one. */
  readonly coded: boolean;
}

function readBody(text: string | undefined, api: ClickatellApi): Body | undefined {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
  if (json === undefined) return undefined;
  const parsed = parseSendResponse(json, { api });
  // `{}` parses, but says nothing: only an answer with an error or messages counts as one.
  if (!parsed.success || (parsed.output.error === null && parsed.output.messages.length === 0))
    return undefined;
  const { errorCode, error } = json as Record<string, unknown>;
  const named = errorCode != null || (isObject(error) && error.code != null);
  // One API always names its code; the legacy API sometimes gives only the text of one.
  const cataloged = api === 'one' ? named : isApiErrorCode(parsed.output.error?.code);
  return { response: parsed.output, cataloged, coded: cataloged && named };
}

// Statuses that mean the endpoint or the credentials are wrong: every later request would get the same.
const ENDPOINT_STATUSES: ReadonlySet<number> = new Set([401, 403, 404, 405]);

/**
 * Whether a body is the platform's word for its status. On a 5xx only per-message answers or a section-8 code the
 * answer names itself count: a gateway's `{"error":"Internal error"}` reads like code 900 and its
 * `{"error":{"code":504}}` names a code, but neither says whether the messages were accepted. On a 401, 403, 404
 * or 405 a section-8 error given in words only counts too ("Invalid or missing Integration API Key"); a web
 * server's `{"error":"Not Found"}` does not.
 */
function isVerdict(status: number, { response, cataloged, coded }: Body): boolean {
  if (response.messages.length > 0) return true;
  if (status >= 500) return coded;
  return ENDPOINT_STATUSES.has(status) ? cataloged : true;
}

/** The failure of an answer that is not the platform's verdict, by its status alone. */
function withoutVerdict(status: number, api: ClickatellApi): Failure {
  const failure = (condition: FailureCondition, text: string): Failure => ({
    condition,
    error: new HttpError(status, text, { retryable: isResendable(condition) }),
  });
  // The legacy spec's only 401 is code 7.
  if (status === 401 && api === 'wa')
    return { condition: 'endpoint-refused', error: new IpLockdownError(7, undefined, 401) };
  // One API: out of funds, for this request and every later one.
  if (status === 402 && api === 'one')
    return failure('account-refused', 'The account is out of funds (HTTP 402)');
  if (status >= 400 && status < 500)
    return failure(
      ENDPOINT_STATUSES.has(status) ? 'endpoint-refused' : 'request-refused',
      `The platform refused the request (HTTP ${status})`,
    );
  const shown = status >= 200 && status < 300 ? 'without a send response' : 'without a readable answer';
  return failure('no-verdict', `HTTP ${status} ${shown}; the messages may have been accepted`);
}

/**
 * What an answer means for each message of the request (the conditions are `FAILURE_RULES`'): 429 is a throttle
 * and a 3xx a redirect, whatever the body; a body that is the platform's verdict answers each message by its
 * `clientMessageId`, a top-level error answering every message when the answer lists none (once it lists some,
 * the platform went message by message, and one it leaves out may have been accepted); any other answer is
 * judged by its status.
 */
export function readAnswer<T extends MessageRef>(messages: readonly T[], answer: Answer): AttemptOutcome<T> {
  const { status, retryAfterMs, api = 'wa' } = answer;
  if (status === 429) {
    const error = new HttpError(429, 'The platform is throttling requests (HTTP 429)', { retryable: true });
    return settle(messages, { condition: 'throttled', error, retryAfterMs });
  }
  // One API's 503 is its "Internal error, please retry" (19), whatever the body.
  if (status === 503 && api === 'one') {
    const error = new HttpError(503, 'The platform asks to retry (HTTP 503)', { retryable: true });
    return settle(messages, { condition: 'platform-busy', error, retryAfterMs });
  }
  // `redirect: 'manual'` yields a 3xx, or status 0 (an opaque redirect) in browsers.
  if (status === 0 || (status >= 300 && status < 400)) return settle(messages, redirectFailure(status));
  const body = readBody(answer.text, api);
  if (!body || !isVerdict(status, body)) return settle(messages, withoutVerdict(status, api));
  const { response } = body;

  const redact = answer.redact ?? ((t: string) => t);
  const apiError = (e: PlatformError) =>
    ApiError.from({ code: e.code, description: redact(e.description) }, status, api);
  const top = response.error ? apiError(response.error) : undefined;
  const requestLevel = response.messages.length === 0 ? top : undefined;
  let leftOut: HttpError | undefined;
  let stop: ClickwaError | undefined;
  let retry: { messages: T[]; failure: Failure } | undefined;
  const done: SendResult[] = [];
  const matched = matchResponse(messages, response.messages);
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    const reply = matched[i];
    if (reply?.accepted) {
      done.push(sendResult(message, 'accepted', { messageId: reply.messageId }));
      continue;
    }
    const error = reply
      ? reply.error
        ? apiError(reply.error)
        : (top ?? new ApiError(null, 'The platform did not accept the message and gave no reason', status))
      : requestLevel;
    if (!error) {
      leftOut ??= new HttpError(
        status,
        'The answer does not mention this message; it may have been accepted',
      );
      done.push(sendResult(message, FAILURE_RULES['left-out'].outcome, { error: leftOut }));
      continue;
    }
    const condition = conditionOfCode(typeof error.code === 'number' ? error.code : null, api);
    const rule = FAILURE_RULES[condition];
    if (rule.resend === 'now') {
      retry ??= { messages: [], failure: { condition, error, retryAfterMs } };
      retry.messages.push(message);
    } else {
      if (rule.stopsSend) stop ??= error;
      done.push(sendResult(message, rule.outcome, { error }));
    }
  }
  return { done, ...(retry ? { retry } : {}), ...(stop ? { stop } : {}) };
}
