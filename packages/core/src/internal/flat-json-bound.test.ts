import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatJsonBound } from './flat-json-bound.ts';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('flatJsonBound', () => {
  it('is never below the bytes of the JSON, whatever the strings hold', () => {
    const primitive = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '"', '\\', '\ud800', '\udc00', 'é', '😀') }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), primitive), (value) => {
        const bound = flatJsonBound(value);
        expect(bound).toBeGreaterThanOrEqual(utf8(JSON.stringify(value)));
      }),
    );
  });

  it('is undefined for a value only serializing can measure', () => {
    for (const field of [{ a: 1 }, [1], () => 1, 10n, Symbol('s')])
      expect(flatJsonBound({ to: '27999000001', field })).toBeUndefined();
  });

  it('holds the bound its example gives', () => {
    expect(flatJsonBound({ to: '27999000001', content: 'Hi' })).toBe(
      2 + (6 * 2 + 4 + 6 * 11 + 2) + (6 * 7 + 4 + 6 * 2 + 2),
    );
  });
});
