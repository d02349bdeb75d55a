import { describe, expectTypeOf, it } from 'vitest';
import type { Issue, Result } from '../result.ts';
import { validateSendRequest } from '../validation/validate-send-request.ts';
import type {
  MediaFileMessage,
  MediaMessage,
  OutboundMessage,
  SendRequest,
  TemplateMessage,
  TextMessage,
} from './send-request.ts';

describe('send request types', () => {
  it('infers the wire shapes from the schemas', () => {
    expectTypeOf<TextMessage['previewFirstUrl']>().toEqualTypeOf<boolean | string | undefined>();
    expectTypeOf<TemplateMessage['hsm']['parameters']>().toEqualTypeOf<{ [key: string]: string }>();
    expectTypeOf<MediaMessage['sha256Hash']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<OutboundMessage>().toEqualTypeOf<
      TextMessage | TemplateMessage | MediaMessage | MediaFileMessage
    >();
    expectTypeOf<SendRequest['messages']>().toEqualTypeOf<OutboundMessage[]>();
  });

  it('returns a request on success and issues with codes on failure', () => {
    const checked = validateSendRequest({});
    expectTypeOf(checked).toEqualTypeOf<Result<SendRequest>>();
    if (!checked.success) expectTypeOf(checked.issues).toEqualTypeOf<readonly Issue[]>();
    expectTypeOf<Issue['code']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Issue['severity']>().toEqualTypeOf<'error' | 'warning'>();
  });
});
