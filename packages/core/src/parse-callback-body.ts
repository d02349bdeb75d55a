import type { ClickatellApi } from './api.ts';
import type {
  CallbackBodyEvent,
  MediaFile,
  MediaFilesMessageEvent,
  MessageEvent,
  StatusEvent,
} from './callback-event.ts';
import { getOneApiStatus } from './catalogs/one-api-statuses.ts';
import { isObject } from './internal/is-object.ts';
import { parseCallback } from './parse-callback.ts';
import { type Issue, issue, type Result } from './result.ts';
import { LONE_SURROGATE, MAX_CALLBACK_ID_LENGTH } from './schemas/callback.ts';
import { isPlausibleTimestamp, toEpochMillis } from './to-epoch-millis.ts';

/** What `parseCallbackBody` returns: which API's format the body was in, and its events in body order. */
export interface ParsedCallbackBody {
  readonly api: ClickatellApi;
  readonly integrationId: string | null;
  readonly integrationName: string | null;
  /**
   * The events: one for a legacy body; for a One API body, every item of `messageStatusUpdate`, `moText`,
   * `moMedia`, `moLocation` and of any unknown `mo*` key (as `type: 'unknown'` messages), in that order.
   */
  readonly events: readonly CallbackBodyEvent[];
  /**
   * One API only: members of `event` this version cannot read as events (`messageFallback`, `statusIsTyping`,
   * a new kind), kept as they came under their own key.
   */
  readonly unrecognized?: Readonly<Record<string, unknown>>;
  /** One API only: envelope fields besides `integrationId`, `integrationName` and `event`. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** The One API event types read as events; any other `mo*` key becomes `type: 'unknown'` messages. */
const STATUS_KEY = 'messageStatusUpdate';
const MO_KEYS = ['moText', 'moMedia', 'moLocation'] as const;

// The fields each item kind is read from; anything else goes to the event's `extra`.
const STATUS_FIELDS = new Set([
  'channel',
  'timestamp',
  'statusCode',
  'status',
  'messageId',
  'clientMessageId',
]);
const MO_FIELDS = new Set([
  'channel',
  'messageId',
  'relatedMessageId',
  'relatedClientMessageId',
  'from',
  'to',
  'timestamp',
  'whatsapp',
  'encryptionKey',
  'content',
  'charset',
  'contentType',
  'caption',
  'sha256Hash',
  'files',
  'latitude',
  'latitute',
  'longitude',
  'locationName',
  'locationAddress',
]);
const MO_FIELDS_BUT_WHATSAPP = new Set([...MO_FIELDS].filter((k) => k !== 'whatsapp'));
const BASE_MO_FIELDS = new Set([
  'channel',
  'messageId',
  'relatedMessageId',
  'relatedClientMessageId',
  'from',
  'to',
  'timestamp',
  'encryptionKey',
]);
const FILE_FIELDS = new Set(['contentType', 'downloadUrl', 'sha256Hash', 'byteSize', 'fileName']);
const ENVELOPE_FIELDS = new Set(['integrationId', 'integrationName', 'event']);

// Sets an own property even for `__proto__`, which plain assignment would turn into a prototype change.
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

function extraOf(
  item: Record<string, unknown>,
  known: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key in item) {
    if (!known.has(key) && Object.hasOwn(item, key)) {
      extra ??= {};
      setOwn(extra, key, item[key]);
    }
  }
  return extra;
}

/** Reads one item's fields, collecting issues with their path instead of throwing. */
class Reader {
  constructor(
    private readonly item: Record<string, unknown>,
    private readonly path: readonly (string | number)[],
    private readonly issues: Issue[],
  ) {}

  private bad(field: string, message: string): null {
    this.issues.push(issue(`${field} ${message}`, { path: [...this.path, field] }));
    return null;
  }

  /** A trimmed string, null when absent, null or blank. */
  text(field: string): string | null {
    const x = this.item[field];
    if (x == null) return null;
    if (typeof x !== 'string') return this.bad(field, 'must be a string');
    return x.trim() || null;
  }

  /** A string kept verbatim (a user's text, a caption). */
  raw(field: string): string | null {
    const x = this.item[field];
    if (x == null) return null;
    return typeof x === 'string' ? x : this.bad(field, 'must be a string');
  }

  /** An id, by the same rules as the legacy API's (`parseCallback`): not blank, not too long, well-formed. */
  id(field: string): string {
    const x = this.item[field];
    const value = typeof x === 'string' ? x.trim() : '';
    if (!value) this.bad(field, 'must be a non-empty string');
    else if (value.length > MAX_CALLBACK_ID_LENGTH)
      this.bad(field, `must not exceed ${MAX_CALLBACK_ID_LENGTH} characters`);
    else if (LONE_SURROGATE.test(value)) this.bad(field, 'must be well-formed Unicode (no lone surrogates)');
    return value;
  }

