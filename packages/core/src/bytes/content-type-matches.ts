import { normalizeContentType } from '../catalogs/media-types.ts';
import type { SniffedContentType } from './sniff-content-type.ts';

// Declared types that the bytes `sniffContentType` reports can legitimately carry.
const AGREEING: Readonly<Record<NonNullable<SniffedContentType>, readonly string[]>> = {
  'application/pdf': ['application/pdf'],
  // DOC, XLS and PPT are all OLE2 compound files: the header cannot tell them apart.
  'application/msword': ['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint'],
  'application/vnd.ms-excel': [
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
  ],
  'application/vnd.ms-powerpoint': [
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
  ],
  'image/jpeg': ['image/jpeg', 'image/jpg'],
  'image/jpg': ['image/jpeg', 'image/jpg'],
  'image/png': ['image/png'],
  'audio/aac': ['audio/aac'],
  'audio/mp4': ['audio/mp4'],
  // audio/mpeg is MP3's registered name; the platform's list spells it audio/mp3.
  'audio/mp3': ['audio/mp3', 'audio/mpeg'],
  'audio/amr': ['audio/amr'],
  'audio/ogg': ['audio/ogg'],
  video: [],
};

/**
 * Whether a declared content type agrees with what `sniffContentType` found in the bytes. Parameters and
 * case are ignored; `image/jpg` and `image/jpeg` are the same; an OLE2 file agrees with any of DOC, XLS and
 * PPT; MP3 bytes agree with `audio/mp3` and `audio/mpeg`; video bytes agree only with a `video/*` type.
 * Unrecognised bytes (`undefined`) agree with anything: they cannot contradict the declaration.
 *
 * @example contentTypeMatches('image/jpg', sniffContentType(jpegBytes)) // true
 */
export function contentTypeMatches(declared: string, sniffed: SniffedContentType): boolean {
  if (sniffed === undefined) return true;
  if (typeof declared !== 'string') return false;
  const type = normalizeContentType(declared);
  if (sniffed === 'video') return type.startsWith('video/');
  return AGREEING[sniffed]?.includes(type) ?? false;
}
