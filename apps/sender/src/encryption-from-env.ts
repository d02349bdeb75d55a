import { readFile } from 'node:fs/promises';
import { isClickwaError, type SendEncryption } from '@clickwa/core';
import { createEncryption, kmsKeyProvider, localKeyProvider } from '@clickwa/core/encryption';
import { readEnv } from './client-from-env.ts';
import type { EncryptionFlags } from './command.ts';
import { badInput } from './exit-codes.ts';
import { describeFsError } from './fs-error.ts';
import type { CliIo } from './io.ts';

/** The environment variables `--encrypt` reads (Deno: add them to `--allow-env=`). */
export const ENCRYPTION_ENV = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
  region: 'AWS_REGION',
  defaultRegion: 'AWS_DEFAULT_REGION',
  localKey: 'CLICKWA_ENCRYPTION_KEY',
} as const;

const KMS_ENV = [
  ENCRYPTION_ENV.accessKeyId,
  ENCRYPTION_ENV.secretAccessKey,
  ENCRYPTION_ENV.sessionToken,
  ENCRYPTION_ENV.region,
  ENCRYPTION_ENV.defaultRegion,
];

/** A local master key file: 32 raw bytes, or their base64 on one line. */
async function readKeyFile(path: string): Promise<Uint8Array | string> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw badInput(`cannot read --encryption-key-file ${path}: ${describeFsError(error)}`, error);
  }
  return bytes.length === 32 ? bytes : new TextDecoder().decode(bytes).trim();
}

/**
 * The encryption `--encrypt` asks for: AWS KMS data keys (`--kms-key-id`, credentials and region from the usual
 * `AWS_*` variables, `--kms-endpoint` for another endpoint such as the emulator's), or a local master key from
 * `--encryption-key-file` or `CLICKWA_ENCRYPTION_KEY`. A missing setting is a one-line `CliError` (exit 2) that
 * never shows a key.
 */
export async function encryptionFromEnv(io: CliIo, flags: EncryptionFlags): Promise<SendEncryption> {
  try {
    if (flags.kmsKeyId !== undefined) {
      const env = (name: string) => readEnv(io, name, KMS_ENV)?.trim() || undefined;
      const accessKeyId = env(ENCRYPTION_ENV.accessKeyId);
      const secretAccessKey = env(ENCRYPTION_ENV.secretAccessKey);
      const region = env(ENCRYPTION_ENV.region) ?? env(ENCRYPTION_ENV.defaultRegion);
      if (!accessKeyId || !secretAccessKey) {
        throw badInput(
          `--kms-key-id needs AWS credentials: export ${ENCRYPTION_ENV.accessKeyId} and ${ENCRYPTION_ENV.secretAccessKey} (and ${ENCRYPTION_ENV.sessionToken} for temporary ones)`,
        );
      }
      if (!region) throw badInput(`--kms-key-id needs the key's region: export ${ENCRYPTION_ENV.region}`);
      const sessionToken = env(ENCRYPTION_ENV.sessionToken);
      const keyProvider = kmsKeyProvider({
        region,
        keyId: flags.kmsKeyId,
        credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
        ...(flags.kmsEndpoint === undefined ? {} : { endpoint: flags.kmsEndpoint }),
      });
      return createEncryption({ keyProvider });
    }
    const key =
      flags.keyFile !== undefined
        ? await readKeyFile(flags.keyFile)
        : readEnv(io, ENCRYPTION_ENV.localKey, [ENCRYPTION_ENV.localKey])?.trim();
    if (!key) {
      throw badInput(
        `--encrypt needs a key: --kms-key-id KEY (AWS KMS), --encryption-key-file FILE, or ${ENCRYPTION_ENV.localKey} (the base64 of 32 bytes)`,
      );
    }
    return createEncryption({ keyProvider: localKeyProvider(key) });
  } catch (error) {
    if (isClickwaError(error) && error.code === 'encryption') throw badInput(error.description, error);
    throw error;
  }
}
