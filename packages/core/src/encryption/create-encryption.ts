import type { ClickatellApi } from '../api.ts';
import { fromBase64, toBase64 } from '../bytes/base64.ts';
import { sha256Hex } from '../bytes/sha256-hex.ts';
import type { OutboundMessage } from '../schemas/send-request.ts';
import { AES_256_GCM, type BoundCipher, type ContentCipher } from './content-cipher.ts';
import { createDataKeyCache, type DataKeyLifetime } from './data-key-cache.ts';
import { type EncryptedMessage, encryptMessage } from './encrypt-message.ts';
import { EncryptionError } from './encryption-error.ts';
import type { KeyProvider } from './key-provider.ts';

/** Options of `createEncryption`. */
export interface EncryptionOptions {
  /** Where data keys come from: `kmsKeyProvider`, `localKeyProvider`, or your own. */
  readonly keyProvider: KeyProvider;
  /** The content cipher. Default `AES_256_GCM`: an assumption, the platform does not publish its cipher. */
  readonly cipher?: ContentCipher;
  /** How long and for how many messages a data key is used before a new one is asked for. */
  readonly dataKey?: DataKeyLifetime;
  /** The clock, in ms. Default `Date.now`. */
  readonly now?: () => number;
}

/** An encrypted text, or template parameter values, with the blob of the data key used. */
export interface EncryptedText {
  readonly content: string;
  readonly encryptionKey: string;
}

/** Encrypted template parameter values (the keys stay as they were). */
export interface EncryptedParameters {
  readonly parameters: Record<string, string>;
  readonly encryptionKey: string;
}

/** An encrypted media file: base64 ciphertext, the SHA-256 of the clear bytes, the caption encrypted too. */
export interface EncryptedMedia {
  readonly content: string;
  readonly sha256Hash: string;
  readonly caption?: string;
  readonly encryptionKey: string;
}

/** The fields of a callback (spec 7.3.5) or a `MessageEvent` that `decryptCallback` reads. */
export interface EncryptedCallbackFields {
  readonly content?: string | null;
  readonly caption?: string | null;
  readonly contentType?: string | null;
  readonly encryptionKey?: string | null;
  readonly sha256Hash?: string | null;
}

/** Encrypts content for sending and decrypts received content; see `createEncryption`. */
export interface Encryption {
  /** The content cipher's name. */
  readonly cipher: string;
  /** Encrypts a text message's content (spec 7.1.6.1). */
  encryptText(text: string): Promise<EncryptedText>;
  /** Encrypts template parameter values; the template and the parameter numbers stay clear (7.1.6.2). */
  encryptTemplateParameters(parameters: Readonly<Record<string, string>>): Promise<EncryptedParameters>;
  /** Encrypts a media file (bytes, or its base64) and its caption; `sha256Hash` is of the clear bytes (7.1.6.3). */
  encryptMedia(file: Uint8Array | string, options?: { readonly caption?: string }): Promise<EncryptedMedia>;
  /**
   * Encrypts a valid message for `api`, as `client.send(..., { encryption })` does; `requestKey` is the
   * top-level `encryptionKey` its request must carry, when it has one.
   */
  encryptMessage(message: OutboundMessage, api: ClickatellApi): Promise<EncryptedMessage>;
  /** The clear text of base64 ciphertext. */
  decryptText(content: string, encryptionKey: string): Promise<string>;
  /** The clear bytes of base64 media ciphertext, checked against `sha256Hash`. */
  decryptMedia(content: string, encryptionKey: string, sha256Hash: string): Promise<Uint8Array>;
  /**
   * A copy of a received callback (the body as it came, or a parsed `MessageEvent`) with `content` and
   * `caption` in clear (media `content` as the base64 of the clear file, checked against `sha256Hash`) and
   * `encryptionKey` set to null; a callback without `encryptionKey` comes back as it is. Made for reading
   * stored callbacks: store them as received, decrypt when read.
   */
  decryptCallback<T extends EncryptedCallbackFields>(callback: T): Promise<T>;
  toString(): string;
  toJSON(): { readonly cipher: string };
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function base64Bytes(text: string, field: string): Uint8Array {
  const bytes = fromBase64(text.trim());
  if (!bytes.success) throw new EncryptionError('malformed', `The ${field} is not base64`, { field });
  return bytes.output;
}

/** Names the field a decryption failed in; the error itself never carries content. */
async function inField<T>(field: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    if (cause instanceof EncryptionError && cause.field === undefined) {
      throw new EncryptionError(cause.problem, `${cause.description} (${field})`, {
        cause: cause.cause,
        field,
        retryable: cause.retryable,
      });
    }
    throw cause;
  }
}

