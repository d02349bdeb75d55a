import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatApiError } from '../catalogs/api-errors.ts';
import type { Result } from '../result.ts';
import { findCountryCallingCode, listCountryCallingCodes } from './e164-country-codes.ts';
import { normalizeMsisdn } from './normalize-msisdn.ts';

/** The single issue's code of a failed result (and that it is the only issue, with error severity). */
function failureCode(result: Result<string>): number | undefined {
  expect(result.success).toBe(false);
  if (result.success) return undefined;
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]?.severity).toBe('error');
  return result.issues[0]?.code;
}

function failureMessage(result: Result<string>): string | undefined {
  return result.success ? undefined : result.issues[0]?.message;
}

describe('normalizeMsisdn', () => {
  it('normalizes the spec example and its formatted forms', () => {
    expect(normalizeMsisdn('27999000001')).toEqual({ success: true, output: '27999000001' });
    expect(normalizeMsisdn('+27 99 900-0001')).toEqual({ success: true, output: '27999000001' });
    expect(normalizeMsisdn('0027999000001')).toEqual({ success: true, output: '27999000001' });
    expect(normalizeMsisdn('00 27 99 900 0001')).toEqual({ success: true, output: '27999000001' });
    expect(normalizeMsisdn('+27.99.900.0001')).toEqual({ success: true, output: '27999000001' });
    expect(normalizeMsisdn('  +27 (99) 900 0001\n')).toEqual({ success: true, output: '27999000001' });
    expect(normalizeMsisdn('(+27) 99 900 0001')).toEqual({ success: true, output: '27999000001' });
    expect(normalizeMsisdn('+27\u00a099\u00a0900\u00a00001')).toEqual({
      success: true,
      output: '27999000001',
    });
  });

  it.each([
    ['United States', '+1 (212) 555-0100', '12125550100'],
    ['United Kingdom', '+44 7911 123456', '447911123456'],
    ['India', '+91 98765 43210', '919876543210'],
    ['Brazil', '+55 11 98765-4321', '5511987654321'],
    ['Nigeria', '+234 803 123 4567', '2348031234567'],
    ['Kazakhstan', '+7 701 123 4567', '77011234567'],
    ['Finland', '+358 40 123 4567', '358401234567'],
    ['Åland', '+358 18 12345', '3581812345'],
    ['Italy (landline keeps its 0)', '+39 06 6988 4857', '390669884857'],
    ['Iridium (global service code 881)', '+881 6 3123 4567', '881631234567'],
  ])('normalizes a number from %s', (_, input, output) => {
    expect(normalizeMsisdn(input)).toEqual({ success: true, output });
  });

  describe('158: not a usable phone number', () => {
    it.each([[''], ['   '], ['+'], ['abc'], ['+27 82 123 456a'], ['27-82-CALL-NOW'], ['+27/821234567']])(
      'rejects %j',
      (input) => {
        expect(failureCode(normalizeMsisdn(input))).toBe(158);
      },
    );

    it.each([
      ['++27821234567'],
      ['27+821234567'],
      ['+27 82 123 4567 ext 5'],
      ['#27821234567'],
      ['＋27821234567'],
    ])('rejects %j', (input) => {
      expect(failureCode(normalizeMsisdn(input))).toBe(158);
    });

    it('rejects non-ASCII digits', () => {
      expect(failureCode(normalizeMsisdn('２７８２１２３４５６７'))).toBe(158);
      expect(failureCode(normalizeMsisdn('٢٧٨٢١٢٣٤٥٦٧'))).toBe(158);
    });

    it.each([
      [27999000001],
      [27999000001n],
      [Number.NaN],
      [null],
      [undefined],
      [{}],
      [['27999000001']],
      [true],
      [Symbol('27')],
    ])('rejects the non-string %s', (input) => {
      expect(failureCode(normalizeMsisdn(input))).toBe(158);
    });

    it('says why in the message, after the catalog description', () => {
      expect(failureMessage(normalizeMsisdn(27999000001))).toBe(
        'Invalid destination address: expected a string, got number',
      );
      expect(failureMessage(normalizeMsisdn(null))).toContain('got null');
      expect(failureMessage(normalizeMsisdn(''))).toBe(
        'Invalid destination address: the phone number is empty',
      );
      expect(failureMessage(normalizeMsisdn('abc'))).toMatch(/^Invalid destination address: use digits/);
    });

    it('rejects a "(0)" trunk prefix instead of guessing whether to drop it', () => {
      const result = normalizeMsisdn('+44 (0)20 7946 0958');
      expect(failureCode(result)).toBe(158);
      expect(failureMessage(result)).toContain('(0)');
      expect(failureCode(normalizeMsisdn('+39 ( 0 )6 6988 4857'))).toBe(158);
    });

    it('does not call into the object it is given', () => {
      const hostile = new Proxy(
        {},
        {
          get() {
            throw new Error('touched');
          },
        },
      );
      expect(failureCode(normalizeMsisdn(hostile))).toBe(158);
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      expect(failureCode(normalizeMsisdn(proxy))).toBe(158);
    });
  });

  describe('150: no country calling code', () => {
    it('rejects a national number rather than guessing its country', () => {
      const result = normalizeMsisdn('0821234567');
      expect(failureCode(result)).toBe(150);
      expect(failureMessage(result)).toContain(formatApiError(150, '0821234567'));
      expect(failureMessage(result)).toMatch(/national number/);
      expect(failureMessage(result)).toMatch(/country calling code/);
      expect(failureCode(normalizeMsisdn('082 123 4567'))).toBe(150);
      expect(failureCode(normalizeMsisdn('(021) 555 1234'))).toBe(150);
    });

    it.each([
      ['+9991234567'],
      ['9991234567'],
      ['+210 123 4567'],
      ['2891234567'],
      ['+671 123 4567'],
      ['+684 633 1234'],
    ])('rejects the unassigned code in %j', (input) => {
      const result = normalizeMsisdn(input);
      expect(failureCode(result)).toBe(150);
      expect(failureMessage(result)).toContain(formatApiError(150, input));
      expect(failureMessage(result)).toMatch(/check the country code/);
    });

    it('rejects a 0 after an international prefix, which no code starts with', () => {
      expect(failureMessage(normalizeMsisdn('+0821234567'))).toContain(formatApiError(150, '+0821234567'));
      expect(failureCode(normalizeMsisdn('000821234567'))).toBe(150);
    });

    it('checks the country code before the length', () => {
      expect(failureCode(normalizeMsisdn('+999 1234 5678 9012 3456'))).toBe(150);
      expect(failureCode(normalizeMsisdn('+999'))).toBe(150);
    });
  });

  describe('151: too long', () => {
    it('accepts 15 digits and rejects 16', () => {
      expect(normalizeMsisdn('+27 12345 67890 123')).toEqual({ success: true, output: '271234567890123' });
      const result = normalizeMsisdn('+27 12345 67890 1234');
      expect(failureCode(result)).toBe(151);
      expect(failureMessage(result)).toContain(formatApiError(151, '+27 12345 67890 1234'));
      expect(failureMessage(result)).toMatch(/at most 15 digits/);
    });

    it('takes exactly 10 digits after +1 and +7, whose numbers all have that many', () => {
      expect(normalizeMsisdn('+1 212 555 0100')).toEqual({ success: true, output: '12125550100' });
      expect(normalizeMsisdn('+7 701 123 4567')).toEqual({ success: true, output: '77011234567' });
      expect(failureCode(normalizeMsisdn('+1 212 555 01000'))).toBe(151);
      expect(failureCode(normalizeMsisdn('+7 701 123 45678'))).toBe(151);
    });
  });

  describe('152: too short', () => {
    it.each([
      ['+27 123', '27123'],
      ['+1 234', '1234'],
      ['+358 123', '358123'],
      ['+27', '27'],
      // Without its area code: the local 7 digits of a US or Kazakh number.
      ['+1 555 0100', '15550100'],
      ['+7 123 4567', '71234567'],
    ])('rejects %j', (input) => {
      const result = normalizeMsisdn(input);
      expect(failureCode(result)).toBe(152);
      expect(failureMessage(result)).toContain(formatApiError(152, input));
      expect(failureMessage(result)).toMatch(/area code/);
    });

    it('accepts the country code plus 4 digits where numbers vary in length', () => {
      expect(normalizeMsisdn('+27 1234')).toEqual({ success: true, output: '271234' });
      expect(normalizeMsisdn('+358 1234')).toEqual({ success: true, output: '3581234' });
    });
  });

  describe('properties', () => {
    const phoneLike = fc.stringMatching(/^(\+|00)?[\d\s().-]{0,20}$/);

    it('never throws', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.anything(), fc.string(), fc.string({ unit: 'grapheme' }), phoneLike),
          (input) => {
            normalizeMsisdn(input);
          },
        ),
        { numRuns: 2000 },
      );
    });

    it('returns either an output or exactly one coded error', () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.string(), phoneLike), (input) => {
          const result = normalizeMsisdn(input);
          if (result.success) return;
          expect(result.issues).toHaveLength(1);
          expect([150, 151, 152, 158]).toContain(result.issues[0]?.code);
          expect(result.issues[0]?.severity).toBe('error');
        }),
      );
    });

    it('outputs 5 to 15 digits starting with an assigned code, and is idempotent', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), phoneLike), (input) => {
          const result = normalizeMsisdn(input);
          if (!result.success) return;
          expect(result.output).toMatch(/^\d{5,15}$/);
          expect(findCountryCallingCode(result.output)).toBeDefined();
          expect(normalizeMsisdn(result.output)).toEqual(result);
        }),
        { numRuns: 2000 },
      );
    });

    it('accepts any assigned code followed by 4 to 12 digits (10 after +1 and +7), however it is formatted', () => {
      const codes = listCountryCallingCodes();
      const valid = fc
        .tuple(fc.constantFrom(...codes), fc.stringMatching(/^\d{4,12}$/))
        .filter(([code, rest]) => (code.length === 1 ? rest.length === 10 : code.length + rest.length <= 15));
      const separator = fc.constantFrom('', ' ', '-', '.', '\t');
      fc.assert(
        fc.property(valid, fc.constantFrom('', '+', '00'), separator, ([code, rest], prefix, sep) => {
          const input = `${prefix}${code}${sep}${rest.slice(0, 3)}${sep}${rest.slice(3)}`;
          expect(normalizeMsisdn(input)).toEqual({ success: true, output: code + rest });
        }),
      );
    });
  });
});
