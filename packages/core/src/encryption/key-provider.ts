/** A data key fresh from a key provider: the clear key, and the blob that travels as `encryptionKey`. */
export interface DataKey {
  /** The 32 clear bytes. The caller wipes them once bound to a cipher. */
  readonly plaintext: Uint8Array;
  /** The base64 ciphertext blob of the key, as the spec's `encryptionKey` carries it. */
  readonly encryptionKey: string;
}

/**
 * Where data keys come from and go back to: AWS KMS (`kmsKeyProvider`), a local master key for development
 * (`localKeyProvider`), or your own (an HSM, another KMS).
 */
export interface KeyProvider {
  /** A new 256-bit data key. */
  generateDataKey(): Promise<DataKey>;
  /** The clear data key of a base64 `encryptionKey` blob; rejects with an `EncryptionError` when it cannot. */
  decryptDataKey(encryptionKey: string): Promise<Uint8Array>;
}
