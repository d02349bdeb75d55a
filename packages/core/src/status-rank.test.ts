import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_STATUSES } from './catalogs/message-statuses.ts';
import { isNewerStatus, statusRank } from './status-rank.ts';

const FAILURES = [7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 60, 61, 1004, 1005, 2000, 2001];
const at = (code: number, timestamp: number) => ({ code, timestamp });

describe('statusRank', () => {
  it('orders progress QUEUED < DELIVERED_TO_GATEWAY < RECEIVED_BY_RECIPIENT < READ', () => {
    expect(statusRank(2)).toBe(statusRank(1001));
    expect(statusRank(1001)).toBe(statusRank(1002));
    expect(statusRank(2)).toBeLessThan(statusRank(3));
    expect(statusRank(3)).toBeLessThan(statusRank(4));
    expect(statusRank(4)).toBeLessThan(statusRank(27));
  });

  it('puts every failure and EMULATED above every non-final status', () => {
    for (const code of [...FAILURES, 1006]) expect(statusRank(code)).toBeGreaterThan(statusRank(27));
  });

  it('ranks unknown codes lowest', () => {
    for (const code of Object.keys(MESSAGE_STATUSES).map(Number)) {
      expect(statusRank(12345)).toBeLessThan(statusRank(code));
    }
  });
});

describe('isNewerStatus', () => {
  it('accepts anything when there is no status yet', () => {
    expect(isNewerStatus(null, at(2, 1))).toBe(true);
    expect(isNewerStatus(undefined, at(999, 1))).toBe(true);
  });

  it('never lets a late QUEUED overwrite READ, even with a later timestamp', () => {
    expect(isNewerStatus(at(27, 1000), at(2, 2000))).toBe(false);
    expect(isNewerStatus(at(2, 1000), at(27, 500))).toBe(true);
  });

  it('keeps a failure final against any progress', () => {
    for (const failure of FAILURES) {
      for (const progress of [1, 2, 3, 4, 27, 1001, 1002]) {
        expect(isNewerStatus(at(failure, 1), at(progress, 9_999))).toBe(false);
        expect(isNewerStatus(at(progress, 9_999), at(failure, 1))).toBe(true);
      }
    }
  });

  it('lets the later timestamp win between equal ranks, and ignores an exact repeat', () => {
    expect(isNewerStatus(at(2, 100), at(1001, 200))).toBe(true);
    expect(isNewerStatus(at(1001, 200), at(2, 100))).toBe(false);
    expect(isNewerStatus(at(28, 100), at(7, 200))).toBe(true);
    expect(isNewerStatus(at(4, 100), at(4, 100))).toBe(false);
  });

  it('never lets an unknown code override a known status', () => {
    expect(isNewerStatus(at(2, 1), at(4242, 99))).toBe(false);
    expect(isNewerStatus(at(4242, 99), at(2, 1))).toBe(true);
  });

  it('reaches the same final status whatever order the callbacks arrive in', () => {
    const codes = [...Object.keys(MESSAGE_STATUSES).map(Number), 4242];
    const event = fc.record({ code: fc.constantFrom(...codes), timestamp: fc.integer({ min: 0, max: 1e6 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(event, { minLength: 1, maxLength: 8, selector: (e) => e.timestamp }),
        (events) => {
          const fold = (list: typeof events) =>
            list.reduce<(typeof events)[number] | null>((cur, e) => (isNewerStatus(cur, e) ? e : cur), null);
          const reversed = [...events].reverse();
          expect(fold(events)).toEqual(fold(reversed));
        },
      ),
    );
  });
});
