import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_STATUSES } from './catalogs/message-statuses.ts';
import { parseCallback } from './parse-callback.ts';
import { isNewerStatus, type StatusLike, statusRank } from './status-rank.ts';

const FAILURES = [7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 60, 61, 1004, 1005, 2000, 2001];
const BEFORE_DELIVERY = [1, 2, 1001, 1002, 3];
const DELIVERED = [4, 27, 1006];
const at = (code: number, timestamp: number) => ({ code, timestamp });

/** The status a store ends with when events arrive in this order. */
const fold = <T extends StatusLike>(events: readonly T[]): T | null =>
  events.reduce<T | null>((current, e) => (isNewerStatus(current, e) ? e : current), null);

describe('statusRank', () => {
  it('orders UNKNOWN < QUEUED < DELIVERED_TO_GATEWAY < failures < RECEIVED_BY_RECIPIENT < READ', () => {
    const order = [[1], [2, 1001, 1002], [3], FAILURES, [4], [27, 1006]];
    for (const [i, group] of order.entries()) {
      for (const code of group) expect(statusRank(code)).toBe(statusRank(group[0]!));
      if (i > 0) expect(statusRank(group[0]!)).toBeGreaterThan(statusRank(order[i - 1]![0]!));
    }
    expect(order.flat().sort((a, b) => a - b)).toEqual(Object.keys(MESSAGE_STATUSES).map(Number));
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

  it('keeps READ and RECEIVED_BY_RECIPIENT against a stale failure', () => {
    expect(fold([at(27, 2400), at(9, 1000)])).toEqual(at(27, 2400));
    expect(fold([at(4, 2400), at(9, 1000)])).toEqual(at(4, 2400));
    for (const failure of FAILURES) {
      for (const delivered of DELIVERED) {
        expect(isNewerStatus(at(delivered, 1), at(failure, 9_999))).toBe(false);
        expect(isNewerStatus(at(delivered, 9_999), at(failure, 1))).toBe(false);
      }
    }
  });

  it('lets proof of delivery replace a failure', () => {
    expect(fold([at(9, 1000), at(27, 2400)])).toEqual(at(27, 2400));
    expect(fold([at(9, 3000), at(4, 2400)])).toEqual(at(4, 2400));
    for (const failure of FAILURES) {
      for (const delivered of DELIVERED)
        expect(isNewerStatus(at(failure, 9_999), at(delivered, 1))).toBe(true);
    }
  });

  it('lets a failure replace everything before delivery, whatever its timestamp', () => {
    expect(fold([at(3, 1000), at(9, 2000)])).toEqual(at(9, 2000));
    expect(fold([at(2, 2000), at(28, 1000)])).toEqual(at(28, 1000));
    for (const failure of FAILURES) {
      for (const before of BEFORE_DELIVERY) {
        expect(isNewerStatus(at(before, 9_999), at(failure, 1))).toBe(true);
        expect(isNewerStatus(at(failure, 1), at(before, 9_999))).toBe(false);
      }
    }
  });

  it('lets the later timestamp win between equal ranks, and ignores an exact repeat', () => {
    expect(isNewerStatus(at(2, 100), at(1001, 200))).toBe(true);
    expect(isNewerStatus(at(1001, 200), at(2, 100))).toBe(false);
    expect(isNewerStatus(at(28, 100), at(7, 200))).toBe(true);
    expect(isNewerStatus(at(27, 100), at(1006, 200))).toBe(true);
    expect(isNewerStatus(at(4, 100), at(4, 100))).toBe(false);
  });

  it('never lets an unknown code override a known status, and lets any known code replace it', () => {
    expect(isNewerStatus(at(2, 1), at(4242, 99))).toBe(false);
    for (const code of Object.keys(MESSAGE_STATUSES).map(Number)) {
      expect(isNewerStatus(at(code, 1), at(4242, 99))).toBe(false);
      expect(isNewerStatus(at(4242, 99), at(code, 1))).toBe(true);
    }
  });

  it('takes parsed status events as they are, reading statusCode before code', () => {
    const T = 1_700_000_000_000;
    const parsed = (statusCode: number, timestamp: number) => {
      // Offsets from a plausible time: the parser refuses timestamps outside 2000-2100.
      const result = parseCallback({ messageId: 'm1', statusCode, status: 'X', timestamp: T + timestamp });
      if (!result.success || result.output.kind !== 'status') throw new Error('not a status event');
      return result.output;
    };
    expect(isNewerStatus(parsed(27, 2400), parsed(9, 1000))).toBe(false);
    expect(isNewerStatus(at(9, 1000), parsed(27, 2400))).toBe(true);
    expect(isNewerStatus(parsed(9, 1000), at(27, 2400))).toBe(true);
    expect(isNewerStatus(null, parsed(2, 1))).toBe(true);
    expect(fold([parsed(2, 1000), parsed(27, 3000), parsed(4, 2000)])).toMatchObject({ statusCode: 27 });
    const both = { statusCode: 27, code: 2, timestamp: 1 };
    expect(isNewerStatus(at(4, 5), both)).toBe(true);
    expect(isNewerStatus(both, at(4, 5))).toBe(false);
  });

  it('reaches the same final status whatever order the callbacks arrive in', () => {
    const codes = [...Object.keys(MESSAGE_STATUSES).map(Number), 4242];
    const event = fc.record({ code: fc.constantFrom(...codes), timestamp: fc.integer({ min: 0, max: 1e6 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(event, { minLength: 1, maxLength: 8, selector: (e) => e.timestamp }),
        (events) => {
          expect(fold(events)).toEqual(fold([...events].reverse()));
        },
      ),
    );
  });
});
