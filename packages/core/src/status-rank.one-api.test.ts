import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_STATUSES } from './catalogs/message-statuses.ts';
import { ONE_API_STATUSES } from './catalogs/one-api-statuses.ts';
import { parseCallbackBody } from './parse-callback-body.ts';
import { isNewerStatus, type StatusLike, statusRank } from './status-rank.ts';

const CODES = Object.keys(ONE_API_STATUSES).map(Number);
const FAILURES = CODES.filter((code) => code >= 20 && code !== 24);
const BEFORE_DELIVERY = [1, 2, 3, 4];
const DELIVERED = [5, 6, 24];
const at = (code: number, timestamp: number) => ({ code, timestamp, api: 'one' as const });

const fold = <T extends StatusLike>(events: readonly T[]): T | null =>
  events.reduce<T | null>((current, e) => (isNewerStatus(current, e) ? e : current), null);

describe('statusRank for One API', () => {
  it('orders UNKNOWN < QUEUED, SCHEDULED < SENT_TO_SUPPLIER < failures < DEVICE_ACK < READ, EMULATED', () => {
    const order = [[1], [2, 3], [4], FAILURES, [5], [6, 24]];
    for (const [i, group] of order.entries()) {
      for (const code of group) expect(statusRank(code, 'one')).toBe(statusRank(group[0]!, 'one'));
      if (i > 0) expect(statusRank(group[0]!, 'one')).toBeGreaterThan(statusRank(order[i - 1]![0]!, 'one'));
    }
    expect(order.flat().sort((a, b) => a - b)).toEqual(CODES);
  });

  it('ranks a legacy 27 and a One API 27 differently: READ against a volume limit', () => {
    expect(statusRank(27)).toBe(5);
    expect(statusRank(27, 'wa')).toBe(5);
    expect(statusRank(27, 'one')).toBe(3);
    expect(statusRank(4)).toBeGreaterThan(statusRank(9));
    expect(statusRank(4, 'one')).toBeLessThan(statusRank(23, 'one'));
    expect(statusRank(6)).toBe(-1);
    expect(statusRank(6, 'one')).toBe(5);
    expect(statusRank(1006, 'one')).toBe(-1);
  });

  it('ranks codes the catalog lacks (134-138, after 141) below every known one', () => {
    for (const unknown of [134, 138, 142, 1001]) {
      for (const code of CODES) expect(statusRank(unknown, 'one')).toBeLessThan(statusRank(code, 'one'));
    }
  });
});

describe('isNewerStatus for One API', () => {
  it('keeps DEVICE_ACK and READ against any failure, early or late', () => {
    expect(fold([at(6, 2400), at(23, 1000)])).toEqual(at(6, 2400));
    for (const failure of FAILURES) {
      for (const delivered of DELIVERED) {
        expect(isNewerStatus(at(delivered, 1), at(failure, 9_999))).toBe(false);
        expect(isNewerStatus(at(failure, 9_999), at(delivered, 1))).toBe(true);
      }
    }
  });

  it('lets a failure replace everything before delivery, whatever its timestamp', () => {
    for (const failure of FAILURES) {
      for (const before of BEFORE_DELIVERY) {
        expect(isNewerStatus(at(before, 9_999), at(failure, 1))).toBe(true);
        expect(isNewerStatus(at(failure, 1), at(before, 9_999))).toBe(false);
      }
    }
  });

  it('never lets a late QUEUED overwrite READ; between equal ranks the later timestamp wins', () => {
    expect(fold([at(2, 1), at(4, 2), at(6, 4), at(5, 3)])).toEqual(at(6, 4));
    expect(isNewerStatus(at(6, 100), at(2, 200))).toBe(false);
    expect(isNewerStatus(at(3, 100), at(2, 200))).toBe(true);
    expect(isNewerStatus(at(2, 200), at(3, 100))).toBe(false);
    expect(isNewerStatus(at(5, 100), at(5, 100))).toBe(false);
  });

  it('never lets an unknown code override a known status', () => {
    for (const code of CODES) {
      expect(isNewerStatus(at(code, 1), at(142, 99))).toBe(false);
      expect(isNewerStatus(at(142, 99), at(code, 1))).toBe(true);
    }
  });

  it('never mixes the APIs: a legacy and a One API status do not compare', () => {
    expect(isNewerStatus({ code: 9, timestamp: 1 }, { code: 27, timestamp: 2 })).toBe(true);
    expect(isNewerStatus(at(27, 2), at(9, 1))).toBe(false);
    expect(() => isNewerStatus({ code: 27, timestamp: 1 }, at(27, 2))).toThrow(TypeError);
    expect(() => isNewerStatus(at(27, 1), { code: 27, timestamp: 2, api: 'wa' })).toThrow(TypeError);
    expect(isNewerStatus(null, at(27, 1))).toBe(true);
  });

  it('takes parsed One API status events as they are', () => {
    const event = (statusCode: number, timestamp: number) => {
      const parsed = parseCallbackBody({
        integrationId: 'i',
        event: {
          messageStatusUpdate: [
            { messageId: 'm1', statusCode, timestamp: 1_700_000_000_000 + timestamp, channel: 'whatsapp' },
          ],
        },
      });
      const first = parsed.success ? parsed.output.events[0] : undefined;
      if (first?.kind !== 'status') throw new Error('not a status event');
      return first;
    };
    expect(isNewerStatus(event(6, 2400), event(23, 1000))).toBe(false);
    expect(isNewerStatus(at(23, 1000), event(5, 900))).toBe(true);
    expect(fold([event(2, 1000), event(27, 3000), event(4, 2000)])).toMatchObject({ statusCode: 27 });
  });

  it('reaches the same final status whatever order the callbacks arrive in', () => {
    const codes = [...CODES, 142];
    const event = fc.record({
      code: fc.constantFrom(...codes),
      timestamp: fc.integer({ min: 0, max: 1e6 }),
      api: fc.constant('one' as const),
    });
    const arrivals = fc
      .uniqueArray(event, { minLength: 1, maxLength: 8, selector: (e) => e.timestamp })
      .chain((events) =>
        fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
      );
    fc.assert(
      fc.property(arrivals, ([events, arrival]) => {
        expect(fold(arrival)).toEqual(fold(events));
      }),
    );
  });

  it('keeps the legacy order as it was', () => {
    for (const code of Object.keys(MESSAGE_STATUSES).map(Number)) {
      expect(statusRank(code)).toBe(MESSAGE_STATUSES[code as keyof typeof MESSAGE_STATUSES].rank);
    }
  });
});
