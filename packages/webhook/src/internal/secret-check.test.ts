import { describe, expect, it } from 'vitest';
import { secretCheck } from './secret-check.ts';

describe('secretCheck', () => {
  it('accepts the secret only: not a prefix, an extension, a wrapped repeat or another length', async () => {
    const check = secretCheck('s3cret');
    expect(await check('s3cret')).toBe(true);
    for (const other of ['', 's3cre', 's3crets', 's3crets3cret', 'S3cret', 's3cre\u0000', 'x'.repeat(10_000)])
      expect(await check(other)).toBe(false);
    expect(await secretCheck('')('')).toBe(false);
  });
});
