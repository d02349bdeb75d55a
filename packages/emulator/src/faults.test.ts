import { describe, expect, it } from 'vitest';
import { createFaultPicker, FAULT_HEADER, isFaultKind } from './faults.ts';
import { createRandom } from './random.ts';

const request = (fault?: string) =>
  new Request('http://x/wa/messages', {
    method: 'POST',
    headers: fault === undefined ? {} : { [FAULT_HEADER]: fault },
  });

describe('createFaultPicker', () => {
  it('reads the header in any case; an unknown value is invalid', () => {
    const pick = createFaultPicker({ rate: 0 }, () => createRandom(1));
    expect(pick(request('Reset-After'))).toEqual({ fault: 'reset-after' });
    expect(pick(request(' 901 '))).toEqual({ fault: '901' });
    expect(pick(request('boom'))).toEqual({ invalid: 'boom' });
    expect(pick(request())).toEqual({});
  });

  it('chaos draws once per request, so the header does not shift later picks', () => {
    const one = createRandom(9);
    const two = createRandom(9);
    const a = createFaultPicker({ rate: 0.5 }, () => one);
    const b = createFaultPicker({ rate: 0.5 }, () => two);
    const withHeaders = Array.from({ length: 20 }, (_, i) =>
      i % 3 === 0 ? a(request('500')) : a(request()),
    );
    const without = Array.from({ length: 20 }, () => b(request()));
    withHeaders.forEach((pick, i) => {
      if (i % 3 !== 0) expect(pick).toEqual(without[i]);
    });
  });

  it('picks only the configured kinds', () => {
    const random = createRandom(2);
    const pick = createFaultPicker({ rate: 1, kinds: ['429', 'timeout'] }, () => random);
    const kinds = new Set(Array.from({ length: 50 }, () => pick(request()).fault));
    expect(kinds).toEqual(new Set(['429', 'timeout']));
    expect(isFaultKind('timeout')).toBe(true);
    expect(isFaultKind('timeout-after')).toBe(true);
    expect(isFaultKind('404')).toBe(false);
  });
});
