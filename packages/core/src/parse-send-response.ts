import type { ClickatellApi } from './api.ts';
import { findApiErrorCode, getApiError } from './catalogs/api-errors.ts';
import { isObject } from './internal/is-object.ts';
import { type Issue, ok, type Result } from './result.ts';

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

type Path = readonly (string | number)[];

// What an answer could not be read for. Paths are built only for a fault: a bulk send reads an answer per
// 200 messages, and allocating a path per field of every message would cost more than the reading.
interface Reader {
  readonly api: ClickatellApi;
  readonly issues: Issue[];
  /** `index`: the message, or undefined for the answer itself. */
  report(index: number | undefined, keys: Path, message: string): void;
}

const isNullish = (x: unknown): x is null | undefined => x === null || x === undefined;
const NUMERIC = /^\d+$/;
const TRUE_OR_FALSE = /^(true|false)$/i;

function createReader(api: ClickatellApi): Reader {
  const issues: Issue[] = [];
  return {
    api,
    issues,
    report(index, keys, message) {
      const path = index === undefined ? [...keys] : ['messages', index, ...keys];
      issues.push({ message: `${path.join('.') || 'answer'}: ${message}`, severity: 'error', path });
    },
  };
}

/** `errorCode`, or `error.code`: a whole number, a numeric string, or null. */
function readCode(value: unknown, index: number | undefined, keys: Path, reader: Reader): number | null {
  if (isNullish(value)) return null;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
  reader.report(index, keys, 'must be a whole number or a numeric string');
  return null;
}

function readText(value: unknown, index: number | undefined, keys: Path, reader: Reader): string | null {
  if (isNullish(value)) return null;
  if (typeof value === 'string') return value;
  reader.report(index, keys, 'must be a string');
  return null;
}

const ERROR_CODE: Path = ['errorCode'];
const ERROR: Path = ['error'];

/** `error` and `errorCode` of the answer or of one message, as one error (null when there is none). */
function readError(
  owner: Record<string, unknown>,
  index: number | undefined,
  reader: Reader,
): PlatformError | null {
  const { error, errorCode } = owner;
  if (isNullish(error) && isNullish(errorCode)) return null;
  let code = readCode(errorCode, index, ERROR_CODE, reader);
  let text = '';
  if (typeof error === 'string') text = error.trim();
  else if (isObject(error)) {
    const inner = readCode(error.code, index, ['error', 'code'], reader);
    code ??= inner;
    text = readText(error.description, index, ['error', 'description'], reader)?.trim() ?? '';
  } else if (!isNullish(error)) {
    reader.report(index, ERROR, 'must be null, a description or { code, description }');
  }
  // One API always sends the code; the legacy catalog's texts are the legacy API's only.
  const legacy = reader.api === 'wa';
  if (legacy) code ??= text ? findApiErrorCode(text) : null;
  if (code === null && !text) return null;
  const known = code === null ? 'Unknown error' : legacy ? getApiError(code).description : `Error ${code}`;
  return { code, description: text || known };
}

const trimmed = (s: string | null): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

const MESSAGE_ID: Path = ['messageId'];
const API_MESSAGE_ID: Path = ['apiMessageId'];
const CLIENT_MESSAGE_ID: Path = ['clientMessageId'];
const TO: Path = ['to'];
const ACCEPTED: Path = ['accepted'];

function readMessage(m: unknown, index: number, reader: Reader): SendResponseMessage {
  if (!isObject(m)) {
    reader.report(index, [], 'must be an object');
    return { messageId: null, clientMessageId: null, accepted: false, to: null, error: null };
  }
  const error = readError(m, index, reader);
  // One API names the id `apiMessageId`.
  const oneApi = reader.api === 'one' && m.apiMessageId !== undefined;
  const messageId = trimmed(
    readText(oneApi ? m.apiMessageId : m.messageId, index, oneApi ? API_MESSAGE_ID : MESSAGE_ID, reader),
  );
  let accepted: boolean | undefined;
  if (typeof m.accepted === 'boolean') accepted = m.accepted;
  else if (typeof m.accepted === 'string' && TRUE_OR_FALSE.test(m.accepted))
    accepted = m.accepted.toLowerCase() === 'true';
  else if (!isNullish(m.accepted)) reader.report(index, ACCEPTED, 'must be true or false');
  return {
    messageId,
    clientMessageId: trimmed(readText(m.clientMessageId, index, CLIENT_MESSAGE_ID, reader)),
    // A message without an explicit `accepted` counts as accepted only when it has an id and no error.
    accepted: accepted ?? (error === null && messageId !== null),
    to: trimmed(readText(m.to, index, TO, reader)),
    error,
  };
}

/** Options of `parseSendResponse`. */
export interface ParseSendResponseOptions {
  /** Which API answered: One API's per-message id is `apiMessageId`. Default `wa`. */
  readonly api?: ClickatellApi;
}

/**
 * Parses the body of a `POST /wa/messages` (or One API's `POST /v1/message`) answer. Reads `error` as null, a description or an object
 * `{ code, description }`, `errorCode` as a number or a numeric string, and `accepted` as a boolean or
 * `"true"`/`"false"`, because the spec leaves the shapes open; a code is recovered from a known description
 * when the platform sent only the text. Unknown fields are ignored.
 *
 * It reads exactly what `SendResponseWireSchema` accepts (a property test holds the two together) but by
 * hand: it runs once per request of every bulk send, and keeps the client's bundle free of the schema library.
 *
 * @example
 * const parsed = parseSendResponse(await response.json());
 * if (parsed.success) for (const m of parsed.output.messages) console.log(m.clientMessageId, m.messageId);
 */
export function parseSendResponse(
  json: unknown,
  options: ParseSendResponseOptions = {},
): Result<SendResponse> {
  const reader = createReader(options.api ?? 'wa');
  if (!isObject(json)) {
    reader.report(undefined, [], 'must be a JSON object');
    return { success: false, issues: reader.issues };
  }
  const error = readError(json, undefined, reader);
  const { messages } = json;
  let out: SendResponseMessage[] = [];
  if (Array.isArray(messages)) {
    out = new Array(messages.length);
    for (let i = 0; i < messages.length; i++) out[i] = readMessage(messages[i], i, reader);
  } else if (!isNullish(messages)) {
    reader.report(undefined, ['messages'], 'must be an array');
  }
  if (reader.issues.length > 0) return { success: false, issues: reader.issues };
  return ok({ error, messages: out });
}
