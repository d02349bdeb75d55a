import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from './utf8-byte-length.ts';

describe('utf8ByteLength', () => {
  it('counts what TextEncoder writes, ASCII or not, lone surrogates included (3 bytes each, as U+FFFD)', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (s) => {
          expect(utf8ByteLength(s)).toBe(encoder.encode(s).length);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['', 0],
    ['{"to":"27999000001"}', 20],
    ['é', 2],
    ['€', 3],
    ['👋', 4],
    ['\ud83d', 3],
  ])('%j is %i bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });
});
