import { env } from 'cloudflare:workers';
import { createEmulator, magicNumber } from '@clickwa/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerGateway } from '../src/gateway.ts';
import { api, CALLBACK } from './helpers.ts';

const USER = '27999000777';
// A 1x1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('end to end: the Worker and the emulator', () => {
  // The emulator plays Clickatell in-process: the Worker's client sends to it, its callbacks come back.
  let app: ReturnType<typeof createWorkerGateway>['app'];
  const emulator = createEmulator({
    apiKey: env.CLICKATELL_API_KEY,
    statusCallback: 'http://gateway.local/clickatell/status',
    inboundCallback: 'http://gateway.local/clickatell/inbound',
    callbackUsername: CALLBACK.username,
    callbackPassword: CALLBACK.password,
    firstStatusMs: 0,
    stepMs: 5,
    jitterMs: 10,
    inboundDelayMs: 0,
    duplicateRate: 0.3,
    seed: 5,
    fetch: async (input, init) => app.fetch(new Request(input, init), env),
  });
  app = createWorkerGateway(env, { fetch: (input, init) => emulator.fetch(input, init) }).app;
  afterAll(() => emulator.close());

  const request = async (path: string, init?: RequestInit) =>
    app.fetch(new Request(`http://gateway.local${path}`, init), env);
  const userWrites = async (body: Record<string, unknown>) => {
    const response = await emulator.fetch('/_emulator/inbound', {
      method: 'POST',
      body: JSON.stringify({ from: USER, ...body }),
    });
    expect(response.status).toBe(202);
    await emulator.idle();
  };

  it('sends text, template and media through /api/messages, and the statuses and a reply flow back', async () => {
    await userWrites({ content: 'Hi, I need help' }); // opens the care window
    const messages = [
      { to: USER, content: 'Hello! How can we help?' },
      { to: USER, hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } } },
      { to: USER, contentType: 'image/png', content: PNG, caption: 'Your receipt' },
      { to: magicNumber.status(28), hsm: { template: 'payment_alert', parameters: { 1: '$1', 2: '1' } } },
    ];
    const response = await request('/api/messages', api('POST', { messages }));
    expect(response.status).toBe(200);
    const { results } = await response.json<{ results: { messageId: string; outcome: string }[] }>();
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    await emulator.idle();

    for (const [i, r] of results.entries()) {
      const view = await (await request(`/api/messages/${r.messageId}`, api('GET'))).json<
        Record<string, unknown>
      >();
      const codes = (view.history as { code: number }[]).map((h) => h.code);
      if (i === 3) {
        expect(view.status).toMatchObject({ code: 28, status: 'UNKNOWN_USER' });
        expect(codes.at(-1)).toBe(28);
      } else {
        expect(view.status).toMatchObject({ code: 27, status: 'READ' });
        expect(codes).toEqual([2, 3, 4, 27]);
      }
    }

    await userWrites({ content: 'Thanks, got it', relatedMessageId: results[0]!.messageId });
    const thread = await (await request(`/api/conversations/${USER}`, api('GET'))).json<{
      items: Record<string, unknown>[];
    }>();
    expect(thread.items.map((i) => `${i.direction}:${i.content ?? i.template ?? i.kind}`)).toEqual([
      'inbound:Hi, I need help',
      'outbound:Hello! How can we help?',
      'outbound:payment_alert',
      'outbound:media',
      'inbound:Thanks, got it',
    ]);
    expect(thread.items[4]!.inReplyTo).toMatchObject({ messageId: results[0]!.messageId });
  });

  it('refuses freeform text to a number outside the care window with 409 and sends nothing', async () => {
    const response = await request(
      '/api/messages',
      api('POST', { messages: [{ to: '27999000888', content: 'Hello?' }] }),
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ templateRequired: true });
  });
});
