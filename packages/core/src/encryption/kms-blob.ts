import { EncryptionError } from './encryption-error.ts';

/**
 * The one format of a wrapped data key that clickwa makes itself (the local key provider, the emulator's KMS):
 * shaped like an AWS KMS ciphertext blob, so it travels as the spec's `encryptionKey` does (`AQIDAH...`).
 *
 *   01 02 03 00 78 | key id length (1 byte) | key id (UTF-8) | IV (12 bytes) | AES-256-GCM(data key) + tag
 *
 * The header and key id are authenticated (additional data), so a blob moved to another key id fails to open.
 * Real KMS blobs have their own, unpublished inner layout: only the first bytes are alike.
 */
const MAGIC = [0x01, 0x02, 0x03, 0x00, 0x78] as const;
const IV_BYTES = 12;
const utf8 = new TextEncoder();

function header(keyId: string): Uint8Array<ArrayBuffer> {
  const id = utf8.encode(keyId);
  if (id.length === 0 || id.length > 255) throw new RangeError('A key id is 1 to 255 bytes of UTF-8');
  const out = new Uint8Array(MAGIC.length + 1 + id.length);
  out.set(MAGIC);
  out[MAGIC.length] = id.length;
  out.set(id, MAGIC.length + 1);
  return out;
}

/** Imports a 32-byte master key for `sealDataKey` and `openDataKey` (non-extractable). */
export function importMasterKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new RangeError('A master key is 32 bytes (AES-256)');
  return crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Wraps a data key under a master key, as a KMS-shaped blob naming `keyId`. */
export async function sealDataKey(
  master: CryptoKey,
  keyId: string,
  dataKey: Uint8Array,
): Promise<Uint8Array> {
  const head = header(keyId);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const wrapped = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: head },
      master,
      new Uint8Array(dataKey),
    ),
  );
  const blob = new Uint8Array(head.length + IV_BYTES + wrapped.length);
  blob.set(head);
  blob.set(iv, head.length);
  blob.set(wrapped, head.length + IV_BYTES);
  return blob;
}

/** The key id a blob names, or undefined when the bytes are not a blob of this format. */
export function blobKeyId(blob: Uint8Array): string | undefined {
  if (blob.length < MAGIC.length + 1 || MAGIC.some((b, i) => blob[i] !== b)) return undefined;
  const length = blob[MAGIC.length]!;
  if (length === 0 || blob.length < MAGIC.length + 1 + length + IV_BYTES + 16) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      blob.subarray(MAGIC.length + 1, MAGIC.length + 1 + length),
    );
  } catch {
    return undefined;
  }
}

/**
 * Unwraps the data key of a blob. Rejects with `malformed` for bytes that are not a blob, and with
 * `key-not-decryptable` when `master` is not the key it was sealed with.
 */
export async function openDataKey(master: CryptoKey, blob: Uint8Array): Promise<Uint8Array> {
  const keyId = blobKeyId(blob);
  if (keyId === undefined) {
    throw new EncryptionError(
      'malformed',
      'The encryptionKey is not a ciphertext blob this key provider reads',
      {
        field: 'encryptionKey',
      },
    );
  }
  const start = MAGIC.length + 1 + utf8.encode(keyId).length;
  const bytes = new Uint8Array(blob);
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: bytes.subarray(start, start + IV_BYTES),
        additionalData: bytes.subarray(0, start),
      },
      master,
      bytes.subarray(start + IV_BYTES),
    );
    return new Uint8Array(plain);
  } catch (cause) {
    throw new EncryptionError(
      'key-not-decryptable',
      'The encryptionKey was not sealed with this master key',
      {
        cause,
        field: 'encryptionKey',
      },
    );
  }
}
