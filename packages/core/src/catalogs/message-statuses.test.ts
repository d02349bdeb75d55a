import { describe, expect, it } from 'vitest';
import { getMessageStatus, isMessageStatusCode, MESSAGE_STATUSES } from './message-statuses.ts';

const SPEC_CODES = [
  1001, 1002, 1004, 1005, 1006, 1, 2, 3, 4, 27, 7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 2000, 2001, 60, 61,
];

describe('MESSAGE_STATUSES', () => {
  it('holds every status of spec 7.2.2 plus 60/61, and nothing else', () => {
    expect(
      Object.keys(MESSAGE_STATUSES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([...SPEC_CODES].sort((a, b) => a - b));
  });

  it.each(SPEC_CODES)('status %i is keyed by its own code', (code) => {
    expect(getMessageStatus(code).code).toBe(code);
    expect(isMessageStatusCode(code)).toBe(true);
  });

  it('names statuses as the spec does', () => {
    expect(getMessageStatus(1001).status).toBe('QUEUED');
    expect(getMessageStatus(1004)).toMatchObject({
      status: 'VOLUME_LIMIT_EXCEED',
      detail: 'MONTHLY_QUOTA_EXCEED',
    });
    expect(getMessageStatus(1005)).toMatchObject({
      status: 'VOLUME_LIMIT_EXCEED',
      detail: 'DAILY_QUOTA_EXCEED',
    });
    expect(getMessageStatus(1006)).toMatchObject({ status: 'EMULATED', final: true, failed: false });
    expect(getMessageStatus(3).status).toBe('DELIVERED_TO_GATEWAY');
    expect(getMessageStatus(4).status).toBe('RECEIVED_BY_RECIPIENT');
    expect(getMessageStatus(27)).toMatchObject({ status: 'READ', final: true, failed: false });
    expect(getMessageStatus(28)).toMatchObject({ status: 'UNKNOWN_USER', final: true, failed: true });
    expect(getMessageStatus(2001)).toMatchObject({ status: 'EXPIRED', final: true, failed: true });
    expect(getMessageStatus(60).detail).toMatch(/encryption/i);
  });

  it('marks every failure final and failed, READ and EMULATED final, progress neither', () => {
    for (const code of [7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 60, 61, 1004, 1005, 2000, 2001]) {
      expect(getMessageStatus(code)).toMatchObject({ final: true, failed: true });
    }
    for (const code of [27, 1006])
      expect(getMessageStatus(code)).toMatchObject({ final: true, failed: false });
    for (const code of [1, 2, 3, 4, 1001, 1002]) {
      expect(getMessageStatus(code)).toMatchObject({ final: false, failed: false });
    }
  });

  it('describes an unknown code instead of throwing', () => {
    expect(getMessageStatus(4242)).toEqual({
      code: 4242,
      status: 'UNKNOWN',
      unknown: true,
      lifecycle: 'unknown',
      final: false,
      failed: false,
      retryable: false,
    });
    expect(isMessageStatusCode(4242)).toBe(false);
    expect(isMessageStatusCode('4')).toBe(false);
    expect(getMessageStatus(Number.NaN).unknown).toBe(true);
  });
});
