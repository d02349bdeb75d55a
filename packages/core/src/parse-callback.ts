import * as v from 'valibot';
import type {
  CallbackAuth,
  CallbackEvent,
  MessageEvent,
  ParsedCallback,
  StatusEvent,
} from './callback-event.ts';
import { getMessageStatus } from './catalogs/message-statuses.ts';
import { fromValibotIssues } from './internal/from-valibot-issues.ts';
import type { Result } from './result.ts';
import { InboundCallbackSchema, KNOWN_CALLBACK_KEYS, StatusCallbackSchema } from './schemas/callback.ts';

export { isPlausibleTimestamp, PLAUSIBLE_TIMESTAMPS, toEpochMillis } from './to-epoch-millis.ts';

function extraFields(json: Record<string, unknown>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(json)) {
    if (KNOWN_CALLBACK_KEYS.has(key)) continue;
    extra ??= {};
    // Defined, not assigned: `extra.__proto__ = x` would set the prototype and drop the field.
    Object.defineProperty(extra, key, {
      value: json[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return extra;
}

function authOf(json: Record<string, unknown>): CallbackAuth | undefined {
  const { username, password } = json;
  if (username === undefined && password === undefined) return undefined;
  return {
    ...(typeof username === 'string' ? { username } : {}),
    ...(typeof password === 'string' ? { password } : {}),
  };
}

function toStatusEvent(s: v.InferOutput<typeof StatusCallbackSchema>): StatusEvent {
  return {
    kind: 'status',
    api: 'wa',
    integrationId: s.integrationId || null,
    integrationName: s.integrationName || null,
    messageId: s.messageId,
    clientMessageId: s.clientMessageId || null,
    statusCode: s.statusCode,
    status: s.status || getMessageStatus(s.statusCode).status,
    timestamp: s.timestamp,
  };
}

function toMessageEvent(m: v.InferOutput<typeof InboundCallbackSchema>): MessageEvent {
  const encryptionKey = m.encryptionKey || null;
  const base = {
    kind: 'message',
    integrationId: m.integrationId || null,
    integrationName: m.integrationName || null,
    messageId: m.messageId,
    relatedMessageId: m.relatedMessageId || null,
    from: m.from,
    timestamp: m.timestamp,
    encryptionKey,
  } as const;
  const latitude = m.latitude ?? m.latitute;
  // Base64 (media, and any encrypted content) is whitespace-insensitive; a user's own text is kept verbatim.
  const content = m.content == null ? null : encryptionKey || m.contentType ? m.content.trim() : m.content;
  if (m.contentType && content !== null) {
    const caption = m.caption == null ? null : encryptionKey ? m.caption.trim() : m.caption;
    return {
      ...base,
      type: 'media',
      content,
      contentType: m.contentType,
      caption,
      sha256Hash: m.sha256Hash || null,
    };
  }
  if (latitude != null && m.longitude != null) {
    return {
      ...base,
      type: 'location',
      latitude,
      longitude: m.longitude,
      locationName: m.locationName || null,
      locationAddress: m.locationAddress || null,
    };
  }
  if (content !== null) return { ...base, type: 'text', content };
  return { ...base, type: 'unknown', content: null };
}

/**
 * Parses one callback body: a message status (spec 7.2.1) or a message from a user (7.3.1-7.3.5).
 * Timestamps become epoch milliseconds (refused outside 2000-2100: `PLAUSIBLE_TIMESTAMPS`), ids and numeric strings are trimmed, unknown fields are kept under
 * `extra` (`__proto__` and `constructor` included, as data), and the body credentials of spec 7.3.6 move to a non-enumerable `auth`, so a store that saves
 * the event cannot save the password by accident. Never throws.
 *
 * @example
 * const parsed = parseCallback(await request.json());
 * if (!parsed.success) return new Response(JSON.stringify(parsed.issues), { status: 400 });
 * if (parsed.output.kind === 'status') console.log(parsed.output.messageId, parsed.output.status);
 */
export function parseCallback(json: unknown): Result<ParsedCallback> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      success: false,
      issues: [{ message: 'A callback body must be a JSON object', severity: 'error' }],
    };
  }
  const body = json as Record<string, unknown>;
  let event: CallbackEvent;
  if (body.statusCode !== undefined) {
    const parsed = v.safeParse(StatusCallbackSchema, body);
    if (!parsed.success) return { success: false, issues: fromValibotIssues(parsed.issues) };
    event = toStatusEvent(parsed.output);
  } else if (body.from !== undefined) {
    const parsed = v.safeParse(InboundCallbackSchema, body);
    if (!parsed.success) return { success: false, issues: fromValibotIssues(parsed.issues) };
    event = toMessageEvent(parsed.output);
  } else {
    return {
      success: false,
      issues: [
        {
          message:
            'Not a Clickatell callback: a status callback has "statusCode", a message callback has "from"',
          severity: 'error',
        },
      ],
    };
  }
  const extra = extraFields(body);
  if (extra) (event as { extra?: Record<string, unknown> }).extra = extra;
  const auth = authOf(body);
  if (auth) Object.defineProperty(event, 'auth', { value: auth, enumerable: false });
  return { success: true, output: event };
}
