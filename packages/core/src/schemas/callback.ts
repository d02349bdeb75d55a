import * as v from 'valibot';

/** A string with the stray spaces the spec's samples carry removed (7.3.4 `messageId`, 7.3.5). */
const Trimmed = v.pipe(v.string(), v.trim());
const Id = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
const OptionalText = v.nullish(Trimmed);

/** A number, or a numeric string with stray spaces (7.3.4 `latitute`). */
const Numeric = v.union(
  [v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.trim(), v.decimal(), v.transform(Number))],
  'must be a number or a numeric string',
);

/** The status callback (spec 7.2.1): one status of one sent message. */
export const StatusCallbackSchema = v.object({
  integrationId: OptionalText,
  integrationName: OptionalText,
  timestamp: Numeric,
  statusCode: v.pipe(Numeric, v.integer('statusCode must be an integer')),
  status: OptionalText,
  messageId: Id,
  clientMessageId: OptionalText,
});

/** Fields every inbound-message callback carries (spec 7.3.1-7.3.5). */
export const InboundCallbackSchema = v.object({
  integrationId: OptionalText,
  integrationName: OptionalText,
  messageId: Id,
  relatedMessageId: OptionalText,
  from: Id,
  timestamp: Numeric,
  content: v.nullish(v.string()),
  contentType: OptionalText,
  caption: v.nullish(v.string()),
  encryptionKey: OptionalText,
  sha256Hash: OptionalText,
  locationName: OptionalText,
  locationAddress: OptionalText,
  latitude: v.nullish(Numeric),
  // The spec's sample spells it `latitute`; both are read.
  latitute: v.nullish(Numeric),
  longitude: v.nullish(Numeric),
});

/** The keys the callback schemas know; anything else is kept under `extra`. */
export const KNOWN_CALLBACK_KEYS: ReadonlySet<string> = new Set([
  ...Object.keys(StatusCallbackSchema.entries),
  ...Object.keys(InboundCallbackSchema.entries),
  'username',
  'password',
]);
