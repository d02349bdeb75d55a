import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './base64.ts';
import { fromBase64Fallback } from './from-base64-fallback.ts';
import { toBase64Fallback } from './to-base64-fallback.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const nodeBase64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');

/** What loose `Uint8Array.fromBase64` accepts, written the slow obvious way; Buffer (lenient) decodes it. */
function reference(text: string): Uint8Array | undefined {
  const compact = text.replace(/[\t\n\f\r ]/g, '');
  const match = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(compact);
  if (!match) return undefined;
  const body = match[1]!.length % 4;
  const padding = match[2]!.length;
  if (body === 1 || (padding === 1 && body !== 3) || (padding === 2 && body !== 2)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

const RFC4648 = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
] as const;

// The fallback is tested on its own so it stays covered where the runtime has native base64.
describe.each([
  { path: 'public', encode: toBase64, decode: fromBase64 },
  { path: 'fallback', encode: toBase64Fallback, decode: fromBase64Fallback },
])('base64 ($path)', ({ encode, decode }) => {
  it.each(RFC4648)('encodes and decodes the RFC 4648 vector %j', (plain, encoded) => {
    expect(encode(utf8(plain))).toBe(encoded);
    expect(decode(encoded)).toEqual({ success: true, output: utf8(plain) });
  });

  it('encodes every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encode(all)).toBe(nodeBase64(all));
  });

  it('encodes only the view of a larger buffer, at any alignment and around chunk boundaries', () => {
    const big = new Uint8Array(Buffer.from(Array.from({ length: 80_000 }, (_, i) => (i * 7919) % 256)));
    for (const offset of [0, 1, 2, 3, 5]) {
      for (const length of [0, 1, 2, 3, 11, 12, 13, 24_575, 24_576, 24_577, 24_578, 49_152, 60_001]) {
        const view = big.subarray(offset, offset + length);
        expect(encode(view)).toBe(nodeBase64(view));
      }
    }
  });

  it('decodes into a buffer of exactly the decoded size', () => {
    for (const text of ['Zm9v', 'Zm9vYg==', 'Zm9vYg', 'Zm9v\nYmE=', ' Zm9vYmFy ']) {
      const result = decode(text);
      expect(result.success).toBe(true);
      if (result.success) expect(result.output.buffer.byteLength).toBe(result.output.length);
    }
  });

  it('ignores ASCII whitespace anywhere, padding included', () => {
    expect(decode(' Zm9v\r\nYmE\t=\f')).toEqual({ success: true, output: utf8('fooba') });
    expect(decode('Zm9vYg=\n=')).toEqual({ success: true, output: utf8('foob') });
    expect(decode('  \n ')).toEqual({ success: true, output: new Uint8Array() });
  });

  it('accepts missing padding', () => {
    expect(decode('Zm9vYg')).toEqual({ success: true, output: utf8('foob') });
    expect(decode('Zm9vYmE')).toEqual({ success: true, output: utf8('fooba') });
  });

  it('decodes line-wrapped (MIME) text', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) % 256);
    const wrapped = (nodeBase64(bytes).match(/.{1,76}/g) ?? []).join('\r\n');
    expect(decode(wrapped)).toEqual({ success: true, output: bytes });
  });

  it('handles whitespace, padding, errors and non-ASCII across the 16384-character chunks of the fallback', () => {
    const bytes = Uint8Array.from({ length: 30_001 }, (_, i) => (i * 131) % 256);
    const text = nodeBase64(bytes);
    for (const at of [16_382, 16_383, 16_384, 16_385, 32_767, 32_768]) {
      const spaced = text.slice(0, at) + ' \n' + text.slice(at);
      expect(decode(spaced)).toEqual({ success: true, output: bytes });
      expect(decode(text.slice(0, at) + '!' + text.slice(at))).toEqual({
        success: false,
        issues: [{ message: `Invalid base64: unexpected character "!" at index ${at}.`, severity: 'error' }],
      });
      expect(decode(text.slice(0, at) + 'é' + text.slice(at)).issues?.[0]?.message).toMatch(
        `"é" at index ${at}`,
      );
    }
    const padded = nodeBase64(bytes.subarray(0, 12_289)); // 16_388 characters, ending in '=='
    expect(padded.length).toBe(16_388);
    expect(decode(padded)).toEqual({ success: true, output: bytes.subarray(0, 12_289) });
    expect(decode(padded.slice(0, 16_384) + '\n' + padded.slice(16_384))).toEqual({
      success: true,
      output: bytes.subarray(0, 12_289),
    });
  });

  it.each([
    ['an invalid character', 'Zm9v!mFy', /unexpected character "!" at index 4/],
    ['the URL-safe alphabet', 'Zm9v-_8', /unexpected character "-"/],
    ['vertical tab (not ASCII whitespace)', 'Zm9v\vYmFy', /unexpected character/],
    ['a character above U+00FF', 'Zm9v\u0100mFy', /unexpected character "Ā"/],
    ['an emoji', 'Zm9v😀', /unexpected character "😀"/],
    ['a lone final character', 'Zm9vY', /single character/],
    ['padding after one character', 'Zm9vY===', /misplaced padding at index 5/],
    ['padding at the start of a group', 'Zm9v=', /misplaced padding at index 4/],
    ['a single = after two characters', 'Zm9vYg=', /incomplete padding/],
    ['too much padding', 'Zm9vYmE==', /misplaced padding at index 8/],
    ['data after padding', 'Zg==Zm9v', /data after padding at index 4/],
    ['a bad character after padding', 'Zg==!', /unexpected character "!" at index 4/],
  ])('fails on %s without throwing', (_, text, message) => {
    const result = decode(text);
    expect(result.success).toBe(false);
    expect(result.issues).toEqual([{ message: expect.stringMatching(message), severity: 'error' }]);
  });

  it('fails on a value that is not a string', () => {
    expect(decode(undefined as unknown as string).success).toBe(false);
    expect(decode(42 as unknown as string).success).toBe(false);
  });

  it('matches Buffer for many small random arrays', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = encode(bytes);
        expect(encoded).toBe(nodeBase64(bytes));
        expect(decode(encoded)).toEqual({ success: true, output: bytes });
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips with whitespace inserted and padding dropped', () => {
    const whitespace = fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\r\n');
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(), whitespace)),
        fc.boolean(),
        (bytes, inserts, dropPadding) => {
          let text = nodeBase64(bytes);
          if (dropPadding) text = text.replace(/=+$/, '');
          for (const [at, ws] of inserts) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + ws + text.slice(i);
          }
          expect(decode(text)).toEqual({ success: true, output: bytes });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['ASCII', fc.string()],
    ['graphemes', fc.string({ unit: 'grapheme' })],
    ['any code unit (lone surrogates too)', fc.string({ unit: 'binary' })],
    [
      'base64-like',
      fc.string({
        unit: fc.constantFrom(
          'A',
          'z',
          '0',
          '+',
          '/',
          '=',
          ' ',
          '\n',
          '\t',
          '\r',
          '\f',
          '\v',
          '-',
          '_',
          'Ā',
          '😀',
        ),
        maxLength: 40,
      }),
    ],
  ])('never throws and agrees with the reference on arbitrary strings (%s)', (_, strings) => {
    fc.assert(
      fc.property(strings, (text) => {
        const result = decode(text);
        const expected = reference(text);
        if (expected === undefined) {
          expect(result.success).toBe(false);
          expect(result.issues?.[0]?.severity).toBe('error');
        } else {
          expect(result).toEqual({ success: true, output: expected });
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** `length` bytes from a xorshift32 stream seeded by `seed`: large random arrays without fast-check building each byte. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

// Outside the per-path block so each costly array is made once and checked on both paths.
it('matches Buffer for random bytes up to 2 MB, on both paths', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer(), (length, seed) => {
      const bytes = pseudoRandomBytes(length, seed);
      const expected = nodeBase64(bytes);
      expect(toBase64(bytes)).toBe(expected);
      expect(toBase64Fallback(bytes)).toBe(expected);
      for (const decoded of [fromBase64(expected), fromBase64Fallback(expected)]) {
        expect(decoded.success && Buffer.compare(decoded.output, bytes)).toBe(0);
      }
    }),
    { numRuns: 30 },
  );
});
