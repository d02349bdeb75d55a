import type { ClickatellApi } from '../api.ts';
import type { MediaMessage, OutboundMessage, TemplateMessage } from '../schemas/send-request.ts';
import type { EncryptedMedia, EncryptedParameters, EncryptedText } from './create-encryption.ts';

/** The encrypting half of an `Encryption`, as `encryptMessage` uses it. */
interface Encrypting {
  encryptText(text: string): Promise<EncryptedText>;
  encryptTemplateParameters(parameters: Readonly<Record<string, string>>): Promise<EncryptedParameters>;
  encryptMedia(file: Uint8Array | string, options?: { readonly caption?: string }): Promise<EncryptedMedia>;
}

/** An encrypted message, and the top-level `encryptionKey` its request must carry, if any. */
export interface EncryptedMessage {
  readonly message: OutboundMessage;
  readonly requestKey?: string;
}

/**
 * Encrypts a valid message's content (spec 7.1.6): text content, template parameter values (not the template
 * or the numbers), media and its caption, with `sha256Hash` of the clear file. The legacy API takes text and
 * template keys at the top of the request (7.1.6.1, 7.1.6.2) and a media key in the message (7.1.6.3); One API
 * takes every key in its message. A file sent by `fileId` is left as it is (the client refuses it).
 */
export async function encryptMessage(
  encryption: Encrypting,
  message: OutboundMessage,
  api: ClickatellApi,
): Promise<EncryptedMessage> {
  // As `messageKind` tells them.
  const { hsm, contentType } = message as { hsm?: unknown; contentType?: unknown };
  if (hsm == null && typeof contentType === 'string' && contentType.trim() !== '') {
    const { content, caption } = message as MediaMessage;
    const sealed = await encryption.encryptMedia(content, caption === undefined ? {} : { caption });
    return { message: { ...(message as MediaMessage), ...sealed } };
  }
  const sealed =
    hsm != null
      ? await encryption.encryptTemplateParameters((message as TemplateMessage).hsm.parameters)
      : await encryption.encryptText((message as { content: string }).content);
  const wire: OutboundMessage =
    'parameters' in sealed
      ? { ...message, hsm: { ...(message as TemplateMessage).hsm, parameters: sealed.parameters } }
      : { ...message, content: sealed.content };
  return api === 'one'
    ? { message: { ...wire, encryptionKey: sealed.encryptionKey } }
    : { message: wire, requestKey: sealed.encryptionKey };
}
