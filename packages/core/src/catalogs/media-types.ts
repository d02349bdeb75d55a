/**
 * Content types the platform accepts for outbound media (spec 7.1.5), with the kind of media each is.
 * Video is not supported at all.
 */
export const MEDIA_TYPES = {
  'application/pdf': 'document',
  'application/msword': 'document',
  'application/vnd.ms-powerpoint': 'document',
  'application/vnd.ms-excel': 'document',
  'image/jpg': 'image',
  'image/jpeg': 'image',
  'image/png': 'image',
  'audio/aac': 'audio',
  'audio/mp4': 'audio',
  'audio/mp3': 'audio',
  'audio/amr': 'audio',
  'audio/ogg': 'audio',
} as const;

/** A content type the platform accepts for media. */
export type MediaContentType = keyof typeof MEDIA_TYPES;

/** The kind of a media message. */
export type MediaKind = (typeof MEDIA_TYPES)[MediaContentType];

/** Whether `contentType` (compared without parameters and case) is one the platform accepts. */
export function isMediaContentType(contentType: string): contentType is MediaContentType {
  return Object.hasOwn(MEDIA_TYPES, contentType);
}

// The shape of a type outside the list that may still be media WhatsApp takes (`audio/mpeg`, `image/webp`, a
// DOCX): the spec's list is "some of the popular supported media file types ... for reference".
const OTHER_MEDIA = /^(image|audio|application|text)\/[\w.+-]+$/;

/**
 * The kind of media a normalized content type is: from `MEDIA_TYPES`, or from its top-level type for one
 * outside the list (`audio/mpeg` is audio, `application/*` and `text/*` documents); undefined for anything
 * else (video, a malformed type).
 *
 * @example mediaKindOf('audio/mpeg') // 'audio'
 */
export function mediaKindOf(contentType: string): MediaKind | undefined {
  if (isMediaContentType(contentType)) return MEDIA_TYPES[contentType];
  const match = OTHER_MEDIA.exec(contentType);
  if (!match) return undefined;
  return match[1] === 'image' || match[1] === 'audio' ? match[1] : 'document';
}

/** Lower-cases a content type and drops parameters such as `; codecs=opus`. */
export function normalizeContentType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}
