import * as v from 'valibot';
import { API_ERRORS, getApiError } from './catalogs/api-errors.ts';
import { fromValibotIssues } from './internal/from-valibot-issues.ts';
import { ok, type Result } from './result.ts';
import { SendResponseWireSchema } from './schemas/send-response.ts';

/** An error reported by the platform: its section-8 code (null when the platform sent none) and text. */
export interface PlatformError {
  readonly code: number | null;
  readonly description: string;
}

/** One message of a send response, normalized. */
export interface SendResponseMessage {
  readonly messageId: string | null;
  readonly clientMessageId: string | null;
  readonly accepted: boolean;
  readonly to: string | null;
  readonly error: PlatformError | null;
}

/** A send response, normalized: one error shape whatever the wire used. */
export interface SendResponse {
  readonly error: PlatformError | null;
  readonly messages: readonly SendResponseMessage[];
}

/**
 * The wire shape the platform sends (the spec's parameter table): `error` is the description, `errorCode`
 * the number. The emulator answers in exactly this shape.
 */
export interface SendResponseBody {
  error: string | null;
  errorCode: number | null;
  messages: {
    messageId: string | null;
    clientMessageId: string | null;
    accepted: boolean;
    to: string;
    error: string | null;
    errorCode: number | null;
  }[];
}

// Description -> code, for answers that carry only the text. `%s` descriptions match on their fixed prefix.
const CODE_BY_PREFIX = Object.values(API_ERRORS).map((e) => [e.description.split('%s')[0]!, e.code] as const);

function codeFromDescription(description: string): number | null {
  let best: readonly [string, number] | undefined;
  for (const entry of CODE_BY_PREFIX) {
    if (description.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}

type WireError =
  | string
  | { code?: number | null | undefined; description?: string | null | undefined }
  | null
  | undefined;

function toPlatformError(error: WireError, errorCode: number | null | undefined): PlatformError | null {
  const object = typeof error === 'object' && error !== null ? error : undefined;
  const text = typeof error === 'string' ? error.trim() : (object?.description?.trim() ?? '');
  const code = errorCode ?? object?.code ?? (text ? codeFromDescription(text) : null);
  if (code === null && !text) return null;
  return { code, description: text || (code === null ? 'Unknown error' : getApiError(code).description) };
}

const trimmed = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

const isNullish = (x: unknown): x is null | undefined => x === null || x === undefined;
const isOptionalString = (x: unknown): x is string | null | undefined =>
  isNullish(x) || typeof x === 'string';

/**
 * The common case, read without the schema: every message accepted, no errors, fields of their documented
 * types. A client sending in bulk parses one of these per 200 messages, and the schema's generality (unions
 * of error shapes, numeric strings) costs more than the rest of the client per message. Anything else,
 * including every answer with an error, goes through the schema.
 */
function parseAcceptedFast(json: unknown): SendResponse | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { error, errorCode, messages } = json as Record<string, unknown>;
  if (!isNullish(error) || !isNullish(errorCode) || !Array.isArray(messages)) return undefined;
  const out: SendResponseMessage[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as Record<string, unknown> | null;
    if (
      typeof m !== 'object' ||
      m === null ||
      m.accepted !== true ||
      !isNullish(m.error) ||
      !isNullish(m.errorCode) ||
      !isOptionalString(m.messageId) ||
      !isOptionalString(m.clientMessageId) ||
      !isOptionalString(m.to)
    ) {
      return undefined;
    }
    out[i] = {
      messageId: trimmed(m.messageId),
      clientMessageId: trimmed(m.clientMessageId),
      accepted: true,
      to: trimmed(m.to),
      error: null,
    };
  }
  return { error: null, messages: out };
}

/**
 * Parses the body of a `POST /wa/messages` answer. Reads `error` as null, a description or an object
 * `{ code, description }`, and `errorCode` as a number or a numeric string, because the spec leaves the
 * shape open; a code is recovered from a known description when the platform sent only the text.
 *
 * @example
 * const parsed = parseSendResponse(await response.json());
 * if (parsed.success) for (const m of parsed.output.messages) console.log(m.clientMessageId, m.messageId);
 */
export function parseSendResponse(json: unknown): Result<SendResponse> {
  const fast = parseAcceptedFast(json);
  if (fast) return ok(fast);
  const parsed = v.safeParse(SendResponseWireSchema, json);
  if (!parsed.success) return { success: false, issues: fromValibotIssues(parsed.issues) };
  const wire = parsed.output;
  return ok({
    error: toPlatformError(wire.error, wire.errorCode),
    messages: (wire.messages ?? []).map((m) => {
      const error = toPlatformError(m.error, m.errorCode);
      return {
        messageId: trimmed(m.messageId),
        clientMessageId: trimmed(m.clientMessageId),
        // A message without an explicit `accepted` counts as accepted only when it has an id and no error.
        accepted: m.accepted ?? (error === null && Boolean(trimmed(m.messageId))),
        to: trimmed(m.to),
        error,
      };
    }),
  });
}
