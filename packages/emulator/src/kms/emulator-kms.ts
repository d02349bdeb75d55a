import { toBase64 } from '@clickwa/core';
import {
  type AwsCredentials,
  blobKeyId,
  type ContentCipher,
  createEncryption,
  type Encryption,
  EncryptionError,
  importMasterKey,
  type KeyProvider,
  openDataKey,
  sealDataKey,
} from '@clickwa/core/encryption';

/** The emulator's KMS: master keys by key id, and who may call it. */
export interface EmulatorKmsOptions {
  /**
   * Master keys by key id (32 bytes, or their base64): the emulator's KMS wraps data keys with them and the
   * platform opens `encryptionKey` blobs with them. Default: `KMS_DEFAULTS.keys`. A `localKeyProvider` with
   * the same key and key id makes blobs the emulator reads.
   */
  readonly keys?: Readonly<Record<string, Uint8Array | string>>;
  /** Credentials whose SigV4 signatures the KMS endpoint accepts. Default: `KMS_DEFAULTS.credentials`. */
  readonly credentials?: readonly AwsCredentials[];
  /** The region signatures are scoped to. Default `us-east-1`. */
  readonly region?: string;
  /** The content cipher the platform is taken to use; the same as the senders'. Default AES-256-GCM. */
  readonly cipher?: ContentCipher;
}

/**
 * The emulator's default KMS: one key and one access key pair, both public (this is a local emulator, never a
 * place for real keys).
 */
export const KMS_DEFAULTS = {
  keys: { 'alias/clickwa-local': 'Y2xpY2t3YS1lbXVsYXRvci1sb2NhbC1rZXktMzJieXQ=' },
  credentials: [{ accessKeyId: 'AKIDCLICKWALOCAL', secretAccessKey: 'clickwa-local-secret-access-key' }],
  region: 'us-east-1',
} as const;

/** The emulator's KMS as the routes and the platform use it. */
export interface EmulatorKms {
  readonly region: string;
  readonly credentials: readonly AwsCredentials[];
  /** The key id data keys come from when none is named (the first key). */
  readonly defaultKeyId: string;
  /** A new data key under `keyId`: its clear bytes and its blob, or undefined for an unknown key. */
  generate(keyId: string): Promise<{ plaintext: Uint8Array; blob: Uint8Array; keyId: string } | undefined>;
  /** The clear data key of a blob; rejects with an `EncryptionError` for a blob no key opens. */
  decrypt(blob: Uint8Array): Promise<{ plaintext: Uint8Array; keyId: string }>;
  /** Encryption as the platform does it (the default cipher), with keys from this KMS. */
  readonly encryption: Encryption;
}

function masterBytes(keyId: string, value: Uint8Array | string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const bytes = Uint8Array.from(atob(value.trim()), (c) => c.charCodeAt(0));
  if (bytes.length !== 32) throw new Error(`The emulator's KMS key "${keyId}" is not 32 bytes of base64`);
  return bytes;
}

/** Creates the emulator's KMS from its options. */
export function createEmulatorKms(options: EmulatorKmsOptions = {}): EmulatorKms {
  const entries = Object.entries(options.keys ?? KMS_DEFAULTS.keys);
  if (entries.length === 0) throw new Error('The emulator needs at least one KMS key');
  const masters = new Map(entries.map(([id, value]) => [id, importMasterKey(masterBytes(id, value))]));
  const defaultKeyId = entries[0]![0];
  // An ARN-shaped id, as KMS answers with; an alias or a bare id finds the key too.
  const find = (keyId: string) =>
    masters.get(keyId) ?? masters.get(keyId.replace(/^arn:aws:kms:[^:]*:\d*:/, ''));

  const kms: Omit<EmulatorKms, 'encryption'> = {
    region: options.region ?? KMS_DEFAULTS.region,
    credentials: options.credentials ?? KMS_DEFAULTS.credentials,
    defaultKeyId,
    async generate(keyId) {
      const master = find(keyId);
      if (!master) return undefined;
      const plaintext = crypto.getRandomValues(new Uint8Array(32));
      return { plaintext, blob: await sealDataKey(await master, keyId, plaintext), keyId };
    },
    async decrypt(blob) {
      const keyId = blobKeyId(blob);
      const master = keyId === undefined ? undefined : find(keyId);
      if (!master || keyId === undefined) {
        throw new EncryptionError('key-not-decryptable', 'No key of this KMS opens the blob', {
          field: 'encryptionKey',
        });
      }
      return { plaintext: await openDataKey(await master, blob), keyId };
    },
  };
  const keyProvider: KeyProvider = {
    async generateDataKey() {
      const key = await kms.generate(defaultKeyId);
      return { plaintext: key!.plaintext, encryptionKey: toBase64(key!.blob) };
    },
    async decryptDataKey(encryptionKey) {
      let blob: Uint8Array;
      try {
        blob = Uint8Array.from(atob(encryptionKey.trim()), (c) => c.charCodeAt(0));
      } catch {
        throw new EncryptionError('malformed', 'The encryptionKey is not base64', { field: 'encryptionKey' });
      }
      return (await kms.decrypt(blob)).plaintext;
    },
  };
  const cipher = options.cipher;
  return { ...kms, encryption: createEncryption(cipher ? { keyProvider, cipher } : { keyProvider }) };
}
