import { EncryptionError } from './encryption-error.ts';

/** A cipher bound to one data key; see `ContentCipher`. */
export interface BoundCipher {
  encrypt(clear: Uint8Array): Promise<Uint8Array>;
  /** Rejects with an `EncryptionError` (`content-not-decryptable`) when the bytes were not sealed with this key. */
  decrypt(sealed: Uint8Array): Promise<Uint8Array>;
}

/**
 * How content is encrypted with a data key. The platform does not publish its content cipher: AES-256-GCM
 * (`AES_256_GCM`) is the default, and another is a `ContentCipher` passed to `createEncryption({ cipher })`.
 */
export interface ContentCipher {
  /** A name for logs and docs, e.g. `AES-256-GCM`. */
  readonly name: string;
  /** Binds the cipher to a 32-byte data key. The caller wipes `dataKey` afterwards: do not keep it. */
  bind(dataKey: Uint8Array): Promise<BoundCipher>;
}

const IV_BYTES = 12;

// Web Crypto takes only ArrayBuffer-backed views.
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);

/**
 * AES-256-GCM as `iv (12 bytes) || ciphertext || tag (16 bytes)`, a random IV per call. The key is imported
 * non-extractable, so nothing can read it back out of the bound cipher.
 */
export const AES_256_GCM: ContentCipher = {
  name: 'AES-256-GCM',
  async bind(dataKey) {
    const key = await crypto.subtle.importKey('raw', own(dataKey), 'AES-GCM', false, ['encrypt', 'decrypt']);
    return {
      async encrypt(clear) {
        const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
        const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, own(clear)));
        const out = new Uint8Array(IV_BYTES + sealed.length);
        out.set(iv);
        out.set(sealed, IV_BYTES);
        return out;
      },
      async decrypt(sealed) {
        if (sealed.length < IV_BYTES + 16) {
          throw new EncryptionError('malformed', 'The ciphertext is shorter than an AES-GCM IV and tag');
        }
        const bytes = own(sealed);
        try {
          const iv = bytes.subarray(0, IV_BYTES);
          const body = bytes.subarray(IV_BYTES);
          return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, body));
        } catch (cause) {
          throw new EncryptionError(
            'content-not-decryptable',
            'The content does not decrypt with its data key (changed in transit, or sealed with another cipher)',
            { cause },
          );
        }
      },
    };
  },
};
