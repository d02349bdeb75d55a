import { createHmac } from 'node:crypto';

/**
 * The key of a Standard Webhooks secret: the base64 after `whsec_` (the prefix is optional). Throws a TypeError
 * for a secret that is not base64 or is shorter than 16 bytes.
 */
export function webhookSecretKey(secret: string): Uint8Array {
  const base64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0)
    throw new TypeError('The webhook secret must be base64, optionally after "whsec_" (Standard Webhooks)');
  const key = Buffer.from(base64, 'base64');
  if (key.byteLength < 16) throw new TypeError('The webhook secret must hold at least 16 bytes');
  return key;
}

/**
 * The `webhook-signature` of a Standard Webhooks message: `v1,` and the base64 HMAC-SHA256 of
 * `<id>.<timestamp>.<body>` under the secret's key.
 *
 * @example signWebhook(key, 'status:abc:4:1', 1760000000, '{"kind":"status"}') // 'v1,K5oZ...'
 */
export function signWebhook(key: Uint8Array, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
