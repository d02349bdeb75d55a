import { describe, expect, it } from 'vitest';
import { API_ERRORS, findApiErrorCode, formatApiError, getApiError, isApiErrorCode } from './api-errors.ts';

const SECTION_8 = [
  1, 2, 3, 7, 100, 101, 102, 103, 104, 105, 106, 109, 150, 151, 152, 153, 158, 159, 160, 161, 901, 900,
];
const REQUEST_SCOPE = [1, 2, 3, 7, 102, 105, 109, 153, 900, 901];

describe('API_ERRORS', () => {
  it('holds every code of spec section 8', () => {
    expect(
      Object.keys(API_ERRORS)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([...SECTION_8].sort((a, b) => a - b));
  });

  it.each(SECTION_8)(
    'code %i: HTTP 202 except 7, retryable only for 901, scope by what it rejects',
    (code) => {
      const entry = getApiError(code);
      expect(entry.code).toBe(code);
      expect(entry.httpStatus).toBe(code === 7 ? 401 : 202);
      expect(entry.retryable).toBe(code === 901);
      expect(entry.scope).toBe(REQUEST_SCOPE.includes(code) ? 'request' : 'message');
      expect(isApiErrorCode(code)).toBe(true);
    },
  );

  it('keeps the spec wording', () => {
    expect(getApiError(1).description).toBe('Invalid or missing Integration API Key');
    expect(getApiError(900).description).toBe('Internal error');
    expect(getApiError(901).description).toBe('Internal error - please retry');
  });

  it('describes an unknown code without throwing', () => {
    expect(getApiError(999)).toMatchObject({ code: 999, retryable: false, unknown: true });
    expect(isApiErrorCode(999)).toBe(false);
  });
});

describe('formatApiError', () => {
  it.each([
    [109, '10.0.0.1', 'IP lockdown violation. Requests from 10.0.0.1 is forbidden according to settings'],
    [150, '999123', 'Invalid country code found for the input phone: 999123'],
    [151, '2799900000000001', 'Too long input phone: 2799900000000001'],
    [152, '2799', 'Too short input phone: 2799'],
    [159, '27999000001', 'Number 27999000001 is not approved WhatsApp number'],
  ])('fills the placeholder of %i', (code, value, text) => {
    expect(formatApiError(code, value)).toBe(text);
  });

  it('leaves codes without a placeholder as they are and drops an unfilled one', () => {
    expect(formatApiError(100, 'ignored')).toBe('Empty message content');
    expect(formatApiError(151)).toBe('Too long input phone:');
  });
});

describe('findApiErrorCode', () => {
  it('finds every entry from its description as the platform fills it in', () => {
    for (const { code } of Object.values(API_ERRORS)) {
      expect(findApiErrorCode(formatApiError(code, '27999000001')), String(code)).toBe(code);
    }
  });

  it('finds nothing in a description the catalog does not know', () => {
    expect(findApiErrorCode('Something new went wrong')).toBeNull();
    expect(findApiErrorCode('')).toBeNull();
  });
});
