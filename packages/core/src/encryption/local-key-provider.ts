import { fromBase64, toBase64 } from '../bytes/base64.ts';
import { EncryptionError } from './encryption-error.ts';
import type { KeyProvider } from './key-provider.ts';
import { importMasterKey, openDataKey, sealDataKey } from './kms-blob.ts';

/** Options of `localKeyProvider`. */
export interface LocalKeyProviderOptions {
  /** The key id written into blobs; the emulator finds the master key by it. Default `local`. */
  readonly keyId?: string;
}

/** A master key as bytes, or as the base64 of 32 bytes. */
function masterBytes(masterKey: Uint8Array | string): Uint8Array {
  const bytes =
    typeof masterKey === 'string'
      ? fromBase64(masterKey.trim())
      : { success: true as const, output: masterKey };
  if (!bytes.success || bytes.output.length !== 32) {
    // The value itself is never shown: it is the secret.
    throw new EncryptionError('malformed', 'The master key must be 32 bytes (or the base64 of 32 bytes)');
  }
  return bytes.output;
}

/**
 * A key provider for development and tests: data keys wrapped with a 32-byte master key you hold, in the
 * KMS-shaped blob the emulator's KMS reads too (`kms-blob.ts`). Not for production: the master key is then in
 * your process, not in a KMS.
 *
 * @example
 * const encryption = createEncryption({ keyProvider: localKeyProvider(process.env.CLICKWA_MASTER_KEY!) });
 */
export function localKeyProvider(
  masterKey: Uint8Array | string,
  options: LocalKeyProviderOptions = {},
): KeyProvider {
  const keyId = options.keyId ?? 'local';
  const master = importMasterKey(masterBytes(masterKey));
  return {
    async generateDataKey() {
      const plaintext = crypto.getRandomValues(new Uint8Array(32));
      const blob = await sealDataKey(await master, keyId, plaintext);
      return { plaintext, encryptionKey: toBase64(blob) };
    },
    async decryptDataKey(encryptionKey) {
      const blob = fromBase64(encryptionKey);
      if (!blob.success) {
        throw new EncryptionError('malformed', 'The encryptionKey is not base64', { field: 'encryptionKey' });
      }
      return openDataKey(await master, blob.output);
    },
  };
}
