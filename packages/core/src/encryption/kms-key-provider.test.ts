import { describe, expect, it } from 'vitest';
import { EncryptionError } from './encryption-error.ts';
import { KmsError } from './kms-error.ts';
import { kmsKeyProvider } from './kms-key-provider.ts';

const credentials = {
  accessKeyId: 'AKIDTEST',
  secretAccessKey: 'SECRET/never-shown',
  sessionToken: 'TOKEN-never-shown',
};

/** A KMS that answers one way, keeping what it was sent. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen: { url: string; headers: Headers; body: string }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    seen.push({ url, headers: new Headers(init.headers), body: String(init.body) });
    return new Response(JSON.stringify(body), { status, headers });
  };
  return { fetch, seen };
}

describe('kmsKeyProvider', () => {
  it('calls GenerateDataKey with the JSON protocol, signed for kms in the region', async () => {
    const kms = answering(200, {
      CiphertextBlob: 'AQIDAHgAAA==',
      Plaintext: btoa('k'.repeat(32)),
      KeyId: 'arn',
    });
    const provider = kmsKeyProvider({
      region: 'af-south-1',
      keyId: 'alias/clickatell',
      credentials,
      fetch: kms.fetch,
    });
    const key = await provider.generateDataKey();
    expect(key.encryptionKey).toBe('AQIDAHgAAA==');
    expect(key.plaintext.length).toBe(32);
    const [request] = kms.seen;
    expect(request!.url).toBe('https://kms.af-south-1.amazonaws.com/');
    expect(request!.headers.get('x-amz-target')).toBe('TrentService.GenerateDataKey');
    expect(request!.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(request!.headers.get('authorization')).toMatch(
      /Credential=AKIDTEST\/\d{8}\/af-south-1\/kms\/aws4_request/,
    );
    expect(request!.headers.get('x-amz-security-token')).toBe('TOKEN-never-shown');
    expect(JSON.parse(request!.body)).toEqual({ KeyId: 'alias/clickatell', KeySpec: 'AES_256' });
  });

  it('turns KMS errors into typed errors, without the credentials', async () => {
    const kms = answering(400, {
      __type: 'AccessDeniedException',
      message: 'User is not authorized to perform kms:Decrypt',
    });
    const provider = kmsKeyProvider({ region: 'eu-west-1', keyId: 'k', credentials, fetch: kms.fetch });
    const error = await provider.decryptDataKey('AQIDAHgAAA==').catch((e) => e);
    expect(error).toBeInstanceOf(KmsError);
    expect(error).toBeInstanceOf(EncryptionError);
    expect(error).toMatchObject({
      type: 'AccessDeniedException',
      status: 400,
      problem: 'key-provider-failed',
      retryable: false,
    });
    for (const shown of [String(error), JSON.stringify(error), error.stack]) {
      expect(shown).not.toContain('SECRET');
      expect(shown).not.toContain('TOKEN');
    }
  });

  it('a namespaced type, a ciphertext it cannot decrypt, throttling', async () => {
    const bad = answering(400, { __type: 'com.amazonaws.kms#InvalidCiphertextException' });
    await expect(
      kmsKeyProvider({ region: 'r', keyId: 'k', credentials, fetch: bad.fetch }).decryptDataKey('x'),
    ).rejects.toMatchObject({ type: 'InvalidCiphertextException', problem: 'key-not-decryptable' });
    const busy = answering(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
    await expect(
      kmsKeyProvider({ region: 'r', keyId: 'k', credentials, fetch: busy.fetch }).generateDataKey(),
    ).rejects.toMatchObject({ type: 'ThrottlingException', retryable: true });
  });

  it('no answer: key-provider-failed, retryable', async () => {
    const provider = kmsKeyProvider({
      region: 'r',
      keyId: 'k',
      credentials,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(provider.generateDataKey()).rejects.toMatchObject({
      problem: 'key-provider-failed',
      retryable: true,
    });
  });
});
