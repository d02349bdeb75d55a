import { describe, expectTypeOf, it } from 'vitest';
import type { StatusEvent } from './callback-event.ts';
import { parseCallback } from './parse-callback.ts';
import { isNewerStatus, type StatusPoint } from './status-rank.ts';

describe('isNewerStatus types', () => {
  it('takes a stored status, a parsed status event, or no status yet', () => {
    const stored: StatusPoint = { code: 27, timestamp: 2400 };
    const event = {} as StatusEvent;
    expectTypeOf(isNewerStatus(stored, event)).toEqualTypeOf<boolean>();
    expectTypeOf(isNewerStatus(event, stored)).toEqualTypeOf<boolean>();
    expectTypeOf(isNewerStatus(null, event)).toEqualTypeOf<boolean>();
    expectTypeOf(isNewerStatus(undefined, stored)).toEqualTypeOf<boolean>();
    expectTypeOf(isNewerStatus(stored, { code: 9, statusCode: 9, timestamp: 1 })).toEqualTypeOf<boolean>();
  });

  it('takes the output of parseCallback once narrowed to a status', () => {
    const keep = (current: StatusPoint | null, body: unknown) => {
      const parsed = parseCallback(body);
      if (parsed.success && parsed.output.kind === 'status' && isNewerStatus(current, parsed.output)) {
        return { code: parsed.output.statusCode, timestamp: parsed.output.timestamp };
      }
      return current;
    };
    expectTypeOf(keep).returns.toEqualTypeOf<StatusPoint | null>();
  });

  it('refuses what has no code or no timestamp', () => {
    // @ts-expect-error: no code
    isNewerStatus(null, { timestamp: 1 });
    // @ts-expect-error: no timestamp
    isNewerStatus(null, { statusCode: 9 });
    // @ts-expect-error: a message from a user is not a status
    isNewerStatus(null, {} as Extract<ReturnType<typeof parseCallback>, { success: true }>['output']);
    // @ts-expect-error: no status is only for the current one
    isNewerStatus({ code: 2, timestamp: 1 }, null);
  });
});
