import { normalizeMsisdn } from '@clickwa/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { magicNumber, parseMagicNumber } from './magic-numbers.ts';

describe('magic numbers', () => {
  it('parse the three prefixes', () => {
    expect(parseMagicNumber('27999900028')).toEqual({ kind: 'status', statusCode: 28 });
    expect(parseMagicNumber('27999800901')).toEqual({ kind: 'reject', errorCode: 901 });
    expect(parseMagicNumber('27999712345')).toEqual({ kind: 'auto-reply' });
    expect(parseMagicNumber('27999000001')).toBeUndefined();
    expect(parseMagicNumber('279999000280')).toBeUndefined();
  });

  it('every built number is a valid phone for the core and parses back to its code', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), (code) => {
        for (const [build, kind] of [
          [magicNumber.status, 'status'],
          [magicNumber.reject, 'reject'],
        ] as const) {
          const n = build(code);
          expect(normalizeMsisdn(n)).toEqual({ success: true, output: n });
          expect(parseMagicNumber(n)).toMatchObject({ kind });
        }
        expect(parseMagicNumber(magicNumber.status(code))).toEqual({ kind: 'status', statusCode: code });
      }),
    );
  });

  it('refuses codes that do not fit five digits', () => {
    expect(() => magicNumber.status(100_000)).toThrow(RangeError);
    expect(() => magicNumber.reject(-1)).toThrow(RangeError);
  });
});
