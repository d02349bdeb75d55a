import { isClickwaError, sha256Hex, toBase64 } from '@clickwa/core';
import type { Encryption, EncryptionError } from '@clickwa/core/encryption';
import type { StoredInboundMessage, StoredMediaFile } from '../store.ts';
import type { DownloadFailure } from './download-rules.ts';

/** A downloaded file's check: the SHA-256 of the bytes to store (as received), or why they are not stored. */
export type CheckedFile =
  | { readonly ok: true; readonly sha256: string }
  | { readonly ok: false; readonly failure: DownloadFailure; readonly detail: string };

/**
 * Checks a downloaded file against what its callback declared: `byteSize` and `sha256Hash` are of the clear file,
 * so an encrypted one (`encryptionKey` on the message) is decrypted to be checked, then stored as received, like
 * inline media. An encrypted file whose callback gave no hash cannot be checked and is stored as it came.
 */
export async function checkFile(
  bytes: Uint8Array,
  message: StoredInboundMessage,
  file: StoredMediaFile,
  encryption: Encryption | undefined,
): Promise<CheckedFile> {
  const declared = file.declaredSha256?.trim().toLowerCase() ?? null;
  let clearSize = bytes.byteLength;
  const sha256 = await sha256Hex(bytes);
  if (message.encryptionKey === null) {
    if (file.byteSize !== null && clearSize !== file.byteSize)
      return { ok: false, failure: 'size', detail: `${clearSize} bytes, declared ${file.byteSize}` };
    if (declared !== null && sha256 !== declared)
      return { ok: false, failure: 'hash', detail: `SHA-256 ${sha256}, declared ${declared}` };
    return { ok: true, sha256 };
  }
  if (!encryption) return { ok: false, failure: 'no-encryption', detail: 'no encryption option' };
  if (declared === null) return { ok: true, sha256 };
  try {
    // decryptMedia checks the clear file's hash itself.
    clearSize = (await encryption.decryptMedia(toBase64(bytes), message.encryptionKey, declared)).byteLength;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    // By name, not instanceof: the error may come from another copy of the core.
    if (isClickwaError(error) && (error as EncryptionError).problem === 'hash-mismatch')
      return { ok: false, failure: 'hash', detail: why };
    if (isClickwaError(error) && error.retryable) return { ok: false, failure: 'key-provider', detail: why };
    return { ok: false, failure: 'undecryptable', detail: why };
  }
  if (file.byteSize !== null && clearSize !== file.byteSize)
    return { ok: false, failure: 'size', detail: `${clearSize} clear bytes, declared ${file.byteSize}` };
  return { ok: true, sha256 };
}
