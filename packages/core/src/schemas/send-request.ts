import * as v from 'valibot';
// Each schema carries its type written out, so the published types need no inference (JSR's rule).

/**
 * `previewFirstUrl` on the wire: a boolean, or the spec's "True"/"False" strings in any case (spec 7.1.3).
 */
export const PreviewFirstUrlSchema: v.UnionSchema<
  [
    v.BooleanSchema<undefined>,
    v.SchemaWithPipe<
      readonly [v.StringSchema<undefined>, v.RegexAction<string, 'previewFirstUrl must be true or false'>]
    >,
  ],
  undefined
> = v.union([
  v.boolean(),
  v.pipe(v.string(), v.regex(/^\s*(true|false)\s*$/i, 'previewFirstUrl must be true or false')),
]);

const clientMessageId: v.OptionalSchema<
  v.NullableSchema<v.StringSchema<undefined>, undefined>,
  undefined
> = v.optional(v.nullable(v.string()));
const encryptionKey: v.OptionalSchema<v.StringSchema<undefined>, undefined> = v.optional(v.string());

/** A plain, rich or URL-preview text message (spec 7.1.1-7.1.3, 7.1.6.1). */
export const TextMessageSchema: v.ObjectSchema<
  {
    readonly to: v.StringSchema<undefined>;
    readonly content: v.StringSchema<undefined>;
    readonly previewFirstUrl: v.OptionalSchema<typeof PreviewFirstUrlSchema, undefined>;
    readonly clientMessageId: typeof clientMessageId;
    readonly encryptionKey: typeof encryptionKey;
  },
  undefined
> = v.object({
  to: v.string(),
  content: v.string(),
  previewFirstUrl: v.optional(PreviewFirstUrlSchema),
  clientMessageId,
  encryptionKey,
});

/** A template (HSM) message (spec 7.1.4, 7.1.6.2): parameters keyed "1".."N". */
export const TemplateMessageSchema: v.ObjectSchema<
  {
    readonly to: v.StringSchema<undefined>;
    readonly hsm: v.ObjectSchema<
      {
        readonly template: v.StringSchema<undefined>;
        readonly parameters: v.RecordSchema<v.StringSchema<undefined>, v.StringSchema<undefined>, undefined>;
      },
      undefined
    >;
    readonly clientMessageId: typeof clientMessageId;
    readonly encryptionKey: typeof encryptionKey;
  },
  undefined
> = v.object({
  to: v.string(),
  hsm: v.object({
    template: v.string(),
    parameters: v.record(v.string(), v.string()),
  }),
  clientMessageId,
  encryptionKey,
});

/** A media message (spec 7.1.5, 7.1.6.3): `content` is the base64 of the file. */
export const MediaMessageSchema: v.ObjectSchema<
  {
    readonly to: v.StringSchema<undefined>;
    readonly contentType: v.SchemaWithPipe<
      readonly [v.StringSchema<undefined>, v.MinLengthAction<string, 1, undefined>]
    >;
    readonly content: v.StringSchema<undefined>;
    readonly caption: v.OptionalSchema<v.StringSchema<undefined>, undefined>;
    readonly clientMessageId: typeof clientMessageId;
    readonly encryptionKey: typeof encryptionKey;
    readonly sha256Hash: v.OptionalSchema<v.StringSchema<undefined>, undefined>;
  },
  undefined
> = v.object({
  to: v.string(),
  contentType: v.pipe(v.string(), v.minLength(1)),
  content: v.string(),
  caption: v.optional(v.string()),
  clientMessageId,
  encryptionKey,
  sha256Hash: v.optional(v.string()),
});

/** A file uploaded to One API (`uploadMedia`), sent by its id. One API only. */
export const MediaFileMessageSchema: v.ObjectSchema<
  {
    readonly to: v.StringSchema<undefined>;
    readonly fileId: v.SchemaWithPipe<
      readonly [v.StringSchema<undefined>, v.MinLengthAction<string, 1, undefined>]
    >;
    readonly contentType: v.OptionalSchema<v.StringSchema<undefined>, undefined>;
    readonly caption: v.OptionalSchema<v.StringSchema<undefined>, undefined>;
    readonly clientMessageId: typeof clientMessageId;
    readonly encryptionKey: typeof encryptionKey;
  },
  undefined
> = v.object({
  to: v.string(),
  fileId: v.pipe(v.string(), v.minLength(1)),
  contentType: v.optional(v.string()),
  caption: v.optional(v.string()),
  clientMessageId,
  encryptionKey,
});

/** Any message of a send request. */
export const OutboundMessageSchema: v.UnionSchema<
  [
    typeof TemplateMessageSchema,
    typeof MediaFileMessageSchema,
    typeof MediaMessageSchema,
    typeof TextMessageSchema,
  ],
  undefined
> = v.union([TemplateMessageSchema, MediaFileMessageSchema, MediaMessageSchema, TextMessageSchema]);

/** The body of `POST /wa/messages`. A top-level `encryptionKey` applies to every message (spec 7.1.6.1). */
export const SendRequestSchema: v.ObjectSchema<
  {
    readonly messages: v.ArraySchema<typeof OutboundMessageSchema, undefined>;
    readonly encryptionKey: typeof encryptionKey;
  },
  undefined
> = v.object({
  messages: v.array(OutboundMessageSchema),
  encryptionKey,
});

/** A text message as sent (spec 7.1.1-7.1.3). */
export type TextMessage = v.InferOutput<typeof TextMessageSchema>;
/** A template (HSM) message as sent (spec 7.1.4). */
export type TemplateMessage = v.InferOutput<typeof TemplateMessageSchema>;
/** A media message as sent (spec 7.1.5). */
export type MediaMessage = v.InferOutput<typeof MediaMessageSchema>;
/** A One API media message by the id of an uploaded file. */
export type MediaFileMessage = v.InferOutput<typeof MediaFileMessageSchema>;
/** Any message of a send request. */
export type OutboundMessage = v.InferOutput<typeof OutboundMessageSchema>;
/** The body of `POST /wa/messages`. */
export type SendRequest = v.InferOutput<typeof SendRequestSchema>;

/** The kind of an outbound message, by its shape. */
export type OutboundMessageKind = 'text' | 'template' | 'media';

/**
 * Tells which kind a message is, as `validateMessage` does: an `hsm` (not null) makes a template; a `fileId` or
 * a non-blank `contentType` makes media (7.1.5).
 */
export function messageKind(message: OutboundMessage): OutboundMessageKind {
  const { hsm, contentType, fileId } = message as { hsm?: unknown; contentType?: unknown; fileId?: unknown };
  if (hsm != null) return 'template';
  if (fileId != null) return 'media';
  if (typeof contentType === 'string' && contentType.trim() !== '') return 'media';
  return 'text';
}
