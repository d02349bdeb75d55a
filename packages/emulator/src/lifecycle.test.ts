import { MESSAGE_STATUSES } from '@clickwa/core';
import { describe, expect, it } from 'vitest';
import { DELIVERED_PATH, planStatuses, scheduleStatuses, statusPath } from './lifecycle.ts';
import { createRandom } from './random.ts';

describe('statusPath', () => {
  it.each([
    [28, [2, 28]],
    [9, [2, 3, 9]],
    [1006, [1006]],
    [1004, [1004]],
    [3, [2, 3]],
    [27, [2, 3, 4, 27]],
    [777, [2, 777]],
  ])('%i -> %j', (code, path) => {
    expect(statusPath(code)).toEqual(path);
  });

  it('every catalog status ends its own path', () => {
    for (const code of Object.keys(MESSAGE_STATUSES).map(Number)) expect(statusPath(code).at(-1)).toBe(code);
  });
});

describe('planStatuses', () => {
  const none = { magic: undefined, sandboxBlocked: false, outsideCareWindow: false };
  it('magic status beats sandbox beats care window', () => {
    expect(planStatuses(none)).toEqual(DELIVERED_PATH);
    expect(planStatuses({ ...none, outsideCareWindow: true })).toEqual([2, 7]);
    expect(planStatuses({ ...none, sandboxBlocked: true, outsideCareWindow: true })).toEqual([1006]);
    expect(
      planStatuses({
        magic: { kind: 'status', statusCode: 28 },
        sandboxBlocked: true,
        outsideCareWindow: true,
      }),
    ).toEqual([2, 28]);
  });
});

describe('scheduleStatuses', () => {
  it('keeps logical offsets in order and jitters only the send times', () => {
    const s = scheduleStatuses(
      DELIVERED_PATH,
      { firstStatusMs: 100, stepMs: 50, jitterMs: 200 },
      createRandom(3),
    );
    expect(s.map((x) => x.offsetMs)).toEqual([100, 150, 200, 250]);
    for (const x of s) {
      expect(x.sendAfterMs).toBeGreaterThanOrEqual(x.offsetMs);
      expect(x.sendAfterMs).toBeLessThan(x.offsetMs + 200);
    }
    const none = scheduleStatuses([2], { firstStatusMs: 0, stepMs: 0, jitterMs: 0 }, createRandom(3));
    expect(none).toEqual([{ statusCode: 2, offsetMs: 0, sendAfterMs: 0 }]);
  });
});
