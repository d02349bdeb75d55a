import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Head } from './decode-base64-head.ts';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('decodeBase64Head', () => {
  it('gives the first 48 bytes (or all of a shorter file), padded or not, wrapped or not', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom('', '\r\n', '\n', ' '),
        fc.integer({ min: 1, max: 80 }),
        fc.boolean(),
        (bytes, separator, width, unpadded) => {
          let text = base64(bytes);
          if (unpadded) text = text.replace(/=+$/, '');
          const wrapped = separator
            ? (text.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(separator)
            : text;
          const head = decodeBase64Head(wrapped);
          // Whole 4-character groups only when cut inside the text: at least 45 of the first bytes.
          const expected = bytes.subarray(0, 48);
          expect(head).toBeDefined();
          expect(Array.from(expected.subarray(0, head!.length))).toEqual(Array.from(head!));
          expect(head!.length).toBeGreaterThanOrEqual(Math.min(bytes.length, separator ? 45 : 48));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads a PNG signature', () => {
    expect(Array.from(decodeBase64Head('iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB') ?? []).slice(0, 4)).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
  });

  it.each(['not base64!', '*'.repeat(100), 'A', 'AB=C'])('gives undefined for %j', (text) => {
    expect(decodeBase64Head(text)).toBeUndefined();
  });
});
