// Encrypted user messages (spec 7.3.5) are stored as received and read in clear through the API; one that does
// not decrypt stays, flagged; `POST /api/messages` sends encrypted on request.
import type { OutboundMessage } from '@clickwa/core';
import { createEncryption, EncryptionError, localKeyProvider } from '@clickwa/core/encryption';
import { describe, expect, it } from 'vitest';
import { API_TOKEN, api, CALLBACK, callback } from '../../test/gateway.ts';
import { createGatewayApp } from '../create-gateway-app.ts';
import type { SendClient } from '../gateway-options.ts';
import { createMemoryStore } from '../memory-store.ts';

const USER = '27999000001';
const MASTER = new Uint8Array(32).fill(7);
const encryption = createEncryption({ keyProvider: localKeyProvider(MASTER) });
const other = createEncryption({ keyProvider: localKeyProvider(new Uint8Array(32).fill(9)) });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);

function gateway(withEncryption: boolean | ReturnType<typeof createEncryption> = true, client?: SendClient) {
  const store = createMemoryStore();
  const chosen = withEncryption === true ? encryption : withEncryption || undefined;
  const app = createGatewayApp({
    store,
    auth: { apiToken: API_TOKEN, callbackUsername: CALLBACK.username, callbackPassword: CALLBACK.password },
    ...(chosen ? { encryption: chosen } : {}),
    ...(client ? { client } : {}),
  });
  return { app, store };
}

const inbound = (fields: object) => ({
  integrationId: 'i',
  messageId: `m-${Math.random().toString(16).slice(2)}`,
  relatedMessageId: null,
  from: USER,
  timestamp: 1_700_000_000,
  ...fields,
});

async function post(app: ReturnType<typeof gateway>['app'], body: Record<string, unknown>) {
  const response = await app.request('/clickatell/inbound', callback(body));
  expect(response.status).toBe(200);
  return body.messageId as string;
}

async function thread(app: ReturnType<typeof gateway>['app']) {
  const view = await (await app.request(`/api/conversations/${USER}`, api('GET'))).json();
  return view.items as {
    messageId: string;
    content: string | null;
    encrypted: boolean;
    decryptionError: string | null;
    media: { caption: string | null } | null;
  }[];
}

describe('encrypted user messages through the API', () => {
  it('stores a text as received and reads it in clear', async () => {
    const { app, store } = gateway();
    const sealed = await encryption.encryptText('My balance, please');
    const id = await post(app, inbound(sealed));
    // Stored as it came: ciphertext and its key.
    expect(await store.getEvent(`message:${id}`)).toMatchObject({
      content: sealed.content,
      encryptionKey: sealed.encryptionKey,
    });
    expect(await thread(app)).toEqual([
      expect.objectContaining({
        messageId: id,
        content: 'My balance, please',
        encrypted: true,
        decryptionError: null,
      }),
    ]);
  });

  it('flags, never drops, a message it cannot read: another key, or no key provider at all', async () => {
    const { app } = gateway();
    const foreign = await other.encryptText('not for this gateway');
    const id = await post(app, inbound(foreign));
    const [item] = await thread(app);
    expect(item).toMatchObject({ messageId: id, content: null, encrypted: true });
    expect(item!.decryptionError).toMatch(/key/i);
    const plain = gateway(false);
    await post(plain.app, inbound(await encryption.encryptText('hi')));
    expect(await thread(plain.app)).toEqual([
      expect.objectContaining({ content: null, decryptionError: expect.stringMatching(/no key provider/) }),
    ]);
  });

  it('serves an encrypted file in clear, with its caption, and refuses one whose hash does not match', async () => {
    const { app } = gateway();
    const sealed = await encryption.encryptMedia(PNG, { caption: 'the receipt' });
    const id = await post(app, inbound({ contentType: 'image/png', ...sealed }));
    const response = await app.request(`/api/messages/${id}/media`, api('GET'));
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
    expect(decodeURIComponent(response.headers.get('x-clickwa-caption')!)).toBe('the receipt');
    expect((await thread(app))[0]!.media?.caption).toBe('the receipt');
    const wrongHash = await post(
      app,
      inbound({ contentType: 'image/png', ...sealed, sha256Hash: 'ab'.repeat(32) }),
    );
    const refused = await app.request(`/api/messages/${wrongHash}/media`, api('GET'));
    expect(refused.status).toBe(422);
  });

  it('answers 503 for a file while the key provider is down, and keeps the message flagged, not lost', async () => {
    const down = createEncryption({
      keyProvider: {
        generateDataKey: () => Promise.reject(new Error('down')),
        decryptDataKey: () =>
          Promise.reject(
            new EncryptionError('key-provider-failed', 'KMS is unreachable', { retryable: true }),
          ),
      },
    });
    const { app } = gateway(down);
    const sealed = await encryption.encryptMedia(PNG, { caption: 'the receipt' });
    const id = await post(app, inbound({ contentType: 'image/png', ...sealed }));
    expect((await app.request(`/api/messages/${id}/media`, api('GET'))).status).toBe(503);
    expect(await thread(app)).toEqual([
      expect.objectContaining({ messageId: id, decryptionError: expect.stringMatching(/unreachable/) }),
    ]);
  });

  it('sends encrypted on "encrypt": true, and refuses it without a key provider', async () => {
    const calls: { messages: readonly OutboundMessage[]; options: unknown }[] = [];
    const client: SendClient = {
      send: async (messages, options) => {
        calls.push({ messages, options });
        return messages.map((m, index) => ({
          index,
          clientMessageId: `c${index}`,
          to: m.to,
          outcome: 'accepted',
          accepted: true,
          messageId: `m${index}`,
        }));
      },
    };
    const template = { to: USER, hsm: { template: 'payment_alert', parameters: { 1: '$150' } } };
    const { app } = gateway(true, client);
    const sent = await app.request('/api/messages', api('POST', { messages: [template], encrypt: true }));
    expect(sent.status).toBe(200);
    expect(calls[0]!.options).toEqual({ encryption });
    await app.request('/api/messages', api('POST', { messages: [template] }));
    expect(calls[1]!.options).toBeUndefined();
    const without = gateway(false, client).app;
    const refused = await without.request(
      '/api/messages',
      api('POST', { messages: [template], encrypt: true }),
    );
    expect([refused.status, calls.length]).toEqual([400, 2]);
  });
});
