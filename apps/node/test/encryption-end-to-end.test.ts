// The Node gateway (the built server, configured by variables) with the emulator and its KMS, over real HTTP:
// encrypted sends are delivered, an encrypted reply reads in clear.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMS_DEFAULTS } from '@clickwa/emulator';
import { serveEmulator } from '@clickwa/emulator/node';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/free-port.ts';
import { API_TOKEN, CALLBACK, startGateway } from './helpers/gateway-process.ts';

const USER = '27999000779';
const API_KEY = 'node-encryption-key';
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const dir = mkdtempSync(join(tmpdir(), 'clickwa-encryption-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Node gateway, encrypted, end to end', () => {
  it('sends text, template and media encrypted; the platform delivers them; an encrypted reply reads in clear', async () => {
    const port = await freePort();
    const gatewayUrl = `http://127.0.0.1:${port}`;
    const emulator = await serveEmulator({
      port: 0,
      apiKey: API_KEY,
      statusCallback: `${gatewayUrl}/clickatell/status`,
      inboundCallback: `${gatewayUrl}/clickatell/inbound`,
      callbackUsername: CALLBACK.username,
      callbackPassword: CALLBACK.password,
      firstStatusMs: 0,
      stepMs: 5,
      jitterMs: 5,
      inboundDelayMs: 0,
      seed: 3,
    });
    const [credentials] = KMS_DEFAULTS.credentials;
    const gateway = await startGateway({
      PORT: String(port),
      DATABASE_URL: join(dir, 'gateway.db'),
      CLICKATELL_API_KEY: API_KEY,
      CLICKATELL_BASE_URL: emulator.url,
      KMS_KEY_ID: Object.keys(KMS_DEFAULTS.keys)[0]!,
      KMS_REGION: KMS_DEFAULTS.region,
      AWS_ACCESS_KEY_ID: credentials!.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials!.secretAccessKey,
      KMS_ENDPOINT: `${emulator.url}/_emulator/kms`,
    });
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${gateway.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      });
    const idle = async () => {
      // The emulator's callbacks are over once nothing is pending.
      for (;;) {
        const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as {
          pendingCallbacks?: number;
        };
        if (!stats.pendingCallbacks) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      const wrote = await fetch(`${emulator.url}/_emulator/inbound`, {
        method: 'POST',
        body: JSON.stringify({ from: USER, content: 'My balance, please', encrypt: true }),
      });
      expect(wrote.status).toBe(202);
      const messages = [
        { to: USER, content: 'Your balance is R 1,024.00' },
        { to: USER, hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } } },
        { to: USER, contentType: 'image/png', content: PNG, caption: 'Your statement' },
      ];
      // The reply's callback may still be on its way: the care window is waited for.
      let response: Response;
      for (;;) {
        response = await api('/api/messages', {
          method: 'POST',
          body: JSON.stringify({ messages, encrypt: true }),
        });
        if (response.status !== 409) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(response.status).toBe(200);
      const { results } = (await response.json()) as { results: { messageId: string; outcome: string }[] };
      expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
      for (const r of results) {
        let codes: number[] = [];
        while (!codes.includes(4)) {
          await idle();
          const view = (await (await api(`/api/messages/${r.messageId}`)).json()) as {
            history: { code: number }[];
          };
          codes = view.history.map((h) => h.code);
          expect(codes).not.toContain(40);
        }
      }
      const thread = (await (await api(`/api/conversations/${USER}`)).json()) as {
        items: {
          direction: string;
          content: string | null;
          encrypted?: boolean;
          decryptionError?: string | null;
        }[];
      };
      expect(thread.items[0]).toMatchObject({
        direction: 'inbound',
        content: 'My balance, please',
        encrypted: true,
        decryptionError: null,
      });
    } finally {
      await gateway.stop();
      await emulator.close();
    }
  });
});
