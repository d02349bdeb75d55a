import type { ClickatellApi } from '@clickwa/core';
import { EncryptionError } from '@clickwa/core/encryption';
import type { EmulatorKms } from './emulator-kms.ts';

/**
 * The status an encrypted message ends in when the platform cannot read it, per API: a key it cannot decrypt
 * (40 ENCRYPTION_ACCESS_DENIED, One API 60), media whose SHA-256 is not `sha256Hash` (32), content that does not
 * decrypt (41 ENCRYPTION_CONTENT_ERROR, One API 61).
 */
export const ENCRYPTION_FAILURE_STATUSES = {
  wa: { key: 40, hash: 32, content: 41 },
  one: { key: 60, hash: 32, content: 61 },
} as const satisfies Record<ClickatellApi, Record<'key' | 'hash' | 'content', number>>;

/** The fields of a sent message that encryption touches. */
interface EncryptedFields {
  readonly content?: unknown;
  readonly caption?: unknown;
  readonly contentType?: unknown;
  readonly sha256Hash?: unknown;
  readonly encryptionKey?: unknown;
  readonly hsm?: { readonly parameters?: Readonly<Record<string, unknown>> } | null;
}

/**
 * Decrypts a sent message as the platform would before handing it to WhatsApp (its own `encryptionKey`, else the
 * request's), and returns the failure status, or undefined when it reads (or is not encrypted).
 */
export async function encryptionStatus(
  kms: EmulatorKms,
  message: EncryptedFields,
  requestKey: string | undefined,
  api: ClickatellApi,
): Promise<number | undefined> {
  const key =
    typeof message.encryptionKey === 'string' && message.encryptionKey ? message.encryptionKey : requestKey;
  if (!key) return undefined;
  const statuses = ENCRYPTION_FAILURE_STATUSES[api];
  const { encryption } = kms;
  try {
    if (message.hsm) {
      for (const value of Object.values(message.hsm.parameters ?? {}))
        await encryption.decryptText(String(value), key);
    } else if (typeof message.contentType === 'string' && message.contentType.trim() !== '') {
      await encryption.decryptMedia(String(message.content), key, String(message.sha256Hash ?? ''));
      if (typeof message.caption === 'string' && message.caption)
        await encryption.decryptText(message.caption, key);
    } else {
      await encryption.decryptText(String(message.content), key);
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof EncryptionError)) throw error;
    if (error.problem === 'key-not-decryptable' || error.problem === 'key-provider-failed')
      return statuses.key;
    if (error.field === 'encryptionKey') return statuses.key;
    return error.problem === 'hash-mismatch' ? statuses.hash : statuses.content;
  }
}
