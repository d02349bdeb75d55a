import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256-hex.ts';

const nodeSha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

describe('sha256Hex', () => {
  it('hashes the FIPS 180-2 vectors to lowercase hex', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes strings as UTF-8', async () => {
    for (const text of ['é', 'naïve café', '😀 emoji', '\u0000'])
      expect(await sha256Hex(text)).toBe(nodeSha256(text));
  });

  it('hashes only the view of a larger buffer', async () => {
    const big = Uint8Array.from({ length: 100 }, (_, i) => i);
    const view = big.subarray(10, 20);
    expect(await sha256Hex(view)).toBe(nodeSha256(view));
  });

  it('hashes a view of a SharedArrayBuffer', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(16)).fill(7);
    expect(await sha256Hex(shared)).toBe(nodeSha256(new Uint8Array(16).fill(7)));
  });

  it('matches node:crypto for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), async (bytes) => {
        expect(await sha256Hex(bytes)).toBe(nodeSha256(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('matches node:crypto for random strings, lone surrogates included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
        expect(await sha256Hex(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes 1 MiB', async () => {
    const bytes = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24);
    expect(await sha256Hex(bytes)).toBe(nodeSha256(bytes));
  });
});