  /** A required time, as epoch ms, within `PLAUSIBLE_TIMESTAMPS` (as `parseCallback` reads it). */
  timestamp(field: string): number {
    const x = this.number(field, true);
    if (x === null) return 0;
    const ms = toEpochMillis(x);
    if (!isPlausibleTimestamp(ms))
      this.bad(field, 'must be a time between 2000 and 2100 (epoch seconds or milliseconds)');
    return ms;
  }

  /** A finite number, or a numeric string with stray spaces; null when absent. */
  number(field: string, required = false): number | null {
    const x = this.item[field];
    if (x == null) return required ? this.bad(field, 'is required') : null;
    if (typeof x === 'number' && Number.isFinite(x)) return x;
    if (typeof x === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(x)) return Number(x);
    return this.bad(field, 'must be a number or a numeric string');
  }

  /** A required integer (a status code). */
  integer(field: string): number | null {
    const x = this.number(field, true);
    if (x === null || Number.isInteger(x)) return x;
    return this.bad(field, 'must be an integer');
  }
}

function toStatus(
  item: Record<string, unknown>,
  r: Reader,
  envelope: Pick<ParsedCallbackBody, 'integrationId' | 'integrationName'>,
): StatusEvent {
  const code = r.integer('statusCode') ?? 0;
  const extra = extraOf(item, STATUS_FIELDS);
  return {
    kind: 'status',
    api: 'one',
    integrationId: envelope.integrationId,
    integrationName: envelope.integrationName,
    messageId: r.id('messageId'),
    clientMessageId: r.text('clientMessageId'),
    statusCode: code,
    status: r.text('status') ?? getOneApiStatus(code).status,
    timestamp: r.timestamp('timestamp'),
    channel: r.text('channel'),
    ...(extra ? { extra } : {}),
  };
}

function toFiles(files: unknown[], path: readonly (string | number)[], issues: Issue[]): MediaFile[] {
  return files.map((file, i) => {
    if (!isObject(file) || Array.isArray(file)) {
      issues.push(issue('files[] entries must be objects', { path: [...path, i] }));
      return { contentType: '', downloadUrl: '', sha256Hash: null, byteSize: null, fileName: null };
    }
    const r = new Reader(file, [...path, i], issues);
    const extra = extraOf(file, FILE_FIELDS);
    return {
      contentType: r.id('contentType'),
      downloadUrl: r.id('downloadUrl'),
      sha256Hash: r.text('sha256Hash'),
      byteSize: r.number('byteSize'),
      fileName: r.text('fileName'),
      ...(extra ? { extra } : {}),
    };
  });
}

function toMessage(
  key: string,
  item: Record<string, unknown>,
  r: Reader,
  path: readonly (string | number)[],
  issues: Issue[],
  envelope: Pick<ParsedCallbackBody, 'integrationId' | 'integrationName'>,
): MessageEvent | MediaFilesMessageEvent {
  const whatsapp = item.whatsapp;
  const profileName =
    isObject(whatsapp) && typeof whatsapp.profileName === 'string'
      ? whatsapp.profileName.trim() || null
      : null;
  const known = isObject(whatsapp) && Object.keys(whatsapp).every((k) => k === 'profileName');
  const extra = extraOf(item, known || whatsapp == null ? MO_FIELDS : MO_FIELDS_BUT_WHATSAPP);
  const encryptionKey = r.text('encryptionKey');
  const base = {
    kind: 'message',
    integrationId: envelope.integrationId,
    integrationName: envelope.integrationName,
    messageId: r.id('messageId'),
    relatedMessageId: r.text('relatedMessageId'),
    relatedClientMessageId: r.text('relatedClientMessageId'),
    from: r.id('from'),
    to: r.text('to'),
    timestamp: r.timestamp('timestamp'),
    encryptionKey,
    channel: r.text('channel'),
    profileName,
    ...(extra ? { extra } : {}),
  } as const;
  if (key === 'moMedia') {
    const caption = r.raw('caption');
    if (Array.isArray(item.files)) {
      return {
        ...base,
        type: 'media-files',
        files: toFiles(item.files, [...path, 'files'], issues),
        caption,
      };
    }
    const content = r.raw('content');
    const contentType = r.text('contentType');
    if (content !== null && contentType !== null) {
      // Base64 is whitespace-insensitive, as in the legacy callbacks.
      return {
        ...base,
        type: 'media',
        content: content.trim(),
        contentType,
        caption,
        sha256Hash: r.text('sha256Hash'),
      };
    }
  } else if (key === 'moText') {
    const content = r.raw('content');
    if (content !== null) {
      const text = encryptionKey ? content.trim() : content;
      return { ...base, type: 'text', content: text, charset: r.text('charset') };
    }
  } else if (key === 'moLocation') {
    const latitude = r.number('latitude') ?? r.number('latitute');
    const longitude = r.number('longitude');
    if (latitude !== null && longitude !== null) {
      return {
        ...base,
        type: 'location',
        latitude,
        longitude,
        locationName: r.text('locationName'),
        locationAddress: r.text('locationAddress'),
      };
    }
  }
  // A known kind without its content, or a kind this version does not know: kept, with every field.
  const all = extraOf(item, BASE_MO_FIELDS);
  return {
    ...base,
    type: 'unknown',
    content: typeof item.content === 'string' ? item.content : null,
    eventType: key,
    ...(all ? { extra: all } : {}),
  };
}

