import * as v from 'valibot';

/** A callback stored as an event (or stored before: `duplicate`). Also the answer of a quarantine retry. */
export const StoredCallbackAnswerSchema = v.object({
  ok: v.literal(true),
  key: v.string(),
  duplicate: v.boolean(),
});

/** A callback kept in quarantine: acknowledged, to be retried after an upgrade. */
export const QuarantinedCallbackAnswerSchema = v.object({
  ok: v.literal(true),
  quarantined: v.literal(true),
  id: v.string(),
  reason: v.string(),
});

/** What a callback URL answers with 200: the callback is kept for good, one way or the other. */
export const CallbackAnswerSchema = v.union([StoredCallbackAnswerSchema, QuarantinedCallbackAnswerSchema]);
