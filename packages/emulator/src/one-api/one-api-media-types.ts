/**
 * The media types One API takes for WhatsApp (its supported-content-types page), each with WhatsApp's size
 * limit in bytes (MB = 10^6) and the file extension a `fileId` gets. Where the page disagrees with itself
 * (video: 16 MB on one version, 5 MB on two), the emulator takes the stricter figure. `audio/acc` is the
 * page's own spelling, kept beside `audio/aac`.
 */
export const ONE_API_MEDIA_TYPES = {
  'audio/aac': { kind: 'audio', maxBytes: 16e6, ext: 'aac' },
  'audio/acc': { kind: 'audio', maxBytes: 16e6, ext: 'aac' },
  'audio/mp4': { kind: 'audio', maxBytes: 16e6, ext: 'm4a' },
  'audio/amr': { kind: 'audio', maxBytes: 16e6, ext: 'amr' },
  'audio/mpeg': { kind: 'audio', maxBytes: 16e6, ext: 'mp3' },
  'audio/ogg': { kind: 'audio', maxBytes: 16e6, ext: 'ogg' },
  'application/pdf': { kind: 'document', maxBytes: 100e6, ext: 'pdf' },
  'application/msword': { kind: 'document', maxBytes: 100e6, ext: 'doc' },
  'application/vnd.ms-powerpoint': { kind: 'document', maxBytes: 100e6, ext: 'ppt' },
  'application/vnd.ms-excel': { kind: 'document', maxBytes: 100e6, ext: 'xls' },
  'text/plain': { kind: 'document', maxBytes: 100e6, ext: 'txt' },
  'image/jpeg': { kind: 'image', maxBytes: 5e6, ext: 'jpeg' },
  'image/png': { kind: 'image', maxBytes: 5e6, ext: 'png' },
  'video/mp4': { kind: 'video', maxBytes: 5e6, ext: 'mp4' },
  'video/3gpp': { kind: 'video', maxBytes: 5e6, ext: '3gp' },
} as const;

/** Clickatell's own limits: inline base64 media (decoded) and uploads, in bytes. */
export const ONE_API_MEDIA_LIMITS = { inlineBytes: 20e6, uploadBytes: 30e6, keepDays: 30 } as const;

/** The catalog entry of a content type, parameters (`; codecs=opus`) and case aside, or undefined. */
export function oneApiMediaType(
  contentType: string,
): (typeof ONE_API_MEDIA_TYPES)[keyof typeof ONE_API_MEDIA_TYPES] | undefined {
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  return Object.hasOwn(ONE_API_MEDIA_TYPES, base)
    ? ONE_API_MEDIA_TYPES[base as keyof typeof ONE_API_MEDIA_TYPES]
    : undefined;
}
