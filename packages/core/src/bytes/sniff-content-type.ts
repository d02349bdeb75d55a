import type { MediaContentType } from '../catalogs/media-types.ts';

/** What `sniffContentType` can tell from a file's first bytes. */
export type SniffedContentType = MediaContentType | 'video' | undefined;

function has(bytes: Uint8Array, offset: number, signature: readonly number[]): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[offset + i] !== signature[i]) return false;
  return true;
}

function hasText(bytes: Uint8Array, offset: number, text: string): boolean {
  if (bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function text4(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// OLE2 compound file: the container of legacy Word, Excel and PowerPoint files alike.
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EBML = [0x1a, 0x45, 0xdf, 0xa3];
const MPEG_PACK = [0x00, 0x00, 0x01, 0xba];
const MPEG_SEQUENCE = [0x00, 0x00, 0x01, 0xb3];

// ISO BMFF (MP4) brands. The platform rejects video and "MP4" says nothing about whether there is a picture,
// so a container counts as audio only when it says so: an audio brand as major brand, or a generic brand
// (which any muxer writes) listing an audio brand among its compatible brands. Video brands win even when
// they list M4A as compatible (iTunes M4V files do). An audio-only file branded only `isom`/`mp42` is
// therefore reported as video: telling it apart needs the track handlers deep in `moov`, not the header.
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
const GENERIC_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'dash']);

function isoBmff(bytes: Uint8Array): 'audio/mp4' | 'video' {
  const major = text4(bytes, 8);
  if (AUDIO_BRANDS.has(major)) return 'audio/mp4';
  if (GENERIC_BRANDS.has(major)) {
    // Compatible brands follow the minor version (bytes 12-15) up to the end of the ftyp box.
    const boxEnd = Math.min(
      bytes.length,
      ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0,
    );
    for (let at = 16; at + 4 <= boxEnd; at += 4) if (AUDIO_BRANDS.has(text4(bytes, at))) return 'audio/mp4';
  }
  return 'video';
}

// Frame headers that start with the 12-bit sync word 0xFFF (11 bits for MPEG audio).
function frame(bytes: Uint8Array): 'audio/aac' | 'audio/mp3' | undefined {
  if (bytes.length < 3 || bytes[0] !== 0xff) return undefined;
  const b1 = bytes[1]!;
  const b2 = bytes[2]!;
  // AAC ADTS: 1111 ID 00 P (FFF1, FFF9, and FFF0/FFF8 with CRC); the sampling index must exist (< 13).
  if ((b1 & 0xf6) === 0xf0 && ((b2 >> 2) & 15) < 13) return 'audio/aac';
  // MPEG audio layer III: 111 VV 01 P with VV not the reserved 01 (FFFB, FFFA, FFF3, FFF2, FFE3, FFE2),
  // a bitrate index other than the invalid 1111 and a sampling rate other than the reserved 11.
  if ((b1 & 0xe6) === 0xe2 && (b1 & 0x18) !== 0x08 && b2 >> 4 !== 15 && ((b2 >> 2) & 3) !== 3)
    return 'audio/mp3';
  return undefined;
}

function ogg(bytes: Uint8Array): 'audio/ogg' | 'video' {
  // The first page holds the first stream's header packet after the 27-byte page header and its segment
  // table; a Theora stream is video. Vorbis, Opus, FLAC and Speex are all audio.
  const packet = 27 + (bytes[26] ?? 0);
  return bytes[packet] === 0x80 && hasText(bytes, packet + 1, 'theora') ? 'video' : 'audio/ogg';
}

/**
 * The media type a file's first bytes (magic numbers) show, among those the platform accepts (spec 7.1.5),
 * `'video'` for common video containers (which the platform rejects), or undefined when the bytes are not
 * recognised. JPEG is reported as `image/jpeg`, and any OLE2 compound file (legacy DOC, XLS and PPT share
 * it) as `application/msword`: use `contentTypeMatches` to compare with a declared type. The first 48 bytes
 * are enough.
 *
 * @example sniffContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) // 'image/png'
 */
export function sniffContentType(bytes: Uint8Array): SniffedContentType {
  if (!(bytes instanceof Uint8Array) || bytes.length < 3) return undefined;
  if (hasText(bytes, 0, '%PDF-')) return 'application/pdf';
  if (has(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (has(bytes, 0, PNG)) return 'image/png';
  if (has(bytes, 0, OLE2)) return 'application/msword';
  if (hasText(bytes, 0, 'ID3')) return 'audio/mp3';
  if (hasText(bytes, 0, '#!AMR')) return 'audio/amr';
  if (hasText(bytes, 0, 'OggS')) return ogg(bytes);
  if (hasText(bytes, 4, 'ftyp') && bytes.length >= 12) return isoBmff(bytes);
  if (has(bytes, 0, EBML)) return 'video';
  if (hasText(bytes, 0, 'RIFF') && hasText(bytes, 8, 'AVI ')) return 'video';
  if (hasText(bytes, 0, 'FLV') && bytes[3] === 0x01) return 'video';
  if (has(bytes, 0, MPEG_PACK) || has(bytes, 0, MPEG_SEQUENCE)) return 'video';
  return frame(bytes);
}
