import { fromBase64, type Issue, jsonDepthExceeds, parseCallback, sha256Hex } from '@clickwa/core';
import { isMediaType } from '../internal/is-media-type.ts';
import type { QuarantineReason, StoredEvent, StoredMedia } from '../store.ts';
import { toStoredMessage, toStoredStatus } from '../to-stored-event.ts';

/** A callback body made an event (with the media bytes to store first), or the reason it cannot be one. */
export type CallbackOutcome =
  | {
      readonly ok: true;
      readonly event: StoredEvent;
      readonly blob?: { readonly sha256: string; readonly bytes: Uint8Array };
    }
  | { readonly ok: false; readonly reason: QuarantineReason; readonly issues: readonly string[] };

const issueLines = (issues: readonly Issue[]): string[] => issues.map((i) => i.message);

/**
 * Turns parsed JSON into the event the store keeps, or says why it cannot become one: nested past
 * `maxDepth`, refused by the core's `parseCallback` (wrong types, implausible timestamps, unknown shape), or
 * media whose type is not a media type or whose content is not base64. Never throws.
 */
export async function toCallbackEvent(
  json: unknown,
  maxDepth: number,
  receivedAt: number,
): Promise<CallbackOutcome> {
  if (jsonDepthExceeds(json, maxDepth)) {
    return { ok: false, reason: 'too-deep', issues: [`The body nests deeper than ${maxDepth} levels`] };
  }
  const parsed = parseCallback(json);
  if (!parsed.success) return { ok: false, reason: 'not-a-callback', issues: issueLines(parsed.issues) };
  const event = parsed.output;
  if (event.kind === 'status') return { ok: true, event: toStoredStatus(event, receivedAt) };
  if (event.type !== 'media') return { ok: true, event: toStoredMessage(event, null, receivedAt) };
  if (!isMediaType(event.contentType)) {
    return { ok: false, reason: 'invalid-media', issues: ['contentType is not a media type (type/subtype)'] };
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
  return { ok: true, event: toStoredMessage(event, media, receivedAt), blob: { sha256, bytes } };
}
