import type { MediaKind } from './media-types.ts';

/**
 * Content types One API lists for outbound WhatsApp media, with the kind of media each is. Unlike the legacy
 * API, One API sends video.
 */
export const ONE_API_MEDIA_TYPES = {
  'audio/aac': 'audio',
  'audio/mp4': 'audio',
  'audio/amr': 'audio',
  'audio/mpeg': 'audio',
  'audio/ogg': 'audio',
  'application/pdf': 'document',
  'application/msword': 'document',
  'application/vnd.ms-powerpoint': 'document',
  'application/vnd.ms-excel': 'document',
  'text/plain': 'document',
  'image/jpeg': 'image',
  'image/png': 'image',
  'video/mp4': 'video',
  'video/3gpp': 'video',
} as const;

/** The kind of a One API media message. */
export type OneApiMediaKind = MediaKind | 'video';

// A type outside the list that may still be media WhatsApp takes: "WhatsApp can at any time implement new types".
const OTHER_MEDIA = /^(image|audio|video|application|text)\/[\w.+-]+$/;

/**
 * The kind of media a normalized content type is for One API: from `ONE_API_MEDIA_TYPES`, or from its top-level
 * type (`application/*` and `text/*` are documents); undefined for a malformed type.
 *
 * @example oneApiMediaKindOf('video/mp4') // 'video'
 */
export function oneApiMediaKindOf(contentType: string): OneApiMediaKind | undefined {
  if (Object.hasOwn(ONE_API_MEDIA_TYPES, contentType))
    return ONE_API_MEDIA_TYPES[contentType as keyof typeof ONE_API_MEDIA_TYPES];
  const match = OTHER_MEDIA.exec(contentType);
  if (!match) return undefined;
  const top = match[1] as string;
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'document';
}
