import {
  createEncryption,
  type Encryption,
  kmsKeyProvider,
  localKeyProvider,
} from '@clickwa/core/encryption';
import type { ConfigIssue } from './read-gateway-config.ts';

/** Where the gateway's data keys come from, as the variables give it. */
export type EncryptionSettings =
  | { readonly provider: 'local'; readonly masterKey: string }
  | {
      readonly provider: 'kms';
      readonly keyId: string;
      readonly region: string;
      readonly endpoint: string | undefined;
      readonly credentials: {
        readonly accessKeyId: string;
        readonly secretAccessKey: string;
        readonly sessionToken?: string;
      };
    };

const text = (env: Readonly<Record<string, unknown>>, name: string): string | undefined => {
  const value = env[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * Reads the encryption variables: `KMS_KEY_ID` with `KMS_REGION` (or `AWS_REGION`), `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and `KMS_ENDPOINT` (AWS KMS, or the emulator's), or
 * `ENCRYPTION_KEY`, the base64 of a 32-byte master key (development). None set: no encryption. Each mistake
 * is an issue naming its variable.
 */
export function readEncryptionSettings(
  env: Readonly<Record<string, unknown>>,
  issues: ConfigIssue[],
): EncryptionSettings | undefined {
  const keyId = text(env, 'KMS_KEY_ID');
  const masterKey = text(env, 'ENCRYPTION_KEY');
  if (keyId && masterKey) {
    issues.push({ variable: 'ENCRYPTION_KEY', message: 'Set KMS_KEY_ID or ENCRYPTION_KEY, not both' });
    return undefined;
  }
  if (masterKey) return { provider: 'local', masterKey };
  if (!keyId) return undefined;
  const region = text(env, 'KMS_REGION') ?? text(env, 'AWS_REGION');
  const accessKeyId = text(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = text(env, 'AWS_SECRET_ACCESS_KEY');
  for (const [variable, value] of [
    ['KMS_REGION', region],
    ['AWS_ACCESS_KEY_ID', accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', secretAccessKey],
  ] as const) {
    if (!value) issues.push({ variable, message: `${variable} must be set with KMS_KEY_ID` });
  }
  if (!region || !accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = text(env, 'AWS_SESSION_TOKEN');
  return {
    provider: 'kms',
    keyId,
    region,
    endpoint: text(env, 'KMS_ENDPOINT'),
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  };
}

/** The gateway's `encryption` from its settings; `fetch` reaches KMS (the global one by default). */
export function createGatewayEncryption(
  settings: EncryptionSettings,
  fetch?: (input: string, init: RequestInit) => Promise<Response>,
): Encryption {
  const keyProvider =
    settings.provider === 'local'
      ? localKeyProvider(settings.masterKey)
      : kmsKeyProvider({
          keyId: settings.keyId,
          region: settings.region,
          credentials: settings.credentials,
          ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
          ...(fetch ? { fetch } : {}),
        });
  return createEncryption({ keyProvider });
}
