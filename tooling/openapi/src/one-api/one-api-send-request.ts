import * as v from 'valibot';

const optionalText = v.optional(v.nullable(v.string()));

/**
 * A template: `templateName`, numbered `body.parameters`, an optional text or media header. From secondary
 * sources only (One API's pages do not show it; docs/decisions.md): the one place to correct it.
 */
export const OneApiTemplateSchema = v.looseObject({
  templateName: v.pipe(v.string(), v.minLength(1)),
  header: v.optional(
    v.union([
      v.looseObject({ type: v.literal('text'), text: v.string() }),
      v.looseObject({ type: v.literal('media'), media: v.looseObject({ fileId: v.string() }) }),
    ]),
  ),
  body: v.optional(v.looseObject({ parameters: v.optional(v.record(v.string(), v.string())) })),
});

/** A file uploaded with `POST /v1/media`, sent by its id (secondary sources). */
export const OneApiMediaReferenceSchema = v.looseObject({
  fileId: v.pipe(v.string(), v.minLength(1)),
  contentType: optionalText,
  caption: optionalText,
  sha256Hash: optionalText,
});

/**
 * One message of `POST /v1/message`: a text (`content`), inline media (base64 `content` with `contentType`),
 * a template (`template`) or an uploaded file (`media`). `channel` defaults to SMS when left out: WhatsApp
 * needs `"whatsapp"`.
 */
export const OneApiOutboundMessageSchema = v.looseObject({
  channel: v.optional(v.picklist(['whatsapp', 'sms'])),
  to: v.string(),
  from: v.optional(v.string()),
  content: v.optional(v.string()),
  contentType: v.optional(v.string()),
  caption: v.optional(v.string()),
  previewFirstUrl: v.optional(v.boolean()),
  clientMessageId: optionalText,
  relatedMessageId: optionalText,
  encryptionKey: v.optional(v.string()),
  template: v.optional(OneApiTemplateSchema),
  media: v.optional(OneApiMediaReferenceSchema),
});

/** The body of `POST /v1/message`: up to 200 messages (error 22 past that). */
export const OneApiSendRequestSchema = v.object({
  messages: v.pipe(v.array(OneApiOutboundMessageSchema), v.minLength(1), v.maxLength(200)),
});