/**
 * Envelope encryption of message content (spec section 5, 7.1.6, 7.3.5): content is encrypted with a data key
 * from `keyProvider`, and the key travels wrapped, as `encryptionKey`. A data key serves many messages (up to
 * `dataKey.maxUses`, for `dataKey.maxAgeMs`), then a new one is asked for; keys are held only as ciphers bound
 * to them, never logged or serialized. Pass it to `client.send(messages, { encryption })`.
 *
 * @example
 * const encryption = createEncryption({
 *   keyProvider: kmsKeyProvider({ region: 'eu-west-1', keyId: 'alias/clickatell', credentials }),
 * });
 * await client.send(text('27999000001', 'Your balance is R 1,024.00'), { encryption });
 */
export function createEncryption(options: EncryptionOptions): Encryption {
  const cipher = options.cipher ?? AES_256_GCM;
  const keys = createDataKeyCache(
    options.keyProvider,
    cipher,
    options.dataKey ?? {},
    options.now ?? Date.now,
  );
  const seal = async (bound: BoundCipher, clear: Uint8Array) => toBase64(await bound.encrypt(clear));

  async function decryptText(content: string, encryptionKey: string): Promise<string> {
    const bound = await keys.open(encryptionKey);
    const clear = await bound.decrypt(base64Bytes(content, 'content'));
    try {
      return strictUtf8.decode(clear);
    } catch {
      throw new EncryptionError('content-not-decryptable', 'The decrypted content is not UTF-8 text');
    }
  }

  async function decryptMedia(
    content: string,
    encryptionKey: string,
    sha256Hash: string,
  ): Promise<Uint8Array> {
    const bound = await keys.open(encryptionKey);
    const clear = await bound.decrypt(base64Bytes(content, 'content'));
    if ((await sha256Hex(clear)) !== sha256Hash.trim().toLowerCase()) {
      throw new EncryptionError(
        'hash-mismatch',
        'The decrypted media does not have the SHA-256 given in sha256Hash',
        { field: 'sha256Hash' },
      );
    }
    return clear;
  }

  const encryption: Encryption = {
    cipher: cipher.name,
    async encryptText(text) {
      const key = await keys.use();
      return { content: await seal(key.cipher, utf8.encode(text)), encryptionKey: key.encryptionKey };
    },
    async encryptTemplateParameters(parameters) {
      const key = await keys.use();
      const entries = await Promise.all(
        Object.entries(parameters).map(async ([n, value]) => [n, await seal(key.cipher, utf8.encode(value))]),
      );
      return { parameters: Object.fromEntries(entries), encryptionKey: key.encryptionKey };
    },
    async encryptMedia(file, { caption } = {}) {
      const bytes = typeof file === 'string' ? base64Bytes(file, 'media content') : file;
      const key = await keys.use();
      const [content, sha256Hash] = await Promise.all([seal(key.cipher, bytes), sha256Hex(bytes)]);
      const sealed = { content, sha256Hash, encryptionKey: key.encryptionKey };
      return caption === undefined
        ? sealed
        : { ...sealed, caption: await seal(key.cipher, utf8.encode(caption)) };
    },
    encryptMessage: (message, api) => encryptMessage(encryption, message, api),
    decryptText: (content, encryptionKey) => inField('content', () => decryptText(content, encryptionKey)),
    decryptMedia: (content, encryptionKey, sha256Hash) =>
      inField('content', () => decryptMedia(content, encryptionKey, sha256Hash)),
    async decryptCallback<T extends EncryptedCallbackFields>(callback: T): Promise<T> {
      const { encryptionKey, content, caption, contentType, sha256Hash } = callback;
      if (!encryptionKey) return callback;
      const clear: Record<string, unknown> = { ...(callback as object), encryptionKey: null };
      const media = typeof contentType === 'string' && contentType.trim() !== '';
      if (typeof content === 'string') {
        if (media && typeof sha256Hash !== 'string') {
          throw new EncryptionError('malformed', 'Encrypted media came without sha256Hash', {
            field: 'sha256Hash',
          });
        }
        clear.content = media
          ? toBase64(await encryption.decryptMedia(content, encryptionKey, sha256Hash as string))
          : await encryption.decryptText(content, encryptionKey);
      }
      if (typeof caption === 'string' && caption.trim() !== '') {
        clear.caption = await inField('caption', () => decryptText(caption, encryptionKey));
      }
      return clear as T;
    },
    toString: () => `ClickwaEncryption(${cipher.name})`,
    toJSON: () => ({ cipher: cipher.name }),
  };
  return Object.freeze(encryption);
}
