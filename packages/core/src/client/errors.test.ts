import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  ClickwaError,
  HttpError,
  InvalidApiKeyError,
  IpLockdownError,
  isClickwaError,
  TimeoutError,
  TransportError,
  ValidationError,
} from './errors.ts';

describe('clickwa errors', () => {
  it('are Errors with code, description, retryable and a name', () => {
    const e = new HttpError(429, 'slow down', { retryable: true });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(ClickwaError);
    expect(e).toBeInstanceOf(HttpError);
    expect(e).not.toBeInstanceOf(ApiError);
    expect(e).toMatchObject({
      name: 'HttpError',
      code: 'http-status',
      description: 'slow down',
      retryable: true,
      status: 429,
    });
    expect(String(e)).toBe('HttpError: slow down');
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'HttpError',
      code: 'http-status',
      description: 'slow down',
      retryable: true,
    });
  });

  it('map platform codes to subclasses, with the catalog entry', () => {
    expect(ApiError.from({ code: 1, description: 'x' }, 202)).toBeInstanceOf(InvalidApiKeyError);
    const lockdown = ApiError.from({ code: 7, description: 'IP lockdown violation' }, 401);
    expect(lockdown).toBeInstanceOf(IpLockdownError);
    expect(lockdown).toBeInstanceOf(ApiError);
    expect(lockdown).toMatchObject({ code: 7, status: 401, info: { scope: 'request' } });
    expect(ApiError.from({ code: 109, description: 'x' }, 202)).toBeInstanceOf(IpLockdownError);
    expect(ApiError.from({ code: 901, description: 'retry' }, 202).retryable).toBe(true);
    expect(ApiError.from({ code: 900, description: 'no' }, 202).retryable).toBe(false);
    expect(ApiError.from({ code: null, description: 'odd' }, 202)).toMatchObject({
      code: 'api-error',
      info: undefined,
    });
  });

  it('take the code of the first error issue that has one', () => {
    const e = new ValidationError([
      { message: 'just a warning', severity: 'warning', code: 101 },
      { message: 'clientMessageId must be a string', severity: 'error' },
      { message: 'Empty message content', severity: 'error', code: 100 },
    ]);
    expect(e.code).toBe(100);
    expect(e.description).toBe('clientMessageId must be a string; Empty message content');
    expect(new ValidationError([{ message: 'bad', severity: 'error' }]).code).toBe('invalid-message');
  });

  it('connect-phase transport errors are retryable, others not', () => {
    expect(new TransportError('connect', 'refused').retryable).toBe(true);
    expect(new TransportError('unknown', 'reset').retryable).toBe(false);
    expect(new AbortError({ retryable: true }).retryable).toBe(true);
  });

  it('are recognised across copies of the module and across realms', async () => {
    // @ts-expect-error: a query string makes vitest load a second, distinct copy of the module.
    const copy = (await import('./errors.ts?copy')) as typeof import('./errors.ts');
    expect(copy.HttpError).not.toBe(HttpError);
    const foreign = new copy.InvalidApiKeyError();
    expect(foreign).toBeInstanceOf(ClickwaError);
    expect(foreign).toBeInstanceOf(ApiError);
    expect(foreign).toBeInstanceOf(InvalidApiKeyError);
    expect(foreign).not.toBeInstanceOf(HttpError);
    expect(isClickwaError(foreign)).toBe(true);

    // An object from another realm with the same brand on its constructor chain.
    const other = runInNewContext(`
      const KIND = Symbol.for('clickwa.error.kind');
      class ClickwaError extends Error { static [KIND] = 'ClickwaError'; }
      class TimeoutError extends ClickwaError { static [KIND] = 'TimeoutError'; }
      new TimeoutError('late');
    `);
    expect(isClickwaError(other)).toBe(true);
    expect(other).not.toBeInstanceOf(HttpError);
  });

  it("check a subclass of the caller's the ordinary way", () => {
    class QuotaError extends ApiError {}
    const mine = new QuotaError(900, 'over quota', 202);
    expect(mine).toBeInstanceOf(QuotaError);
    expect(mine).toBeInstanceOf(ApiError);
    expect(mine).toBeInstanceOf(ClickwaError);
    expect(new ApiError(900, 'internal', 202)).not.toBeInstanceOf(QuotaError);
    expect(new TimeoutError(5)).not.toBeInstanceOf(QuotaError);
  });

  it('do not mistake other values', () => {
    for (const value of [
      null,
      undefined,
      'ClickwaError',
      42,
      new Error('x'),
      { code: 1 },
      Object.create(null),
    ]) {
      expect(isClickwaError(value)).toBe(false);
    }
  });
});
