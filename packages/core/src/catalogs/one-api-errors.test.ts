import { describe, expect, it } from 'vitest';
import { getApiError } from './api-errors.ts';
import { formatOneApiError, getOneApiError, isOneApiErrorCode, ONE_API_ERRORS } from './one-api-errors.ts';

// One API's errors table: code, HTTP status, levels (G global, M message).
const TABLE: readonly (readonly [number, number | null, string])[] = [
  [1, 401, 'G'],
  [2, 400, 'G'],
  [3, 400, 'G'],
  [7, 401, 'G'],
  [18, 500, 'GM'],
  [19, 503, 'GM'],
  [20, 402, 'M'],
  [21, 400, 'G'],
  [22, 400, 'G'],
  [23, 400, 'M'],
  [24, 400, 'M'],
  [25, 400, 'M'],
  [26, 400, 'M'],
  [27, 400, 'M'],
  [28, 400, 'M'],
  [29, null, ''],
  [30, 400, 'M'],
  [31, 400, 'M'],
  [32, 400, 'M'],
  [33, 400, 'M'],
  [34, null, ''],
  [35, null, ''],
  [36, null, ''],
  [37, null, ''],
  [38, 400, 'M'],
  [39, 400, 'M'],
  [40, 400, 'M'],
  [41, 400, 'G'],
  [42, 400, 'G'],
  [43, 400, 'GM'],
  [44, 400, 'M'],
  [45, 400, 'M'],
  [46, 400, 'M'],
  [100, 400, 'M'],
  [101, 400, 'M'],
  [110, 400, 'M'],
  [111, 400, 'M'],
];

const levels = (gm: string) => [
  ...(gm.includes('G') ? ['global'] : []),
  ...(gm.includes('M') ? ['message'] : []),
];

describe('ONE_API_ERRORS', () => {
  it('holds every code of the errors table, and nothing else', () => {
    expect(Object.keys(ONE_API_ERRORS).map(Number)).toEqual(TABLE.map(([code]) => code));
  });

  it.each(TABLE)('code %i: HTTP %s, levels %s', (code, httpStatus, gm) => {
    const entry = getOneApiError(code);
    expect(entry).toMatchObject({ code, httpStatus, levels: levels(gm) });
    expect(isOneApiErrorCode(code)).toBe(true);
    expect(entry.unknown).toBeUndefined();
  });

  it('never resends 18 (it may follow acceptance), retries 19, throttles on 43', () => {
    expect(getOneApiError(18)).toMatchObject({ failed: false, final: false, retryable: false });
    expect(getOneApiError(19)).toMatchObject({ failed: true, final: false, retryable: true });
    expect(getOneApiError(43)).toMatchObject({
      description: 'Rate limit',
      httpStatus: 400,
      failed: true,
      final: false,
      retryable: true,
      throttle: true,
    });
    for (const [code] of TABLE.filter(([c]) => ![18, 19, 43].includes(c))) {
      expect(getOneApiError(code)).toMatchObject({ failed: true, final: true, retryable: false });
      expect(getOneApiError(code).throttle).toBeUndefined();
    }
  });

  it('keeps the table wording and fills its placeholders', () => {
    expect(getOneApiError(22).description).toBe('Maximum messages per request payload exceeded');
    expect(formatOneApiError(23, 'to')).toBe('Invalid or missing parameter: to');
    expect(formatOneApiError(23)).toBe('Invalid or missing parameter');
    expect(formatOneApiError(25, '2799900001')).toBe('Invalid recipient address: 2799900001');
    expect(formatOneApiError(31, 30)).toBe('Media file size exceeds limit of 30 MB');
    expect(formatOneApiError(32)).toBe('Media payload size exceeds limit of xx MB');
    expect(formatOneApiError(43)).toBe('Rate limit');
  });

  it('describes an unknown code instead of throwing, and never mixes with the legacy catalog', () => {
    expect(getOneApiError(12)).toMatchObject({ code: 12, unknown: true, failed: true, retryable: false });
    expect(isOneApiErrorCode(12)).toBe(false);
    expect(isOneApiErrorCode('19')).toBe(false);
    expect(getOneApiError(101).description).toMatch(/two-way/);
    expect(getApiError(101).description).toBe('Message content is too long');
    expect(getOneApiError(7).httpStatus).toBe(401);
    expect(getApiError(1).httpStatus).toBe(202);
    expect(getOneApiError(1).httpStatus).toBe(401);
  });
});