function parseOneApi(body: Record<string, unknown>): Result<ParsedCallbackBody> {
  const issues: Issue[] = [];
  const envelopeReader = new Reader(body, [], issues);
  const envelope = {
    integrationId: envelopeReader.text('integrationId'),
    integrationName: envelopeReader.text('integrationName'),
  };
  const event = body.event;
  if (!isObject(event) || Array.isArray(event)) {
    return { success: false, issues: [issue('event must be an object', { path: ['event'] })] };
  }
  const events: CallbackBodyEvent[] = [];
  let unrecognized: Record<string, unknown> | undefined;
  const eachItem = (
    key: string,
    read: (item: Record<string, unknown>, path: (string | number)[]) => void,
  ) => {
    const list = event[key];
    if (!Array.isArray(list)) {
      issues.push(issue(`${key} must be an array`, { path: ['event', key] }));
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const path = ['event', key, i];
      if (!isObject(item) || Array.isArray(item))
        issues.push(issue(`${key}[] entries must be objects`, { path }));
      else read(item, path);
    }
  };
  if (Object.hasOwn(event, STATUS_KEY) && event[STATUS_KEY] != null) {
    eachItem(STATUS_KEY, (item, path) =>
      events.push(toStatus(item, new Reader(item, path, issues), envelope)),
    );
  }
  for (const key of MO_KEYS) {
    if (!Object.hasOwn(event, key) || event[key] == null) continue;
    eachItem(key, (item, path) =>
      events.push(toMessage(key, item, new Reader(item, path, issues), path, issues, envelope)),
    );
  }
  for (const key in event) {
    if (!Object.hasOwn(event, key) || key === STATUS_KEY || (MO_KEYS as readonly string[]).includes(key))
      continue;
    const list = event[key];
    // A new kind of user message is a message the business must not lose: kept as `type: 'unknown'`.
    if (/^mo[A-Z]/.test(key) && Array.isArray(list) && list.every(isMessageLike)) {
      eachItem(key, (item, path) =>
        events.push(toMessage(key, item, new Reader(item, path, issues), path, issues, envelope)),
      );
    } else {
      unrecognized ??= {};
      setOwn(unrecognized, key, list);
    }
  }
  if (issues.length > 0) return { success: false, issues };
  const extra = extraOf(body, ENVELOPE_FIELDS);
  return {
    success: true,
    output: {
      api: 'one',
      ...envelope,
      events,
      ...(unrecognized ? { unrecognized } : {}),
      ...(extra ? { extra } : {}),
    },
  };
}

const isMessageLike = (x: unknown): boolean =>
  isObject(x) && typeof x.messageId === 'string' && typeof x.from === 'string';

/**
 * Parses a callback body of either API. A body with an `event` member (and no legacy `statusCode` or `from`)
 * is One API's `{ integrationId, integrationName, event: { messageStatusUpdate[], moText[], moMedia[],
 * moLocation[], ... } }`, which may carry several events; anything else is a legacy flat body, read by
 * `parseCallback` as one event. Every status event carries `api`, so its code is read in the right catalog.
 * Unknown fields go to each event's `extra`; unknown `mo*` kinds become `type: 'unknown'` messages; other
 * unknown members of `event` are kept under `unrecognized`. Never throws; a malformed body is `{ success:
 * false, issues }` with the path of each problem.
 *
 * @example
 * const parsed = parseCallbackBody(await request.json());
 * if (!parsed.success) return new Response(JSON.stringify(parsed.issues), { status: 400 });
 * for (const event of parsed.output.events) if (event.kind === 'status') console.log(event.api, event.status);
 */
export function parseCallbackBody(json: unknown): Result<ParsedCallbackBody> {
  if (
    isObject(json) &&
    !Array.isArray(json) &&
    Object.hasOwn(json, 'event') &&
    json.statusCode === undefined &&
    json.from === undefined
  ) {
    return parseOneApi(json);
  }
  const parsed = parseCallback(json);
  if (!parsed.success) return parsed;
  const event = parsed.output;
  return {
    success: true,
    output: {
      api: 'wa',
      integrationId: event.integrationId,
      integrationName: event.integrationName,
      events: [event],
    },
  };
}
