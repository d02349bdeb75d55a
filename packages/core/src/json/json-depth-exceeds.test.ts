import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from './json-depth-exceeds.ts';

describe('jsonDepthExceeds', () => {
  it('counts objects and arrays, not values', () => {
    expect(jsonDepthExceeds(1, 0)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: 2 }] }, 2)).toBe(true);
  });

  it('answers for nesting far past any stack, without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(jsonDepthExceeds(deep, 64)).toBe(true);
    expect(jsonDepthExceeds(deep, 200_000)).toBe(false);
  });
});
