import * as v from 'valibot';
// Each schema carries its type written out, so the published types need no inference (JSR's rule).
import { isPlausibleTimestamp, toEpochMillis } from '../to-epoch-millis.ts';

/** A string with the stray spaces the spec's samples carry removed (7.3.4 `messageId`, 7.3.5). */
const Trimmed: v.SchemaWithPipe<readonly [v.StringSchema<undefined>, v.TrimAction]> = v.pipe(
  v.string(),
  v.trim(),
);
/** Ids are 32 hex characters on the wire; far longer ones are not ids, and would become oversized keys. */
export const MAX_CALLBACK_ID_LENGTH = 256;
// A lone surrogate cannot be written as UTF-8: a database column or a URL would turn it into U+FFFD, so two
// ids would become one and neither could be looked up.
export const LONE_SURROGATE: RegExp = /[\uD800-\uDFFF]/u;
const WELL_FORMED: v.CheckAction<string, string> = v.check<string, string>(
  (s) => !LONE_SURROGATE.test(s),
  'must be well-formed Unicode (no lone surrogates)',
);
const Id: v.SchemaWithPipe<
  readonly [
    v.StringSchema<undefined>,
    v.TrimAction,
    v.NonEmptyAction<string, 'must not be empty'>,
    v.MaxLengthAction<string, typeof MAX_CALLBACK_ID_LENGTH, string>,
    typeof WELL_FORMED,
  ]
> = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('must not be empty'),
  v.maxLength(MAX_CALLBACK_ID_LENGTH, `must not exceed ${MAX_CALLBACK_ID_LENGTH} characters`),
  WELL_FORMED,
);
const OptionalText: v.NullishSchema<typeof Trimmed, undefined> = v.nullish(Trimmed);
const OptionalId: v.NullishSchema<
  v.SchemaWithPipe<readonly [v.StringSchema<undefined>, v.TrimAction, typeof WELL_FORMED]>,
  undefined
> = v.nullish(v.pipe(v.string(), v.trim(), WELL_FORMED));

/** A number, or a numeric string with stray spaces (7.3.4 `latitute`). */
const Numeric: v.UnionSchema<
  [
    v.SchemaWithPipe<readonly [v.NumberSchema<undefined>, v.FiniteAction<number, undefined>]>,
    v.SchemaWithPipe<
      readonly [
        v.StringSchema<undefined>,
        v.TrimAction,
        v.DecimalAction<string, undefined>,
        v.TransformAction<string, number>,
      ]
    >,
  ],
  'must be a number or a numeric string'
> = v.union(
  [v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.trim(), v.decimal(), v.transform(Number))],
  'must be a number or a numeric string',
);

/** A timestamp in seconds or milliseconds, as epoch milliseconds, within 2000-2100. */
const Timestamp: v.SchemaWithPipe<
  readonly [
    typeof Numeric,
    v.TransformAction<number, number>,
    v.CheckAction<number, 'must be a time between 2000 and 2100 (epoch seconds or milliseconds)'>,
  ]
> = v.pipe(
  Numeric,
  v.transform(toEpochMillis),
  v.check(isPlausibleTimestamp, 'must be a time between 2000 and 2100 (epoch seconds or milliseconds)'),
);

/** The status callback (spec 7.2.1): one status of one sent message. */
export const StatusCallbackSchema: v.ObjectSchema<
  {
    readonly integrationId: typeof OptionalText;
    readonly integrationName: typeof OptionalText;
    readonly timestamp: typeof Timestamp;
    readonly statusCode: v.SchemaWithPipe<
      readonly [typeof Numeric, v.IntegerAction<number, 'statusCode must be an integer'>]
    >;
    readonly status: typeof OptionalText;
    readonly messageId: typeof Id;
    readonly clientMessageId: typeof OptionalId;
  },
  undefined
> = v.object({
  integrationId: OptionalText,
  integrationName: OptionalText,
  timestamp: Timestamp,
  statusCode: v.pipe(Numeric, v.integer('statusCode must be an integer')),
  status: OptionalText,
  messageId: Id,
  clientMessageId: OptionalId,
});

/** Fields every inbound-message callback carries (spec 7.3.1-7.3.5). */
export const InboundCallbackSchema: v.ObjectSchema<
  {
    readonly integrationId: typeof OptionalText;
    readonly integrationName: typeof OptionalText;
    readonly messageId: typeof Id;
    readonly relatedMessageId: typeof OptionalText;
    readonly from: typeof Id;
    readonly timestamp: typeof Timestamp;
    readonly content: v.NullishSchema<v.StringSchema<undefined>, undefined>;
    readonly contentType: typeof OptionalText;
    readonly caption: v.NullishSchema<v.StringSchema<undefined>, undefined>;
    readonly encryptionKey: typeof OptionalText;
    readonly sha256Hash: typeof OptionalText;
    readonly locationName: typeof OptionalText;
    readonly locationAddress: typeof OptionalText;
    readonly latitude: v.NullishSchema<typeof Numeric, undefined>;
    readonly latitute: v.NullishSchema<typeof Numeric, undefined>;
    readonly longitude: v.NullishSchema<typeof Numeric, undefined>;
  },
  undefined
> = v.object({
  integrationId: OptionalText,
  integrationName: OptionalText,
  messageId: Id,
  relatedMessageId: OptionalText,
  from: Id,
  timestamp: Timestamp,
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
