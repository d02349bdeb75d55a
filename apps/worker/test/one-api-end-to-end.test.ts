import { env } from 'cloudflare:workers';
import { createClient, text } from '@clickwa/core';
import { createEmulator } from '@clickwa/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerGateway } from '../src/gateway.ts';
import { api, CALLBACK, CALLBACK_TOKEN } from './helpers.ts';

const ONE_KEY = 'worker-one-api-key';
const BATCHED_KEY = 'worker-one-api-batched-key';
const LEGACY_USER = '27999000791';
const ONE_USER = '27999000792';
// A 1x1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

interface View {
  status: { code: number; api: string; lifecycle: string } | null;
  history: { code: number; api: string }[];
}

describe('end to end: the Worker and One API callbacks', () => {
  // The emulator plays two integrations in-process: a legacy one (body credentials) and a One API one whose
  // callback URLs carry the Worker's token, plus one whose URLs lack it.
  let app: ReturnType<typeof createWorkerGateway>['app'];
  const emulator = createEmulator({
    integrations: [
      {
        name: 'legacy',
        apiKey: env.CLICKATELL_API_KEY,
        statusCallback: 'http://gateway.local/clickatell/status',
        inboundCallback: 'http://gateway.local/clickatell/inbound',
      },
      {
        name: 'one',
        apiKey: ONE_KEY,
        api: 'one',
        moMedia: 'files',
        statusCallback: `http://gateway.local/clickatell/status?token=${CALLBACK_TOKEN}`,
        inboundCallback: `http://gateway.local/clickatell/inbound/${CALLBACK_TOKEN}`,
      },
      {
        // One API's announced batching: all of a message's statuses in one body, repeats included.
        name: 'batched',
        apiKey: BATCHED_KEY,
        api: 'one',
        statusBatch: 'message',
        statusCallback: `http://gateway.local/clickatell/status/${CALLBACK_TOKEN}`,
      },
      {
        name: 'forged',
        apiKey: 'worker-forged-key',
        api: 'one',
        statusCallback: 'http://gateway.local/clickatell/status',
        inboundCallback: 'http://gateway.local/clickatell/inbound',
      },
    ],
    callbackUsername: CALLBACK.username,
    callbackPassword: CALLBACK.password,
    firstStatusMs: 0,
    stepMs: 5,
    jitterMs: 10,
    inboundDelayMs: 0,
    duplicateRate: 0.3,
    seed: 13,
    // The forged integration's callbacks are refused: retried quickly, so the emulator is idle soon after.
    retryBackoffMs: [10, 10, 10],
    fetch: async (input, init) => app.fetch(new Request(input, init), env),
  });
  app = createWorkerGateway(env, { fetch: (input, init) => emulator.fetch(input, init) }).app;
  afterAll(() => emulator.close());

  const request = async <T>(path: string, init?: RequestInit) =>
    (await app.fetch(new Request(`http://gateway.local${path}`, init), env)).json<T>();
  const userWrites = async (body: Record<string, unknown>) => {
    const response = await emulator.fetch('/_emulator/inbound', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    return (await response.json<{ messageId: string }>()).messageId;
  };

  it('stores One API statuses and user messages beside legacy ones, and nothing without the token', async () => {
    const legacy = await request<{ results: { messageId: string }[] }>(
      '/api/messages',
      api('POST', {
        messages: [{ to: LEGACY_USER, hsm: { template: 'payment_alert', parameters: { 1: '$1', 2: '1' } } }],
      }),
    );
    const one = createClient({
      api: 'one',
      apiKey: ONE_KEY,
      baseUrl: 'http://emulator.local',
      fetch: emulator.fetch,
    });
    const [sent] = await one.send([text(ONE_USER, 'Your order has shipped')]);
    expect(sent?.outcome).toBe('accepted');
    const batched = createClient({
      api: 'one',
      apiKey: BATCHED_KEY,
      baseUrl: 'http://emulator.local',
      fetch: emulator.fetch,
    });
    const batchedSent = await batched.send([text(ONE_USER, 'Batched one'), text(ONE_USER, 'Batched two')]);
    expect(batchedSent.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    const forged = createClient({
      api: 'one',
      apiKey: 'worker-forged-key',
      baseUrl: 'http://emulator.local',
      fetch: emulator.fetch,
    });
    const [forgedSent] = await forged.send([text(ONE_USER, 'Never stored')]);
    const replyId = await userWrites({
      integration: 'one',
      from: ONE_USER,
      content: 'Thanks!',
      profileName: 'Thandi',
    });
    const photoId = await userWrites({
      integration: 'one',
      from: ONE_USER,
      contentType: 'image/png',
      content: PNG,
    });
    const inlineId = await userWrites({
      integration: 'one',
      from: ONE_USER,
      contentType: 'image/png',
      content: PNG,
      mediaForm: 'inline',
    });
    await emulator.idle();

    const legacyView = await request<View>(`/api/messages/${legacy.results[0]!.messageId}`, api('GET'));
    expect(legacyView.status).toMatchObject({ code: 27, api: 'wa', lifecycle: 'read' });
    const oneView = await request<View>(`/api/messages/${sent!.messageId}`, api('GET'));
    expect(oneView.status).toMatchObject({ code: 6, api: 'one', lifecycle: 'read' });
    expect(oneView.history.every((h) => h.api === 'one')).toBe(true);
    // Several statuses a body: each stored once, the message READ, its history each status once.
    for (const r of batchedSent) {
      const view = await request<View>(`/api/messages/${r.messageId}`, api('GET'));
      expect(view.status).toMatchObject({ code: 6, api: 'one', lifecycle: 'read' });
      expect(view.history.map((h) => h.code)).toEqual([2, 4, 5, 6]);
    }
    const missing = await app.fetch(
      new Request(`http://gateway.local/api/messages/${forgedSent!.messageId}`, api('GET')),
      env,
    );
    expect(missing.status).toBe(404);

    const thread = await request<{ items: Record<string, unknown>[] }>(
      `/api/conversations/${ONE_USER}`,
      api('GET'),
    );
    const inbound = thread.items.filter((i) => i.direction === 'inbound');
    expect(inbound.map((i) => i.messageId).sort()).toEqual([replyId, photoId, inlineId].sort());
    expect(inbound.find((i) => i.messageId === replyId)).toMatchObject({
      api: 'one',
      content: 'Thanks!',
      profileName: 'Thandi',
    });
    expect(inbound.find((i) => i.messageId === photoId)).toMatchObject({
      api: 'one',
      type: 'media',
      media: null,
      files: [expect.objectContaining({ contentType: 'image/png' })],
    });
    const inline = inbound.find((i) => i.messageId === inlineId) as { media: { url: string } };
    const bytes = await app.fetch(new Request(`http://gateway.local${inline.media.url}`, api('GET')), env);
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(
      Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0)),
    );
  });
});
