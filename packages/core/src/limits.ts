/**
 * The platform's limits (spec section 3 and Clickatell's help pages), as named constants.
 *
 * Units, decided conservatively where the spec is vague (docs/decisions.md):
 * - "MB" is read as 10^6 bytes, the smaller reading, so a request that passes here never exceeds the limit
 *   under the other reading either.
 * - The 1 MB media limit applies to the decoded media bytes (what WhatsApp receives), not to the base64 text.
 * - The 20 MB "whole packet" limit applies to the serialized JSON request body, in UTF-8 bytes.
 * - Text length counts UTF-16 code units (JavaScript's `string.length`), which is never smaller than the
 *   number of code points, so it is the stricter count.
 */
export const LIMITS = {
  /** Messages (destinations) in one `POST /wa/messages` (3.1, 3.2; error 153). */
  maxMessagesPerRequest: 200,
  /** Characters in one text message, counted by `textLength` (3.1; error 101). */
  maxTextLength: 4096,
  /** Decoded bytes of one outbound media file (3.2; error 104). */
  maxMediaBytes: 1_000_000,
  /** UTF-8 bytes of the serialized request body (3.2; error 105). */
  maxRequestBytes: 20_000_000,
  /** Characters in a template body (Clickatell's template guide). */
  maxTemplateBodyLength: 4096,
  /** Consecutive spaces allowed inside a template parameter value. */
  maxTemplateParameterSpaces: 4,
  /** Digits of an international number, country code included (E.164). */
  maxMsisdnDigits: 15,
  /** Digits after the country calling code below which a number is too short (error 152). */
  minSubscriberDigits: 4,
  /** Hours a user's inbound message keeps the customer-care window open for freeform messages (3.3). */
  careWindowHours: 24,
} as const;

/**
 * One API's limits for WhatsApp, where they differ from `LIMITS`: an inline file may be as big as the lower of
 * WhatsApp's limit for its kind and Clickatell's 20 MB; an uploaded one 30 MB. Video's WhatsApp limit is given
 * as 16 MB and as 5 MB by Clickatell's pages; WhatsApp's own 16 MB is taken (docs/decisions.md).
 */
export const ONE_API_LIMITS = {
  /** Decoded bytes of one file sent inline, by kind (errors 31, 32). */
  maxInlineMediaBytes: { image: 5_000_000, audio: 16_000_000, video: 16_000_000, document: 20_000_000 },
  /** Bytes of one file uploaded with `POST /v1/media`. */
  maxUploadBytes: 30_000_000,
  /** Days an uploaded file can be sent and downloaded. */
  mediaRetentionDays: 30,
} as const;
