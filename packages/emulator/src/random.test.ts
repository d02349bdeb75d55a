import { describe, expect, it } from 'vitest';
import { createRandom, hashHex, randomSeed } from './random.ts';

describe('createRandom', () => {
  it('repeats under a seed, and streams are independent', () => {
    const a = createRandom(42, 'ids');
    const b = createRandom(42, 'ids');
    const draws = Array.from({ length: 5 }, () => a.hex(32));
    expect(Array.from({ length: 5 }, () => b.hex(32))).toEqual(draws);
    expect(createRandom(42, 'faults').hex(32)).not.toBe(draws[0]);
    expect(createRandom(43, 'ids').hex(32)).not.toBe(draws[0]);
  });

  it('draws in range, about uniformly', () => {
    const r = createRandom('u');
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[r.int(4)]!++;
    }
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    expect(r.chance(0)).toBe(false);
    expect(r.chance(1)).toBe(true);
  });

  it('hex ids are 32 lowercase hex digits and do not collide in 100,000 draws', () => {
    const r = createRandom(1);
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(r.hex(32));
    expect(seen.size).toBe(100_000);
    expect([...seen][0]).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('hashHex and randomSeed', () => {
  it('hashHex is stable and 32 hex digits', () => {
    expect(hashHex('integration:a:k')).toBe(hashHex('integration:a:k'));
    expect(hashHex('x')).toMatch(/^[0-9a-f]{32}$/);
    expect(hashHex('x')).not.toBe(hashHex('y'));
  });

  it('randomSeed differs between calls', () => {
    expect(randomSeed()).not.toBe(randomSeed());
  });
});
