import { describe, expect, it } from 'vitest';
import { clock, createProgress, grouped } from './progress.ts';

function run(tty: boolean) {
  let t = 0;
  const out: string[] = [];
  const p = createProgress({
    total: 1000,
    write: (s) => out.push(s),
    tty,
    columns: 120,
    now: () => t,
    intervalMs: 1000,
  });
  for (let i = 0; i < 500; i++) {
    t += 2; // 500 rows/s
    p.tick(i % 100 === 0 ? 'unknown' : 'accepted');
  }
  p.done();
  return out;
}

describe('createProgress', () => {
  it('prints a plain line every interval off a terminal, with rate and ETA', () => {
    const out = run(false);
    expect(out).toHaveLength(1 + 1);
    expect(out[0]).toBe('progress 500/1,000 50%  500 rows/s  ETA 0:01  ok 495  rejected 0  unknown 5\n');
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });

  it('redraws one bar in place on a terminal and ends its line', () => {
    const out = run(true);
    expect(out.length).toBeGreaterThan(5);
    expect(out[0]!.startsWith('\r\x1b[2K[')).toBe(true);
    expect(out.at(-2)).toContain('500/1,000 50%');
    expect(out.at(-1)).toBe('\n');
  });

  it('formats numbers and durations the same on every runtime', () => {
    expect(grouped(1234567.4)).toBe('1,234,567');
    expect([clock(5), clock(65), clock(3725), clock(Number.POSITIVE_INFINITY)]).toEqual([
      '0:05',
      '1:05',
      '1:02:05',
      '--:--',
    ]);
  });
});
