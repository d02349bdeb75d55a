import { toBase64 } from '@clickwa/core';
import { EncryptionError } from '@clickwa/core/encryption';
import { Hono } from 'hono';
import type { EmulatorKms } from './emulator-kms.ts';
import { verifySigV4 } from './verify-sigv4.ts';

const JSON_TYPE = 'application/x-amz-json-1.1';

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE } });
const refuse = (type: string, message: string, status = 400) => answer(status, { __type: type, message });

const fromBase64 = (text: unknown): Uint8Array | undefined => {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
};

/**
 * `POST /_emulator/kms`: AWS KMS's JSON protocol (`X-Amz-Target: TrentService.GenerateDataKey` or
 * `TrentService.Decrypt`) for the emulator's keys, with SigV4 signatures checked against its credentials, so a
 * KMS key provider is tested over the wire. Errors come as KMS sends them: `{ "__type", "message" }`, HTTP 400.
 */
export function kmsRoutes(kms: EmulatorKms): Hono {
  const app = new Hono();
  app.post('/_emulator/kms', async (c) => {
    const request = c.req.raw;
    const body = await request.text();
    const refused = await verifySigV4(request, body, kms.credentials, 'kms', kms.region);
    if (refused) return refuse(refused.type, refused.message);
    let input: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      return refuse('SerializationException', 'The body is not a JSON object');
    }
    const target = request.headers.get('x-amz-target');
    if (target === 'TrentService.GenerateDataKey') {
      const keyId = typeof input.KeyId === 'string' ? input.KeyId : '';
      if (input.KeySpec !== undefined && input.KeySpec !== 'AES_256') {
        return refuse('ValidationException', 'The emulator makes AES_256 data keys only');
      }
      const key = await kms.generate(keyId);
      if (!key) return refuse('NotFoundException', `Key '${keyId}' does not exist`);
      const Plaintext = toBase64(key.plaintext);
      key.plaintext.fill(0);
      return answer(200, { CiphertextBlob: toBase64(key.blob), Plaintext, KeyId: key.keyId });
    }
    if (target === 'TrentService.Decrypt') {
      const blob = fromBase64(input.CiphertextBlob);
      if (!blob) return refuse('ValidationException', 'CiphertextBlob must be base64');
      try {
        const key = await kms.decrypt(blob);
        if (typeof input.KeyId === 'string' && input.KeyId !== key.keyId) {
          return refuse(
            'IncorrectKeyException',
            'The key ID in the request does not identify the key of the ciphertext',
          );
        }
        const Plaintext = toBase64(key.plaintext);
        key.plaintext.fill(0);
        return answer(200, { Plaintext, KeyId: key.keyId, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
      } catch (error) {
        if (error instanceof EncryptionError)
          return refuse('InvalidCiphertextException', 'The ciphertext is invalid');
        throw error;
      }
    }
    return refuse('UnknownOperationException', `Unknown operation ${target ?? '(no X-Amz-Target)'}`);
  });
  return app;
}
