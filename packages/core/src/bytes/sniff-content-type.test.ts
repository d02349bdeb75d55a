import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES } from '../catalogs/media-types.ts';
import { sniffContentType } from './sniff-content-type.ts';

/** Bytes from a mix of numbers and latin1 strings, so headers read like their documentation. */
function bytes(...parts: (number | string)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') out.push(part);
    else for (const ch of part) out.push(ch.charCodeAt(0));
  }
  return new Uint8Array(out);
}

const zeros = (n: number) => new Array<number>(n).fill(0);

/** An ISO BMFF `ftyp` box: size, 'ftyp', major brand, minor version, compatible brands. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return bytes(0, 0, 0, size, 'ftyp', major, 0, 0, 2, 0, ...compatible, 0, 0, 0, 8, 'free');
}

/** An Ogg first page with one segment holding `packet`. */
function oggPage(packet: Uint8Array): Uint8Array {
  const header = bytes(
    'OggS',
    0,
    2,
    ...zeros(8),
    0x01,
    0x02,
    0x03,
    0x04,
    ...zeros(4),
    ...zeros(4),
    1,
    packet.length,
  );
  return new Uint8Array([...header, ...packet]);
}

describe('sniffContentType', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n%', 0xe2, 0xe3, 0xcf, 0xd3), 'application/pdf'],
    ['JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'JFIF', 0), 'image/jpeg'],
    ['JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1, 0x2a, 0x1c, 'Exif', 0, 0), 'image/jpeg'],
    ['PNG', bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0, 0, 13, 'IHDR'), 'image/png'],
    [
      'OLE2 (DOC/XLS/PPT)',
      bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...zeros(16), 0x3e, 0),
      'application/msword',
    ],
    ['AAC ADTS, MPEG-4 (FFF1)', bytes(0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc), 'audio/aac'],
    ['AAC ADTS, MPEG-2 (FFF9)', bytes(0xff, 0xf9, 0x4c, 0x80, 0x02, 0x1f, 0xfc), 'audio/aac'],
    ['AAC ADTS with CRC (FFF0)', bytes(0xff, 0xf0, 0x50, 0x80, 0x02, 0x1f, 0xfc), 'audio/aac'],
    ['MP3 with an ID3v2 tag', bytes('ID3', 0x04, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x76, 'TIT2'), 'audio/mp3'],
    ['MP3 frame, MPEG-1 layer III (FFFB)', bytes(0xff, 0xfb, 0x90, 0x64, 0x00), 'audio/mp3'],
    ['MP3 frame, MPEG-2 layer III (FFF3)', bytes(0xff, 0xf3, 0x84, 0xc4, 0x00), 'audio/mp3'],
    ['MP3 frame, MPEG-2 layer III with CRC (FFF2)', bytes(0xff, 0xf2, 0x84, 0xc4, 0x00), 'audio/mp3'],
    ['MP3 frame, MPEG-2.5 layer III (FFE3)', bytes(0xff, 0xe3, 0x18, 0xc4, 0x00), 'audio/mp3'],
    ['AMR-NB', bytes('#!AMR\n', 0x3c, 0x48), 'audio/amr'],
    ['AMR-WB', bytes('#!AMR-WB\n', 0x04), 'audio/amr'],
    ['Ogg Opus', oggPage(bytes('OpusHead', 1, 2, 0x38, 0x01)), 'audio/ogg'],
    ['Ogg Vorbis', oggPage(bytes(1, 'vorbis', 0, 0, 0, 0)), 'audio/ogg'],
    ['Ogg Theora', oggPage(bytes(0x80, 'theora', 3, 2, 1)), 'video'],
    ['M4A', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'audio/mp4'],
    ['M4B audiobook', ftyp('M4B ', 'M4B ', 'mp42'), 'audio/mp4'],
    ['M4P', ftyp('M4P ', 'M4P ', 'mp42'), 'audio/mp4'],
    ['F4A', ftyp('F4A ', 'isom'), 'audio/mp4'],
    ['mp42 listing M4A', ftyp('mp42', 'mp42', 'isom', 'M4A '), 'audio/mp4'],
    ['isom MP4 video (ffmpeg)', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video'],
    ['mp41 video', ftyp('mp41', 'mp41'), 'video'],
    ['QuickTime', ftyp('qt  ', 'qt  '), 'video'],
    ['M4V listing M4A (iTunes)', ftyp('M4V ', 'M4V ', 'M4A ', 'mp42', 'isom'), 'video'],
    ['3GP', ftyp('3gp4', '3gp4', 'isom'), 'video'],
    ['avc1', ftyp('avc1', 'isom'), 'video'],
    ['WebM/Matroska', bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01), 'video'],
    ['AVI', bytes('RIFF', 0x24, 0x10, 0, 0, 'AVI LIST'), 'video'],
    ['FLV', bytes('FLV', 1, 5, 0, 0, 0, 9), 'video'],
    ['MPEG program stream', bytes(0, 0, 1, 0xba, 0x44, 0, 4, 0), 'video'],
    ['MPEG video sequence', bytes(0, 0, 1, 0xb3, 0x14, 0, 0xf0), 'video'],
  ])('recognises %s', (_, header, expected) => {
    expect(sniffContentType(header)).toBe(expected);
  });

  it.each([
    ['empty', bytes()],
    ['too short for any signature', bytes(0xff, 0xd8)],
    ['plain text', bytes('hello, world')],
    ['GIF (not accepted by the platform)', bytes('GIF89a', 1, 0, 1, 0)],
    ['WAV', bytes('RIFF', 0x24, 0x10, 0, 0, 'WAVEfmt ')],
    ['ZIP (DOCX and friends)', bytes('PK', 3, 4, 20, 0, 6, 0)],
    ['MPEG layer II frame', bytes(0xff, 0xfd, 0x90, 0x64)],
    ['all-ones bytes', bytes(0xff, 0xff, 0xff, 0xff)],
    ['an MPEG frame with an invalid bitrate', bytes(0xff, 0xfb, 0xf0, 0x64)],
    ['an ADTS frame with an invalid sampling index', bytes(0xff, 0xf1, 0x3c, 0x80)],
    ['ftyp cut before the brand', bytes(0, 0, 0, 0x18, 'ftyp')],
  ])('does not recognise %s', (_, header) => {
    expect(sniffContentType(header)).toBeUndefined();
  });

  it('reads only the start: a signature later on does not count', () => {
    expect(sniffContentType(bytes(' %PDF-1.4'))).toBeUndefined();
  });

  it('handles a view into a larger buffer', () => {
    const buffer = bytes('junk', 0x89, 'PNG\r\n', 0x1a, '\n');
    expect(sniffContentType(buffer.subarray(4))).toBe('image/png');
  });

  it('returns undefined for something that is not a Uint8Array', () => {
    expect(sniffContentType(undefined as unknown as Uint8Array)).toBeUndefined();
    expect(sniffContentType('%PDF-1.7' as unknown as Uint8Array)).toBeUndefined();
  });

  it('never throws and only returns accepted media types, video or undefined', () => {
    const allowed = new Set<unknown>([...Object.keys(MEDIA_TYPES), 'video', undefined]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (header) => {
        expect(allowed.has(sniffContentType(header))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
