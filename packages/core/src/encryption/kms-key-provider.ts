import { fromBase64 } from '../bytes/base64.ts';
import { isObject } from '../internal/is-object.ts';
import { EncryptionError } from './encryption-error.ts';
import type { KeyProvider } from './key-provider.ts';
import { KmsError } from './kms-error.ts';
import { type AwsCredentials, signAwsRequest } from './sign-aws-request.ts';

/** Options of `kmsKeyProvider`. */
export interface KmsKeyProviderOptions {
  /** The key's region, e.g. `eu-west-1`: it is in the signature's scope. */
  readonly region: string;
  /** The KMS key Clickatell may decrypt with: a key id, an ARN, or `alias/...`. */
  readonly keyId: string;
  readonly credentials: AwsCredentials;
  /** Default `https://kms.<region>.amazonaws.com`; the emulator's is `<emulator>/_emulator/kms`. */
  readonly endpoint?: string | URL;
  /** Default: the global `fetch`. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

type KmsAnswer = Record<string, unknown>;

/**
 * Data keys from AWS KMS, over its JSON protocol (`TrentService.GenerateDataKey`, `TrentService.Decrypt`),
 * signed with SigV4: no AWS SDK, so it runs in Workers, Bun, Deno and Node. KMS's errors become `KmsError`s
 * (`type` says which); a failed connection becomes an `EncryptionError` (`key-provider-failed`, retryable).
 *
 * @example
 * kmsKeyProvider({
 *   region: 'eu-west-1',
 *   keyId: 'alias/clickatell',
 *   credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
 * });
 */
export function kmsKeyProvider(options: KmsKeyProviderOptions): KeyProvider {
  const { region, keyId, credentials } = options;
  if (!region || !keyId || !credentials?.accessKeyId || !credentials.secretAccessKey) {
    throw new EncryptionError(
      'malformed',
      'kmsKeyProvider needs region, keyId and credentials (accessKeyId, secretAccessKey)',
    );
  }
  const url = String(options.endpoint ?? `https://kms.${region}.amazonaws.com/`);
  const fetchKms = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));

  async function call(action: 'GenerateDataKey' | 'Decrypt', payload: KmsAnswer): Promise<KmsAnswer> {
    const body = JSON.stringify(payload);
    const headers = await signAwsRequest({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${action}` },
      body,
      credentials,
      service: 'kms',
      region,
    });
    let response: Response;
    let text: string;
    try {
      response = await fetchKms(url, { method: 'POST', headers, body });
      text = await response.text();
    } catch (cause) {
      throw new EncryptionError('key-provider-failed', `KMS ${action} did not answer`, {
        cause,
        retryable: true,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = isObject(json) ? json : {};
      const rawType = String(
        error.__type ?? response.headers.get('x-amzn-errortype') ?? `HTTP${response.status}`,
      );
      const type = rawType.split('#').pop()!.split(':')[0]!;
      const message = String(error.message ?? error.Message ?? 'no message');
      throw new KmsError(type, response.status, message);
    }
    if (!isObject(json))
      throw new KmsError('MalformedAnswer', response.status, `${action} answered without JSON`);
    return json;
  }

  function bytesOf(answer: KmsAnswer, field: string): Uint8Array {
    const bytes = typeof answer[field] === 'string' ? fromBase64(answer[field]) : undefined;
    if (!bytes?.success) throw new KmsError('MalformedAnswer', 200, `the answer has no base64 ${field}`);
    return bytes.output;
  }

  return {
    async generateDataKey() {
      const answer = await call('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256' });
      const plaintext = bytesOf(answer, 'Plaintext');
      bytesOf(answer, 'CiphertextBlob');
      return { plaintext, encryptionKey: answer.CiphertextBlob as string };
    },
    async decryptDataKey(encryptionKey) {
      const answer = await call('Decrypt', { CiphertextBlob: encryptionKey, KeyId: keyId });
      return bytesOf(answer, 'Plaintext');
    },
  };
}
