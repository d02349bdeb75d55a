import { isClickwaError, toBase64 } from '@clickwa/core';
import type { Encryption } from '@clickwa/core/encryption';
import type { StoredInboundMessage } from '../store.ts';

/** An inbound message as the API shows it: its text and caption in clear when it came encrypted. */
export interface ReadableInbound {
  readonly message: StoredInboundMessage;
  /** Why an encrypted message is shown without its content: no encryption configured, or it does not decrypt. */
  readonly decryptionError: string | null;
  /** Whether that was a passing fault (the key provider is down), not content that cannot be read. */
  readonly retryable: boolean;
}

/**
 * Decrypts an inbound message's text and caption for reading (spec 7.3.5); a message that came clear comes back
 * as it is. One that cannot be read keeps its place with its content and caption left out and says why: it is
 * flagged, never dropped, and stays stored as received.
 */
export async function decryptInbound(
  message: StoredInboundMessage,
  encryption: Encryption | undefined,
): Promise<ReadableInbound> {
  const { encryptionKey, content, media } = message;
  if (encryptionKey === null) return { message, decryptionError: null, retryable: false };
  // Media sent by reference keeps its caption beside its files, not in `media`.
  const { caption: byReference, ...withoutCaption } = message;
  const hidden = (why: string, retryable = false): ReadableInbound => ({
    message: { ...withoutCaption, content: null, media: media && { ...media, caption: null } },
    decryptionError: why,
    retryable,
  });
  if (!encryption) return hidden('The message is encrypted and the gateway has no key provider');
  try {
    const clear = await encryption.decryptCallback({
      content,
      caption: media?.caption ?? byReference ?? null,
      encryptionKey,
    });
    return {
      message: {
        ...withoutCaption,
        content: clear.content ?? null,
        media: media && { ...media, caption: clear.caption ?? null },
        ...(media || typeof clear.caption !== 'string' ? {} : { caption: clear.caption }),
      },
      decryptionError: null,
      retryable: false,
    };
  } catch (error) {
    return hidden(
      error instanceof Error ? error.message : String(error),
      isClickwaError(error) && error.retryable,
    );
  }
}

/**
 * The clear bytes of an encrypted inbound file, checked against the hash the callback declared (of the inline
 * media by default; a file sent by reference passes its own).
 */
export async function decryptMediaBytes(
  bytes: Uint8Array,
  message: StoredInboundMessage,
  encryption: Encryption,
  declared: string | null | undefined = message.media?.declaredSha256,
): Promise<Uint8Array> {
  if (!declared) throw new Error('The encrypted file came without sha256Hash');
  return encryption.decryptMedia(toBase64(bytes), message.encryptionKey!, declared);
}
