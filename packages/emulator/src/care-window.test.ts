import { describe, expect, it } from 'vitest';
import { createCareWindows } from './care-window.ts';

const HOUR = 3_600_000;

describe('createCareWindows', () => {
  it('is open for 24 hours after the user wrote, per integration', () => {
    const w = createCareWindows(10);
    w.open('a', '27999000001', 0);
    expect(w.isOpen('a', '27999000001', 23 * HOUR)).toBe(true);
    expect(w.isOpen('a', '27999000001', 24 * HOUR)).toBe(false);
    expect(w.isOpen('b', '27999000001', HOUR)).toBe(false);
    expect(w.isOpen('a', '27999000001', -1)).toBe(false);
  });

  it('forgets the least recently written first when full', () => {
    const w = createCareWindows(2);
    w.open('a', '1', 0);
    w.open('a', '2', 0);
    w.open('a', '1', 1);
    w.open('a', '3', 1);
    expect(w.isOpen('a', '2', 2)).toBe(false);
    expect(w.isOpen('a', '1', 2)).toBe(true);
    w.clear();
    expect(w.isOpen('a', '1', 2)).toBe(false);
  });
});
