import { env } from 'cloudflare:workers';
import { createEmulator, KMS_DEFAULTS } from '@clickwa/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerGateway } from '../src/gateway.ts';
import { api, CALLBACK } from './helpers.ts';

const USER = '27999000778';
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('end to end, encrypted: the Worker, the emulator and its KMS', () => {
  // The Worker's key provider is the emulator's KMS (its public local key and credentials), as a Worker's would
  // be AWS KMS: the same variables, the same signed requests.
  let app: ReturnType<typeof createWorkerGateway>['app'];
  const emulator = createEmulator({
    apiKey: env.CLICKATELL_API_KEY,
    statusCallback: 'http://gateway.local/clickatell/status',
    inboundCallback: 'http://gateway.local/clickatell/inbound',
    callbackUsername: CALLBACK.username,
    callbackPassword: CALLBACK.password,
    firstStatusMs: 0,
    stepMs: 5,
    jitterMs: 5,
    inboundDelayMs: 0,
    seed: 9,
    fetch: async (input, init) => app.fetch(new Request(input, init), env),
  });
  const [credentials] = KMS_DEFAULTS.credentials;
  const encrypted = {
    ...env,
    KMS_KEY_ID: Object.keys(KMS_DEFAULTS.keys)[0]!,
    KMS_REGION: KMS_DEFAULTS.region,
    AWS_ACCESS_KEY_ID: credentials!.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials!.secretAccessKey,
    KMS_ENDPOINT: 'http://emulator.local/_emulator/kms',
  } as typeof env;
  app = createWorkerGateway(encrypted, { fetch: (input, init) => emulator.fetch(input, init) }).app;
  afterAll(() => emulator.close());
  const request = async (path: string, init?: RequestInit) =>
    app.fetch(new Request(`http://gateway.local${path}`, init), encrypted);

  it('sends text, template and media encrypted; the platform delivers them; an encrypted reply reads in clear', async () => {
    const wrote = await emulator.fetch('/_emulator/inbound', {
      method: 'POST',
      body: JSON.stringify({ from: USER, content: 'My balance, please', encrypt: true }),
    });
    expect(wrote.status).toBe(202);
    await emulator.idle();
    const messages = [
      { to: USER, content: 'Your balance is R 1,024.00' },
      { to: USER, hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } } },
      { to: USER, contentType: 'image/png', content: PNG, caption: 'Your statement' },
    ];
    const response = await request('/api/messages', api('POST', { messages, encrypt: true }));
    expect(response.status).toBe(200);
    const { results } = await response.json<{ results: { messageId: string; outcome: string }[] }>();
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    await emulator.idle();
    // What reached the platform was ciphertext, which it could open: each message was delivered.
    for (const r of results) {
      const view = await (await request(`/api/messages/${r.messageId}`, api('GET'))).json<{
        history: { code: number }[];
      }>();
      expect(view.history.map((h) => h.code)).toContain(4);
    }
    const sent = await (await emulator.fetch('/_emulator/messages')).json<{
      messages: { encrypted?: boolean }[];
    }>();
    expect(sent.messages.slice(-3).every((m) => JSON.stringify(m).includes('"encrypted":true'))).toBe(true);
    const thread = await (await request(`/api/conversations/${USER}`, api('GET'))).json<{
      items: {
        direction: string;
        content: string | null;
        encrypted?: boolean;
        decryptionError?: string | null;
      }[];
    }>();
    expect(thread.items[0]).toMatchObject({
      direction: 'inbound',
      content: 'My balance, please',
      encrypted: true,
      decryptionError: null,
    });
  });
});
