import {
  type ClickatellApi,
  fromBase64,
  type Issue,
  jsonDepthExceeds,
  parseCallbackBody,
  sha256Hex,
} from '@clickwa/core';
import { isMediaType } from '../internal/is-media-type.ts';
import type { QuarantineReason, StoredEvent, StoredMedia } from '../store.ts';
import { toStoredMessage, toStoredStatus } from '../to-stored-event.ts';

/** Media bytes to store (content-addressed) before the events that point at them. */
export interface CallbackBlob {
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

/** A callback body made events (with the media bytes to store first), or the reason it cannot be any. */
export type CallbackOutcome =
  | {
      readonly ok: true;
      readonly api: ClickatellApi;
      /** The body's events in body order: one for a legacy body, any number for One API. */
      readonly events: readonly StoredEvent[];
      readonly blobs: readonly CallbackBlob[];
      /**
       * What the body holds that this version cannot read as events (One API `event` members such as
       * `event.messageFallback`, envelope fields): when any, the body is kept in quarantine too.
       */
      readonly unrecognized: readonly string[];
    }
  | { readonly ok: false; readonly reason: QuarantineReason; readonly issues: readonly string[] };

const issueLines = (issues: readonly Issue[]): string[] => issues.map((i) => i.message);

// Credentials are never kept (the quarantined body drops them too): they are not a member to keep.
const CREDENTIALS = new Set(['username', 'password']);

/**
 * Turns parsed JSON of either API into the events the store keeps, or says why it cannot become any: nested
 * past `maxDepth`, refused by the core's `parseCallbackBody` (wrong types, implausible timestamps, unknown
 * shape), or inline media (legacy, or One API `moMedia` with `content`) whose type is not a media type or whose
 * content is not base64: one bad item keeps the whole body in quarantine, as a body is stored whole or not at
 * all. One API media sent by reference keeps its declared files. Never throws.
 */
export async function toCallbackEvents(
  json: unknown,
  maxDepth: number,
  receivedAt: number,
): Promise<CallbackOutcome> {
  if (jsonDepthExceeds(json, maxDepth)) {
    return { ok: false, reason: 'too-deep', issues: [`The body nests deeper than ${maxDepth} levels`] };
  }
  const parsed = parseCallbackBody(json);
  if (!parsed.success) return { ok: false, reason: 'not-a-callback', issues: issueLines(parsed.issues) };
  const { api } = parsed.output;
  const events: StoredEvent[] = [];
  const blobs: CallbackBlob[] = [];
  for (const event of parsed.output.events) {
    if (event.kind === 'status') {
      events.push(toStoredStatus(event, receivedAt));
      continue;
    }
    if (event.type !== 'media') {
      events.push(toStoredMessage(event, null, receivedAt, api));
      continue;
    }
    if (!isMediaType(event.contentType)) {
      return {
        ok: false,
        reason: 'invalid-media',
        issues: ['contentType is not a media type (type/subtype)'],
      };
    }
    const decoded = fromBase64(event.content);
    if (!decoded.success)
      return { ok: false, reason: 'invalid-media', issues: ['The media content is not base64'] };
    const bytes = decoded.output;
    const sha256 = await sha256Hex(bytes);
    const media: StoredMedia = {
      sha256,
      contentType: event.contentType,
      size: bytes.byteLength,
      caption: event.caption,
      declaredSha256: event.sha256Hash,
    };
    events.push(toStoredMessage(event, media, receivedAt, api));
    blobs.push({ sha256, bytes });
  }
  const unrecognized = [
    ...Object.keys(parsed.output.unrecognized ?? {}).map((k) => `event.${k}`),
    ...Object.keys(parsed.output.extra ?? {}).filter((k) => !CREDENTIALS.has(k)),
  ];
  return { ok: true, api, events, blobs, unrecognized };
}
