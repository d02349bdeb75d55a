import type { SendResult } from '@clickwa/core';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { QuarantineRecord, StoredEvent } from '../store.ts';
import type { CareWindowViolation } from './care-window.ts';
import type { ConversationView } from './conversation-view.ts';
import type { ConversationViewSchema } from './conversation-view-schema.ts';
import type { MessageView } from './message-view.ts';
import type { MessageViewSchema } from './message-view-schema.ts';
import type { QuarantineRecordSchema } from './quarantine-schema.ts';
import type { CareWindowViolationSchema, SendResultSchema } from './send-messages-answer-schema.ts';
import type { StoredEventSchema } from './stored-event-schema.ts';

/** Plain assignability (`A` may be used where `B` is expected), readonly arrays included. */
type Extends<A, B> = [A] extends [B] ? true : false;
/** The schemas' types have mutable arrays; the interfaces readonly ones, which a schema reads all the same. */
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

// The answer schemas describe the types the routes answer with: each must accept every value of its type,
// so a field added to a type without its schema (or the other way round) fails here.
describe('the /api answer schemas', () => {
  it('accept every value of the types the routes answer with', () => {
    expectTypeOf<
      Extends<MessageView, DeepReadonly<v.InferInput<typeof MessageViewSchema>>>
    >().toEqualTypeOf<true>();
    expectTypeOf<Extends<v.InferOutput<typeof MessageViewSchema>, MessageView>>().toEqualTypeOf<true>();
    expectTypeOf<
      Extends<ConversationView, DeepReadonly<v.InferInput<typeof ConversationViewSchema>>>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Extends<v.InferOutput<typeof ConversationViewSchema>, ConversationView>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Extends<StoredEvent, DeepReadonly<v.InferInput<typeof StoredEventSchema>>>
    >().toEqualTypeOf<true>();
    expectTypeOf<Extends<v.InferOutput<typeof StoredEventSchema>, StoredEvent>>().toEqualTypeOf<true>();
    expectTypeOf<
      Extends<QuarantineRecord, DeepReadonly<v.InferInput<typeof QuarantineRecordSchema>>>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Extends<v.InferOutput<typeof QuarantineRecordSchema>, QuarantineRecord>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Extends<CareWindowViolation, DeepReadonly<v.InferInput<typeof CareWindowViolationSchema>>>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Extends<Omit<SendResult, 'error'>, Omit<DeepReadonly<v.InferInput<typeof SendResultSchema>>, 'error'>>
    >().toEqualTypeOf<true>();
  });
});
