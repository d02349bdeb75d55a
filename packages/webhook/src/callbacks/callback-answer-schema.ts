import { CLICKATELL_APIS } from '@clickwa/core';
import * as v from 'valibot';

/**
 * A callback body stored as events (each stored before is a `duplicate`); a body of one event also has its
 * `key` and `duplicate` at the top. `unrecognized`: the quarantine entry of the members of a One API body this
 * version could not read. Also the answer of a quarantine retry.
 */
export const StoredCallbackAnswerSchema = v.object({
  ok: v.literal(true),
  api: v.picklist(CLICKATELL_APIS),
  key: v.optional(v.string()),
  duplicate: v.optional(v.boolean()),
  events: v.array(v.object({ key: v.string(), duplicate: v.boolean() })),
  unrecognized: v.optional(v.object({ id: v.string(), members: v.array(v.string()) })),
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
