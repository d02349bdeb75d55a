import { describe, expect, it } from 'vitest';
import { maxMediaBytes, mediaFromBytes } from './media-from-bytes.ts';

// A 1x1 PNG's signature and a JPEG's, padded to a size.
const png = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
};

describe('mediaFromBytes', () => {
  it('sniffs the type and returns the media() message', () => {
    expect(mediaFromBytes('27999000001', png(), { caption: 'Your receipt' })).toEqual({
      success: true,
      output: {
        to: '27999000001',
        contentType: 'image/png',
        content: expect.stringMatching(/^iVBORw0KGgo/),
        caption: 'Your receipt',
      },
    });
  });

  it('refuses a file over the API limit before encoding it (104), per kind on One API', () => {
    const big = png(1_000_001);
    expect(mediaFromBytes('27999000001', big)).toMatchObject({
      success: false,
      issues: [{ code: 104, message: 'The file is 1000001 bytes; media may be at most 1000000 (104)' }],
    });
    expect(mediaFromBytes('27999000001', big, { api: 'one' }).success).toBe(true);
    expect(mediaFromBytes('27999000001', png(5_000_001), { api: 'one' })).toMatchObject({
      success: false,
      issues: [{ code: 104, message: expect.stringContaining('at most 5000000') }],
    });
    expect(maxMediaBytes('one')).toBe(20_000_000);
    expect(maxMediaBytes('one', 'audio/ogg; codecs=opus')).toBe(16_000_000);
  });

  it('answers what media() refuses as issues, never a throw', () => {
    const unknown = mediaFromBytes('27999000001', new Uint8Array([1, 2, 3]));
    expect(unknown).toMatchObject({
      success: false,
      issues: [{ message: expect.stringMatching(/^The media type cannot be told from the bytes/) }],
    });
    const captioned = mediaFromBytes('27999000001', png(), { contentType: 'audio/ogg', caption: 'x' });
    expect(captioned).toMatchObject({
      success: false,
      issues: [{ message: expect.stringContaining('caption') }],
    });
  });
});
