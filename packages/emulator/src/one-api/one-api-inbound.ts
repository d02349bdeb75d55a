import { fromBase64, sha256Hex } from '@clickwa/core';
import type { InboundContent } from '../callback-bodies.ts';
import type { Integration } from '../integrations.ts';
import type { Platform } from '../platform.ts';
import type { OneApiInboundContent, OneApiInboundHeader } from './one-api-callback-bodies.ts';
import { ONE_API_MEDIA_LIMITS, oneApiMediaType } from './one-api-media-types.ts';

/** The profile name simulated users have unless told otherwise. */
export const DEFAULT_PROFILE_NAME = 'Emulated user';

/** A `fileId` as One API shows them: a UUID (from the seeded ids) and the type's extension. */
export function newFileId(platform: Platform, contentType: string): string {
  const h = platform.random('ids').hex(32);
  const ext = oneApiMediaType(contentType)?.ext ?? 'unsupported';
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}.${ext}`;
}

/** The download URL of a file, on the emulator's own origin (where `GET /v1/media` serves it). */
export function downloadUrl(origin: string, fileId: string, sha256Hash: string): string {
  const query = new URLSearchParams({ fileId, sha256Hash, source: 'client' });
  return `${origin}/v1/media?${query}`;
}

/**
 * A user's media in the `files[]` form: the bytes are kept in the media store (30 days) so the download URL
 * the callback carries works. `content` must be base64 (the inbound route checks it). With `corrupt`, the
 * bytes served differ from the hash the callback announces. Encrypted content (`encryptionKey`) is kept as
 * ciphertext, announced with the clear file's `sha256Hash` and `byteSize` (`clearSize`), as One API does.
 */
export async function inboundFile(
  platform: Platform,
  integration: Integration,
  content: InboundContent & { readonly content: string; readonly contentType: string },
  origin: string,
  corrupt = false,
  clearSize?: number,
): Promise<OneApiInboundContent> {
  const decoded = fromBase64(content.content);
  const bytes = decoded.success ? decoded.output : new Uint8Array();
  const encrypted = content.encryptionKey !== undefined && content.sha256Hash !== undefined;
  const sha256Hash = encrypted ? content.sha256Hash! : await sha256Hex(bytes);
  const byteSize = encrypted && clearSize !== undefined ? clearSize : bytes.byteLength;
  // A corrupted file keeps its size and announced hash, so only a client that checks the hash notices.
  if (corrupt && bytes.byteLength > 0) bytes[0] = bytes[0]! ^ 0xff;
  const fileId = newFileId(platform, content.contentType);
  const now = platform.options.now();
  platform.media.put({
    fileId,
    integrationId: integration.id,
    contentType: content.contentType,
    fileName: fileId,
    bytes,
    sha256Hash,
    uploadedAt: now,
    expiresAt: now + ONE_API_MEDIA_LIMITS.keepDays * 86_400_000,
    broadcastAllowed: false,
    to: null,
    source: 'inbound',
  });
  return {
    type: 'media-files',
    files: [
      {
        contentType: content.contentType,
        downloadUrl: downloadUrl(origin, fileId, sha256Hash),
        sha256Hash,
        byteSize,
        fileName: fileId,
      },
    ],
    caption: content.caption ?? null,
  };
}

/** A simulated user's message in One API's form, media inline (the `files[]` form is `inboundFile`'s). */
export function oneApiContentOf(message: InboundContent): OneApiInboundContent {
  if (message.latitude !== undefined && message.longitude !== undefined) {
    return {
      type: 'location',
      latitude: Number(message.latitude),
      longitude: Number(message.longitude),
      locationName: message.locationName ?? null,
      locationAddress: message.locationAddress ?? null,
    };
  }
  if (message.contentType !== undefined) {
    return {
      type: 'media-inline',
      content: message.content ?? '',
      contentType: message.contentType,
      caption: message.caption ?? null,
      ...(message.sha256Hash === undefined ? {} : { sha256Hash: message.sha256Hash }),
    };
  }
  return { type: 'text', content: message.content ?? '' };
}

/** The fields every One API user message carries: ids, numbers, the related business message's ids. */
export function oneApiInboundHeader(
  platform: Platform,
  integration: Integration,
  record: { messageId: string; from: string; relatedMessageId: string | null; timestamp: number },
  profileName: string | undefined,
  encryptionKey?: string,
): OneApiInboundHeader {
  const related = record.relatedMessageId ? platform.store.getMessage(record.relatedMessageId) : undefined;
  return {
    messageId: record.messageId,
    relatedMessageId: record.relatedMessageId,
    relatedClientMessageId: related?.clientMessageId ?? null,
    from: record.from,
    to: integration.number,
    timestamp: record.timestamp,
    profileName: profileName ?? DEFAULT_PROFILE_NAME,
    ...(encryptionKey === undefined ? {} : { encryptionKey }),
  };
}

/**
 * What `POST /_emulator/inbound` adds for a One API integration: the `profileName` asked for, and for media
 * the form (`mediaForm`: `files` or `inline`, the integration's `moMedia` by default); `files` keeps the bytes
 * for download (`corruptDownload: true` serves other bytes than the hash says). Nothing for a legacy one.
 */
export async function oneApiInboundExtras(
  platform: Platform,
  integration: Integration,
  content: InboundContent,
  input: Record<string, unknown>,
  origin: string,
  clear: InboundContent = content,
): Promise<
  { readonly error: string } | { readonly extras: { profileName?: string; oneApi?: OneApiInboundContent } }
> {
  if (integration.api !== 'one') return { extras: {} };
  const { profileName, mediaForm, corruptDownload } = input;
  if (profileName !== undefined && typeof profileName !== 'string')
    return { error: 'profileName must be a string' };
  if (mediaForm !== undefined && mediaForm !== 'files' && mediaForm !== 'inline') {
    return { error: "mediaForm must be 'files' or 'inline'" };
  }
  const extras = profileName === undefined ? {} : { profileName };
  if (content.contentType === undefined || content.content === undefined || content.latitude !== undefined) {
    return { extras };
  }
  if ((mediaForm ?? integration.moMedia) === 'inline') return { extras };
  if (!fromBase64(content.content).success) return { error: 'content must be base64 for media' };
  if (!oneApiMediaType(content.contentType))
    return { error: `${content.contentType} is not a One API media type` };
  const media = { ...content, content: content.content, contentType: content.contentType };
  const clearBytes = clear.content === undefined ? undefined : fromBase64(clear.content);
  const clearSize = clearBytes?.success ? clearBytes.output.byteLength : undefined;
  const file = await inboundFile(platform, integration, media, origin, corruptDownload === true, clearSize);
  return { extras: { ...extras, oneApi: file } };
}
