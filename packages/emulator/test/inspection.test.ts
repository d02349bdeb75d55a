import { describe, expect, it } from 'vitest';
import { createEmulator, type MessageRecord } from '../src/index.ts';
import { closeAfterEach } from './helpers/close-after-each.ts';
import { call, FAST, inspect, send } from './helpers/send.ts';

const track = closeAfterEach();

type Stats = {
  requests: number;
  messages: { accepted: number; rejected: number };
  errorCodes: Record<string, number>;
  acceptedByClientMessageId: Record<string, number>;
  acceptedByRecipient: Record<string, number>;
  repeatedClientMessageIds: string[];
  history: { limit: number; evicted: number };
  callbacks: { pending: number };
};

describe('inspection endpoints', () => {
  it('list, filter and fetch what was accepted, with a payload summary', async () => {
    const emulator = track(createEmulator({ ...FAST }));
    const answer = await send(emulator, {
      messages: [
        { to: '27999000001', content: 'Hello there', clientMessageId: 'a', previewFirstUrl: false },
        {
          to: '27999000002',
          hsm: { template: 'payment_alert', parameters: { '1': '$150', '2': '1234' } },
          clientMessageId: 'b',
        },
        {
          to: '27999000002',
          contentType: 'image/png',
          content: Buffer.from('\x89PNG\r\n\x1a\n1234', 'latin1').toString('base64'),
          caption: 'pic',
        },
      ],
    });
    const { messages } = await inspect<{ messages: MessageRecord[] }>(emulator, '/_emulator/messages');
    expect(messages.map((m) => m.summary)).toEqual([
      { kind: 'text', content: 'Hello there', previewFirstUrl: false, encrypted: false },
      {
        kind: 'template',
        template: 'payment_alert',
        parameters: { '1': '$150', '2': '1234' },
        rendered: 'Alert: Payment of $150 was posted to your account ending in: 1234',
        encrypted: false,
      },
      {
        kind: 'media',
        contentType: 'image/png',
        bytes: 12,
        caption: 'pic',
        sha256Hash: null,
        encrypted: false,
      },
    ]);
    const byTo = await inspect<{ messages: MessageRecord[] }>(emulator, '/_emulator/messages?to=27999000002');
    expect(byTo.messages).toHaveLength(2);
    const byClient = await inspect<{ messages: MessageRecord[] }>(
      emulator,
      '/_emulator/messages?clientMessageId=b',
    );
    expect(byClient.messages.map((m) => m.messageId)).toEqual([answer.body.messages[1]!.messageId]);
    expect(
      (await inspect<{ messages: MessageRecord[] }>(emulator, '/_emulator/messages?limit=1')).messages,
    ).toHaveLength(1);
    const one = await inspect<MessageRecord>(
      emulator,
      `/_emulator/messages/${answer.body.messages[0]!.messageId}`,
    );
    expect(one).toMatchObject({
      clientMessageId: 'a',
      to: '27999000001',
      kind: 'text',
      integration: { id: emulator.integrations[0]!.id },
    });
    expect((await call(emulator, '/_emulator/messages/0000')).status).toBe(404);
  });

  it('stats count accepted messages per clientMessageId and recipient, so a double send shows', async () => {
    const emulator = track(createEmulator({ ...FAST }));
    await send(emulator, {
      messages: [
        { to: '27999000001', content: 'x', clientMessageId: 'once' },
        { to: '27999000001', content: '' },
      ],
    });
    await send(emulator, { messages: [{ to: '27999000002', content: 'x', clientMessageId: 'twice' }] });
    await send(emulator, { messages: [{ to: '27999000002', content: 'x', clientMessageId: 'twice' }] });
    await send(emulator, { messages: [] });
    const stats = await inspect<Stats>(emulator, '/_emulator/stats');
    expect(stats).toMatchObject({
      requests: 4,
      messages: { accepted: 3, rejected: 1 },
      errorCodes: { '100': 1, '102': 1 },
      acceptedByClientMessageId: { once: 1, twice: 2 },
      acceptedByRecipient: { '27999000001': 1, '27999000002': 2 },
      repeatedClientMessageIds: ['twice'],
    });
  });

  it('DELETE /_emulator/messages resets history, counts and pending callbacks', async () => {
    const emulator = track(
      createEmulator({ ...FAST, firstStatusMs: 60_000, statusCallback: 'http://127.0.0.1:9/never' }),
    );
    await send(emulator, { messages: [{ to: '27999000001', content: 'x', clientMessageId: 'a' }] });
    expect((await inspect<Stats>(emulator, '/_emulator/stats')).callbacks.pending).toBe(4);
    const reset = await call(emulator, '/_emulator/messages', { method: 'DELETE' });
    expect(await reset.json()).toEqual({ reset: true });
    const stats = await inspect<Stats>(emulator, '/_emulator/stats');
    expect(stats).toMatchObject({
      requests: 0,
      messages: { accepted: 0 },
      acceptedByClientMessageId: {},
      callbacks: { pending: 0 },
    });
    expect((await inspect<{ messages: unknown[] }>(emulator, '/_emulator/messages')).messages).toEqual([]);
    await emulator.idle();
  });

  it('history is bounded: the oldest records go first', async () => {
    const emulator = track(createEmulator({ ...FAST, historyLimit: 3 }));
    for (let i = 0; i < 5; i++) await send(emulator, { messages: [{ to: `2799900000${i}`, content: 'x' }] });
    const { messages } = await inspect<{ messages: MessageRecord[] }>(emulator, '/_emulator/messages');
    expect(messages.map((m) => m.to)).toEqual(['27999000002', '27999000003', '27999000004']);
    expect((await inspect<Stats>(emulator, '/_emulator/stats')).history).toEqual({ limit: 3, evicted: 2 });
  });

  it('health lists the integrations and their APIs without their keys; unknown routes are JSON 404s', async () => {
    const emulator = track(
      createEmulator({
        integrations: [
          { name: 'legacy', apiKey: 'secret' },
          { name: 'one', apiKey: 'secret-too', api: 'one' },
        ],
      }),
    );
    const health = await inspect<{ ok: boolean; integrations: Record<string, unknown>[] }>(
      emulator,
      '/_emulator/health',
    );
    expect(health.ok).toBe(true);
    expect(health.integrations.map((i) => [i.name, i.api])).toEqual([
      ['legacy', 'wa'],
      ['one', 'one'],
    ]);
    expect(JSON.stringify(health)).not.toContain('secret');
    const missing = await call(emulator, '/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'No route GET /nope' });
  });

  it('emulator.fetch also works as a fetch replacement: (url, init)', async () => {
    const emulator = track(createEmulator({ ...FAST }));
    const response = await emulator.fetch('http://emulator.local/wa/messages', {
      method: 'POST',
      headers: { authorization: 'local-dev-key' },
      body: JSON.stringify({ messages: [{ to: '27999000001', content: 'x' }] }),
    });
    expect(response.status).toBe(202);
    expect((await emulator.fetch('/_emulator/health')).status).toBe(200);
  });
});
