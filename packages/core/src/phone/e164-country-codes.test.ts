import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countryCallingCodeLength,
  findCountryCallingCode,
  isCountryCallingCode,
  listCountryCallingCodes,
} from './e164-country-codes.ts';

describe('the E.164 country calling code table', () => {
  const codes = listCountryCallingCodes();

  it('holds 1- to 3-digit codes that never start with 0, sorted and without duplicates', () => {
    for (const code of codes) expect(code).toMatch(/^[1-9]\d{0,2}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort((a, b) => Number(a) - Number(b)));
  });

  it('is prefix-free, so the first prefix found is the only match', () => {
    for (const code of codes) {
      for (let length = 1; length < code.length; length++) {
        expect(isCountryCallingCode(code.slice(0, length)), `${code} starts with another code`).toBe(false);
      }
    }
  });

  it('includes geographic codes of every zone', () => {
    for (const code of ['1', '7', '20', '27', '44', '49', '55', '61', '81', '86', '91', '98']) {
      expect(isCountryCallingCode(code), code).toBe(true);
    }
    for (const code of ['211', '234', '269', '290', '299', '358', '379', '383', '389', '423', '500', '599']) {
      expect(isCountryCallingCode(code), code).toBe(true);
    }
    for (const code of ['670', '672', '692', '850', '880', '886', '960', '970', '977', '992', '997', '998']) {
      expect(isCountryCallingCode(code), code).toBe(true);
    }
  });

  it('includes the global service codes', () => {
    for (const code of ['800', '808', '870', '878', '881', '882', '883', '888', '979']) {
      expect(isCountryCallingCode(code), code).toBe(true);
    }
  });

  it('leaves out spare and returned codes', () => {
    const spare = [
      '0',
      '28',
      '210',
      '214',
      '215',
      '217',
      '219',
      '259',
      '280',
      '289',
      '292',
      '296',
      '384',
      '388',
    ];
    const more = [
      '422',
      '424',
      '429',
      '671',
      '684',
      '693',
      '699',
      '801',
      '807',
      '809',
      '969',
      '978',
      '990',
      '991',
    ];
    for (const code of [...spare, ...more, '999', '']) expect(isCountryCallingCode(code), code).toBe(false);
  });

  it('returns a fresh array each time', () => {
    const first = listCountryCallingCodes();
    first.length = 0;
    expect(listCountryCallingCodes()).toEqual(codes);
  });
});

describe('findCountryCallingCode', () => {
  it.each([
    ['27999000001', '27'],
    ['12125550100', '1'],
    ['447911123456', '44'],
    ['919876543210', '91'],
    ['5511987654321', '55'],
    ['2348031234567', '234'],
    ['77011234567', '7'],
    ['358401234567', '358'],
    ['35818123456', '358'],
    ['88216012345', '882'],
  ])('finds the code of %s', (digits, code) => {
    expect(findCountryCallingCode(digits)).toBe(code);
  });

  it.each(['', '0', '0821234567', '9991234567', '2101234567', '2891234567', '6711234567', '+27821234567'])(
    'finds none in %j',
    (digits) => {
      expect(findCountryCallingCode(digits)).toBeUndefined();
    },
  );

  it('matches a code on its own, without a subscriber number', () => {
    expect(findCountryCallingCode('1')).toBe('1');
    expect(findCountryCallingCode('358')).toBe('358');
    expect(findCountryCallingCode('35')).toBeUndefined();
  });

  it('returns an assigned code that starts the digits, or nothing', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\d+ a]{0,16}$/), (digits) => {
        const code = findCountryCallingCode(digits);
        expect(countryCallingCodeLength(digits)).toBe(code?.length ?? 0);
        if (code === undefined) {
          for (let length = 1; length <= 3; length++)
            expect(isCountryCallingCode(digits.slice(0, length))).toBe(false);
        } else {
          expect(digits.startsWith(code)).toBe(true);
          expect(isCountryCallingCode(code)).toBe(true);
        }
      }),
    );
  });
});
