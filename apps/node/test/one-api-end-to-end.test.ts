// The Node gateway (the built server, configured by variables) with the emulator playing two integrations over
// real HTTP: a legacy one (body credentials) and a One API one whose callback URLs carry the gateway's token.
// Both kinds of callback are stored and served back through /api side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, text } from '@clickwa/core';
import { serveEmulator } from '@clickwa/emulator/node';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/free-port.ts';
import { API_TOKEN, CALLBACK, startGateway } from './helpers/gateway-process.ts';

const WA_KEY = 'node-legacy-key';
const ONE_KEY = 'node-one-api-key';
const BATCHED_KEY = 'node-one-api-batched-key';
const TOKEN = 'one-api-e2e-token-0123456789';
const LEGACY_USER = '27999000781';
const ONE_USER = '27999000782';
// A 1x1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const dir = mkdtempSync(join(tmpdir(), 'clickwa-one-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface View {
  status: { code: number; api: string; lifecycle: string } | null;
  history: { code: number; api: string }[];
}

describe('the Node gateway and One API callbacks, end to end', () => {
  it('stores One API statuses and user messages beside legacy ones, and refuses them without the token', async () => {
    const port = await freePort();
    const gatewayUrl = `http://127.0.0.1:${port}`;
    const emulator = await serveEmulator({
      port: 0,
      integrations: [
        {
          name: 'legacy',
          apiKey: WA_KEY,
          statusCallback: `${gatewayUrl}/clickatell/status`,
          inboundCallback: `${gatewayUrl}/clickatell/inbound`,
        },
        {
          name: 'one',
          apiKey: ONE_KEY,
          api: 'one',
          moMedia: 'files',
          statusCallback: `${gatewayUrl}/clickatell/status/${TOKEN}`,
          inboundCallback: `${gatewayUrl}/clickatell/inbound?token=${TOKEN}`,
        },
        {
          // One API's announced batching: all of a message's statuses in one body, repeats included.
          name: 'batched',
          apiKey: BATCHED_KEY,
          api: 'one',
          statusBatch: 'message',
          statusCallback: `${gatewayUrl}/clickatell/status?token=${TOKEN}`,
        },
        {
          // Clickatell's portal set without the token: every callback must be refused.
          name: 'forged',
          apiKey: 'node-forged-key',
          api: 'one',
          statusCallback: `${gatewayUrl}/clickatell/status`,
          inboundCallback: `${gatewayUrl}/clickatell/inbound`,
        },
      ],
      callbackUsername: CALLBACK.username,
      callbackPassword: CALLBACK.password,
      firstStatusMs: 0,
      stepMs: 5,
      jitterMs: 5,
      inboundDelayMs: 0,
      duplicateRate: 0.3,
      seed: 11,
    });
    const gateway = await startGateway({
      PORT: String(port),
      DATABASE_URL: join(dir, 'gateway.db'),
      CLICKATELL_API_KEY: WA_KEY,
      CLICKATELL_BASE_URL: emulator.url,
      CALLBACK_TOKEN: TOKEN,
    });
    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> =>
      (await fetch(`${gateway.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      }).then((r) => r.json())) as T;
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
    const userWrites = async (body: Record<string, unknown>) => {
      const r = await fetch(`${emulator.url}/_emulator/inbound`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(r.status).toBe(202);
      return ((await r.json()) as { messageId: string }).messageId;
    };
    try {
      // Legacy: sent through the gateway.
      const legacy = await api<{ results: { messageId: string }[] }>('/api/messages', {
        method: 'POST',
        body: JSON.stringify({
          messages: [
            { to: LEGACY_USER, hsm: { template: 'payment_alert', parameters: { 1: '$1', 2: '1' } } },
          ],
        }),
      });
      // One API: sent to the platform directly (the gateway's own One API sending is configured apart).
      const one = createClient({ api: 'one', apiKey: ONE_KEY, baseUrl: emulator.url });
      const [sent] = await one.send([text(ONE_USER, 'Your order has shipped')]);
      expect(sent?.outcome).toBe('accepted');
      const batched = createClient({ api: 'one', apiKey: BATCHED_KEY, baseUrl: emulator.url });
      const batchedSent = await batched.send([
        text(ONE_USER, 'Batched one'),
        text(ONE_USER, 'Batched two'),
        text(ONE_USER, 'Batched three'),
      ]);
      expect(batchedSent.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
      const forged = createClient({ api: 'one', apiKey: 'node-forged-key', baseUrl: emulator.url });
      const [forgedSent] = await forged.send([text(ONE_USER, 'Never stored')]);
      const replyId = await userWrites({
        integration: 'one',
        from: ONE_USER,
        content: 'Thanks!',
        relatedMessageId: sent!.messageId,
        profileName: 'Thandi',
      });
      const photoId = await userWrites({
        integration: 'one',
        from: ONE_USER,
        contentType: 'image/png',
        content: PNG,
        caption: 'The parcel',
      });
      const inlineId = await userWrites({
        integration: 'one',
        from: ONE_USER,
        contentType: 'image/png',
        content: PNG,
        mediaForm: 'inline',
      });
      await userWrites({ integration: 'legacy', from: LEGACY_USER, content: 'Legacy hello' });
      await idle();

      // Every status reached READ in its own catalog: legacy 27, One API 6.
      const legacyView = await api<View>(`/api/messages/${legacy.results[0]!.messageId}`);
      expect(legacyView.status).toMatchObject({ code: 27, api: 'wa', lifecycle: 'read' });
      const oneView = await api<View>(`/api/messages/${sent!.messageId}`);
      expect(oneView.status).toMatchObject({ code: 6, api: 'one', lifecycle: 'read' });
      expect(oneView.history.every((h) => h.api === 'one')).toBe(true);
      expect(oneView.history.map((h) => h.code)).toEqual([...new Set(oneView.history.map((h) => h.code))]);
      expect(oneView.history.at(-1)?.code).toBe(6);

      // Several statuses a body: each stored once, the message READ, its history each status once.
      for (const r of batchedSent) {
        const view = await api<View>(`/api/messages/${r.messageId}`);
        expect(view.status).toMatchObject({ code: 6, api: 'one', lifecycle: 'read' });
        expect(view.history.map((h) => h.code)).toEqual([2, 4, 5, 6]);
      }
      const delivered = (await (await fetch(`${emulator.url}/_emulator/messages`)).json()) as {
        messages: { messageId: string; deliveries: { statusCode?: number; delivered: boolean }[] }[];
      };
      for (const r of batchedSent) {
        const record = delivered.messages.find((m) => m.messageId === r.messageId);
        // One body a message (every attempt is the body sent when READ was due), and it was taken.
        expect(new Set(record?.deliveries.map((d) => d.statusCode))).toEqual(new Set([6]));
        expect(record?.deliveries.some((d) => d.delivered)).toBe(true);
      }

      // Nothing of the integration whose URLs lack the token.
      const missing = await fetch(`${gateway.url}/api/messages/${forgedSent!.messageId}`, {
        headers: { authorization: `Bearer ${API_TOKEN}` },
      });
      expect(missing.status).toBe(404);

      const thread = await api<{ items: Record<string, unknown>[] }>(`/api/conversations/${ONE_USER}`);
      const inbound = thread.items.filter((i) => i.direction === 'inbound');
      expect(inbound.map((i) => i.messageId).sort()).toEqual([replyId, photoId, inlineId].sort());
      expect(inbound.find((i) => i.messageId === replyId)).toMatchObject({
        api: 'one',
        type: 'text',
        content: 'Thanks!',
        profileName: 'Thandi',
        inReplyTo: null,
      });
      const photo = inbound.find((i) => i.messageId === photoId)!;
      expect(photo).toMatchObject({ api: 'one', type: 'media', media: null, caption: 'The parcel' });
      expect(photo.files).toEqual([
        expect.objectContaining({
          contentType: 'image/png',
          downloadUrl: expect.stringContaining('/v1/media?'),
        }),
      ]);
      const inline = inbound.find((i) => i.messageId === inlineId)! as { media: { url: string } };
      const bytes = await fetch(`${gateway.url}${inline.media.url}`, {
        headers: { authorization: `Bearer ${API_TOKEN}` },
      });
      expect(Buffer.from(await bytes.arrayBuffer()).toString('base64')).toBe(PNG);
      const reply = await api<Record<string, unknown>>(
        `/api/events/${encodeURIComponent(`message:${replyId}`)}`,
      );
      expect(reply).toMatchObject({ api: 'one', relatedMessageId: sent!.messageId, to: expect.any(String) });

      const legacyThread = await api<{ items: Record<string, unknown>[] }>(
        `/api/conversations/${LEGACY_USER}`,
      );
      expect(legacyThread.items.map((i) => `${i.direction}:${i.api}`).sort()).toEqual([
        'inbound:wa',
        'outbound:wa',
      ]);
    } finally {
      expect(await gateway.stop()).toBe(0);
      await emulator.close();
    }
  }, 120_000);
});
