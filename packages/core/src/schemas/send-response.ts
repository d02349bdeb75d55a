import * as v from 'valibot';

// Each schema carries its type written out, so the published types need no inference (JSR's rule).

/**
 * An error code as the platform may send it: a number, a numeric string, or null. The spec names `errorCode`
 * but leaves its type open (spec-facts.md), so both spellings are read.
 */
const ErrorCodeSchema: v.NullishSchema<
  v.UnionSchema<
    [
      v.SchemaWithPipe<readonly [v.NumberSchema<undefined>, v.IntegerAction<number, undefined>]>,
      v.SchemaWithPipe<
        readonly [
          v.StringSchema<undefined>,
          v.TrimAction,
          v.RegexAction<string, 'errorCode must be numeric'>,
          v.TransformAction<string, number>,
        ]
      >,
    ],
    undefined
  >,
  undefined
> = v.nullish(
  v.union([
    v.pipe(v.number(), v.integer()),
    v.pipe(v.string(), v.trim(), v.regex(/^\d+$/, 'errorCode must be numeric'), v.transform(Number)),
  ]),
);

/** `error`: null, the description string, or an object `{ code, description }` (the spec leaves this open). */
const ErrorFieldSchema: v.NullishSchema<
  v.UnionSchema<
    [
      v.StringSchema<undefined>,
      v.LooseObjectSchema<
        {
          readonly code: typeof ErrorCodeSchema;
          readonly description: v.NullishSchema<v.StringSchema<undefined>, undefined>;
        },
        undefined
      >,
    ],
    undefined
  >,
  undefined
> = v.nullish(
  v.union([
    v.string(),
    v.looseObject({
      code: ErrorCodeSchema,
      description: v.nullish(v.string()),
    }),
  ]),
);

/** One message of the send response, as it comes off the wire. */
export const SendResponseMessageWireSchema: v.LooseObjectSchema<
  {
    readonly messageId: v.NullishSchema<v.StringSchema<undefined>, undefined>;
    readonly clientMessageId: v.NullishSchema<v.StringSchema<undefined>, undefined>;
    readonly accepted: v.NullishSchema<
      v.UnionSchema<
        [
          v.BooleanSchema<undefined>,
          v.SchemaWithPipe<
            readonly [
              v.StringSchema<undefined>,
              v.RegexAction<string, undefined>,
              v.TransformAction<string, boolean>,
            ]
          >,
        ],
        undefined
      >,
      undefined
    >;
    readonly to: v.NullishSchema<v.StringSchema<undefined>, undefined>;
    readonly error: typeof ErrorFieldSchema;
    readonly errorCode: typeof ErrorCodeSchema;
  },
  undefined
> = v.looseObject({
  messageId: v.nullish(v.string()),
  clientMessageId: v.nullish(v.string()),
  accepted: v.nullish(
    v.union([
      v.boolean(),
      v.pipe(
        v.string(),
        v.regex(/^(true|false)$/i),
        v.transform((s) => s.toLowerCase() === 'true'),
      ),
    ]),
  ),
  to: v.nullish(v.string()),
  error: ErrorFieldSchema,
  errorCode: ErrorCodeSchema,
});

/** The body of a `POST /wa/messages` answer, as it comes off the wire. */
export const SendResponseWireSchema: v.LooseObjectSchema<
  {
    readonly error: typeof ErrorFieldSchema;
    readonly errorCode: typeof ErrorCodeSchema;
    readonly messages: v.NullishSchema<
      v.ArraySchema<typeof SendResponseMessageWireSchema, undefined>,
      undefined
    >;
  },
  undefined
> = v.looseObject({
  error: ErrorFieldSchema,
  errorCode: ErrorCodeSchema,
  messages: v.nullish(v.array(SendResponseMessageWireSchema)),
});
