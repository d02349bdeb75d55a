import { toBase64 } from '../bytes/base64.ts';
import { sniffContentType } from '../bytes/sniff-content-type.ts';
import { MEDIA_TYPES, mediaKindOf, normalizeContentType } from '../catalogs/media-types.ts';
import { decodeBase64Head } from '../internal/decode-base64-head.ts';
import type {
  MediaFileMessage,
  MediaMessage,
  OutboundMessage,
  TemplateMessage,
  TextMessage,
} from '../schemas/send-request.ts';
import { UsageError, ValidationError } from './errors.ts';

/** Options every builder takes. */
export interface MessageOptions {
  readonly clientMessageId?: string;
  /**
   * The base64 KMS ciphertext blob this message's content was encrypted with, sent in the message (spec
   * 7.1.6.3); `client.send(..., { encryptionKey })` sends one key for a whole request instead (7.1.6.1).
   */
  readonly encryptionKey?: string;
}

/** Options of `text`. */
export interface TextOptions extends MessageOptions {
  /** Show a preview of the first http(s) URL in the text (spec 7.1.3). */
  readonly previewFirstUrl?: boolean;
}

/** Options of `template`. */
export interface TemplateOptions extends MessageOptions {}

/** Options of `media`. */
export interface MediaOptions extends MessageOptions {
  /** One of `MEDIA_TYPES` (or another type WhatsApp takes); read from the file's first bytes when left out. */
  readonly contentType?: string;
  /** Shown under an image or document; refused for audio (spec 7.1.5). */
  readonly caption?: string;
  /** Hex SHA-256 of the clear file; required when the content is encrypted (spec 7.1.6.3). */
  readonly sha256Hash?: string;
}

// The options every builder copies onto its message, when given.
function withOptions<M extends OutboundMessage>(message: M, options: MessageOptions): M {
  if (options.clientMessageId !== undefined) message.clientMessageId = options.clientMessageId;
  if (options.encryptionKey !== undefined) message.encryptionKey = options.encryptionKey;
  return message;
}

/**
 * A text message, as the spec's JSON (7.1.1, 7.1.3). Validation happens when it is sent.
 *
 * @example await client.send(text('27999000001', 'Here is an example message'));
 */
export function text(to: string, content: string, options: TextOptions = {}): TextMessage {
  const message: TextMessage = { to, content };
  if (options.previewFirstUrl !== undefined) message.previewFirstUrl = options.previewFirstUrl;
  return withOptions(message, options);
}

/**
 * A template (HSM) message (7.1.4). `parameters` as a list fills `{{1}}`, `{{2}}`... in order; a record
 * keyed "1".."N" is taken as is.
 *
 * @example template('27999000001', 'payment_alert', ['$150', '1234'])
 */
export function template(
  to: string,
  name: string,
  parameters: readonly string[] | Readonly<Record<string, string>> = [],
  options: TemplateOptions = {},
): TemplateMessage {
  const numbered: Record<string, string> = Array.isArray(parameters)
    ? Object.fromEntries(parameters.map((value, i) => [String(i + 1), value]))
    : { ...parameters };
  return withOptions<TemplateMessage>({ to, hsm: { template: name, parameters: numbered } }, options);
}

function refuse(message: string, code?: number): never {
  throw new ValidationError([{ message, severity: 'error', ...(code === undefined ? {} : { code }) }]);
}

/**
 * A media message (7.1.5) from the file's bytes or its base64, or, for One API, from the `fileId` of a file
 * sent with `uploadMedia`. The content type is read from the bytes when not given. Throws `ValidationError` for
 * a caption on audio, and `UsageError` when the type cannot be told from the bytes. Video goes through One API
 * only: the legacy API refuses it (103) when the message is sent.
 *
 * @example media('27999000001', pngBytes, { caption: 'Your receipt' })
 * @example media('27999000001', { fileId }, { caption: 'Your receipt' }) // One API
 */
export function media(
  to: string,
  content: Uint8Array | string | { readonly fileId: string },
  options: MediaOptions = {},
): MediaMessage | MediaFileMessage {
  let base64: string;
  let head: Uint8Array | undefined;
  if (content instanceof Uint8Array) {
    base64 = toBase64(content);
    head = content;
  } else if (typeof content === 'string') {
    base64 = content;
    head = decodeBase64Head(content);
  } else if (typeof content?.fileId === 'string') {
    const file: MediaFileMessage = { to, fileId: content.fileId };
    if (options.contentType !== undefined) file.contentType = normalizeContentType(options.contentType);
    if (options.caption !== undefined) file.caption = options.caption;
    return withOptions(file, options);
  } else {
    throw new UsageError('media() takes the file as a Uint8Array, a base64 string or { fileId }');
  }
  const sniffed = head ? sniffContentType(head) : undefined;
  const contentType = options.contentType ? normalizeContentType(options.contentType) : sniffed;
  // Bytes that look like video decide nothing alone: audio-only MP4 and WebM share the containers.
  if (!options.contentType && contentType === 'video') {
    throw new UsageError(
      'The bytes look like video: pass { contentType }, "video/mp4" (One API only) or, for audio (an .m4a), "audio/mp4"',
    );
  }
  if (!contentType) {
    throw new UsageError(
      `The media type cannot be told from the bytes; pass { contentType } (one of ${Object.keys(MEDIA_TYPES).join(', ')})`,
    );
  }
  // Refused here, where it is the caller's own code; a message from elsewhere only gets a warning.
  if (options.caption !== undefined && mediaKindOf(contentType) === 'audio') {
    refuse('A caption cannot go with audio (spec 7.1.5); leave it out');
  }
  const message: MediaMessage = { to, contentType, content: base64 };
  if (options.caption !== undefined) message.caption = options.caption;
  if (options.sha256Hash !== undefined) message.sha256Hash = options.sha256Hash;
  return withOptions(message, options);
}
