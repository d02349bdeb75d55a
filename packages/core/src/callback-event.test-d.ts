import { describe, expectTypeOf, it } from 'vitest';
import type { CallbackAuth, MessageEvent, ParsedCallback, StatusEvent } from './callback-event.ts';
import { parseCallback } from './parse-callback.ts';
import type { Result } from './result.ts';

describe('parseCallback types', () => {
  it('narrows the result on success', () => {
    const result = parseCallback({});
    expectTypeOf(result).toEqualTypeOf<Result<ParsedCallback>>();
    if (result.success) {
      expectTypeOf(result.output).toEqualTypeOf<ParsedCallback>();
      expectTypeOf(result.output.auth).toEqualTypeOf<CallbackAuth | undefined>();
    } else {
      // @ts-expect-error: a failed result has no output
      result.output;
    }
  });

  it('narrows events by kind and messages by type', () => {
    const event = {} as ParsedCallback;
    if (event.kind === 'status') {
      expectTypeOf(event).toExtend<StatusEvent>();
      expectTypeOf(event.statusCode).toEqualTypeOf<number>();
      expectTypeOf(event.clientMessageId).toEqualTypeOf<string | null>();
      // @ts-expect-error: statuses have no sender
      event.from;
    } else {
      expectTypeOf(event).toExtend<MessageEvent>();
      expectTypeOf(event.type).toEqualTypeOf<'text' | 'media' | 'location' | 'unknown'>();
      if (event.type === 'location') expectTypeOf(event.latitude).toEqualTypeOf<number>();
      if (event.type === 'media') expectTypeOf(event.contentType).toEqualTypeOf<string>();
      if (event.type === 'unknown') expectTypeOf(event.content).toEqualTypeOf<string | null>();
    }
  });
});
