import { describe, expectTypeOf, it } from 'vitest';
import type { CallbackBodyEvent, MediaFile, StatusEvent } from './callback-event.ts';
import { getMessageStatus, type MessageStatusInfo } from './catalogs/message-statuses.ts';
import type { OneApiStatusInfo } from './catalogs/one-api-statuses.ts';
import { parseCallbackBody } from './parse-callback-body.ts';
import { isNewerStatus, type StatusPoint } from './status-rank.ts';

describe('One API types', () => {
  it('getMessageStatus answers the catalog of the API it is given', () => {
    expectTypeOf(getMessageStatus(27)).toEqualTypeOf<MessageStatusInfo>();
    expectTypeOf(getMessageStatus(27, 'wa')).toEqualTypeOf<MessageStatusInfo>();
    expectTypeOf(getMessageStatus(27, 'one')).toEqualTypeOf<OneApiStatusInfo>();
    const api = 'one' as 'wa' | 'one';
    expectTypeOf(getMessageStatus(27, api)).toEqualTypeOf<MessageStatusInfo | OneApiStatusInfo>();
  });

  it('parseCallbackBody events narrow by kind and type, and status events carry api', () => {
    const parsed = parseCallbackBody({});
    if (!parsed.success) return;
    for (const event of parsed.output.events) {
      expectTypeOf(event).toEqualTypeOf<CallbackBodyEvent>();
      if (event.kind === 'status') {
        expectTypeOf(event).toEqualTypeOf<StatusEvent>();
        expectTypeOf(event.api).toEqualTypeOf<'wa' | 'one'>();
        expectTypeOf(isNewerStatus(null, event)).toEqualTypeOf<boolean>();
      } else if (event.type === 'media-files') {
        expectTypeOf(event.files).toEqualTypeOf<readonly MediaFile[]>();
      }
    }
  });

  it('isNewerStatus takes an api on stored statuses', () => {
    const stored: StatusPoint = { code: 6, timestamp: 1, api: 'one' };
    expectTypeOf(isNewerStatus(stored, { code: 5, timestamp: 2, api: 'one' })).toEqualTypeOf<boolean>();
    // @ts-expect-error: not an API
    isNewerStatus(stored, { code: 5, timestamp: 2, api: 'sms' });
  });
});
