import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, API_TOKEN, api, CALLBACK, callback, testGateway } from '../../test/gateway.ts';
import { createGatewayApp } from '../create-gateway-app.ts';
import { createMemoryStore } from '../memory-store.ts';

const USER = '27999000001';
const template = (to = USER) => ({
  to,
  hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } },
});
const gateways: ReturnType<typeof testGateway>[] = [];
const gateway = (...args: Parameters<typeof testGateway>) => {
  const g = testGateway(...args);
  gateways.push(g);
  return g;
};
afterEach(() => {
  for (const g of gateways.splice(0)) g.emulator.close();
});

async function userWrites(g: ReturnType<typeof testGateway>, body: Record<string, unknown>): Promise<string> {
  const response = await g.emulator.fetch('/_emulator/inbound', {
    method: 'POST',
    body: JSON.stringify({ from: USER, ...body }),
  });
  const { messageId } = await response.json();
  await g.emulator.idle();
  return messageId;
}

describe('/api', () => {
  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer nope' }],
    ['a Basic header', { authorization: `Basic ${btoa(`x:${API_TOKEN}`)}` }],
  ])('refuses %s with 401', async (_, headers) => {
    const { app } = gateway();
    for (const path of ['/api/messages/x', '/api/conversations/27999000001', '/api/nowhere']) {
      const response = await app.request(path, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('is closed when no API token is configured', async () => {
    const app = createGatewayApp({ store: createMemoryStore(), auth: {} });
    const response = await app.request('/api/messages/x', { headers: { authorization: 'Bearer ' } });
    expect(response.status).toBe(401);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('sends a template, records it, and joins the status callbacks to it in logical order', async () => {
    const g = gateway();
    const response = await g.app.request('/api/messages', api('POST', { messages: [template()] }));
    expect(response.status).toBe(200);
    const { results } = await response.json();
    expect(results).toEqual([
      expect.objectContaining({ outcome: 'accepted', accepted: true, to: USER, index: 0 }),
    ]);
    await g.emulator.idle();
    const view = await (await g.app.request(`/api/messages/${results[0].messageId}`, api('GET'))).json();
    expect(view).toMatchObject({
      messageId: results[0].messageId,
      clientMessageId: results[0].clientMessageId,
      to: USER,
      status: { code: 27, status: 'READ' },
      sent: { kind: 'template', template: 'payment_alert', outcome: 'accepted', error: null },
    });
    expect(view.history.map((h: { code: number }) => h.code)).toEqual([2, 3, 4, 27]);
    const byClient = await (
      await g.app.request(`/api/messages?clientMessageId=${results[0].clientMessageId}`, api('GET'))
    ).json();
    expect(byClient.messages.map((m: { messageId: string }) => m.messageId)).toEqual([results[0].messageId]);
    const all = JSON.stringify([results, view, byClient]);
    expect(all).not.toContain(API_KEY);
    expect(all).not.toContain(CALLBACK.password);
  });

  it('records rejected messages with their error', async () => {
    const g = gateway();
    const { results } = await (
      await g.app.request('/api/messages', api('POST', { messages: [template('0821234567')] }))
    ).json();
    expect(results[0]).toMatchObject({ outcome: 'rejected', error: { code: 150 } });
    const found = await (
      await g.app.request(`/api/messages?clientMessageId=${results[0].clientMessageId}`, api('GET'))
    ).json();
    expect(found.messages[0]).toMatchObject({
      messageId: null,
      sent: { outcome: 'rejected', error: { code: 150 } },
    });
  });

  it('refuses freeform messages outside the care window with 409 and sends nothing', async () => {
    const g = gateway();
    const response = await g.app.request(
      '/api/messages',
      api('POST', { messages: [template(), { to: USER, content: 'Hi' }] }),
    );
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.error).toMatch(/template/);
    expect(body.messages).toEqual([{ index: 1, to: USER, kind: 'text', lastInboundAt: null }]);
    expect(g.sent()).toBe(0);
    const forced = await g.app.request(
      '/api/messages',
      api('POST', { messages: [{ to: USER, content: 'Hi' }], force: true }),
    );
    expect(forced.status).toBe(200);
  });

  it('allows freeform messages within 24 hours of the user writing, and not after', async () => {
    let now = Date.now();
    const g = gateway({ now: () => now });
    await userWrites(g, { content: 'Hello business' });
    const text = { messages: [{ to: `+${USER}`, content: 'Hello user' }] };
    expect((await g.app.request('/api/messages', api('POST', text))).status).toBe(200);
    now += 24 * 3_600_000 + 60_000;
    expect((await g.app.request('/api/messages', api('POST', text))).status).toBe(409);
  });

  it('threads a conversation both ways and links a reply to the message it answers', async () => {
    const g = gateway();
    await userWrites(g, { content: 'Hello business' });
    const { results } = await (
      await g.app.request(
        '/api/messages',
        api('POST', { messages: [{ to: USER, content: 'How can we help?' }] }),
      )
    ).json();
    await g.emulator.idle();
    await userWrites(g, { content: 'Thanks!', relatedMessageId: results[0].messageId });
    const thread = await (await g.app.request(`/api/conversations/${USER}`, api('GET'))).json();
    expect(thread.items.map((i: { direction: string }) => i.direction)).toEqual([
      'inbound',
      'outbound',
      'inbound',
    ]);
    expect(thread.items[1]).toMatchObject({ content: 'How can we help?', status: { code: 27 } });
    expect(thread.items[2]).toMatchObject({
      content: 'Thanks!',
      inReplyTo: { messageId: results[0].messageId, clientMessageId: results[0].clientMessageId },
    });
  });

  it('answers 400 for bad bodies, unknown integrations and numbers', async () => {
    const { app } = gateway();
    for (const body of [{}, { messages: [] }, { messages: 'x' }, { messages: [template()], force: 'yes' }]) {
      expect((await app.request('/api/messages', api('POST', body))).status).toBe(400);
    }
    const unknown = await app.request(
      '/api/messages',
      api('POST', { messages: [template()], integration: 'nope' }),
    );
    expect(unknown.status).toBe(400);
    expect((await app.request('/api/conversations/0821234567', api('GET'))).status).toBe(400);
    expect((await app.request('/api/messages', api('GET'))).status).toBe(400);
    expect((await app.request('/api/messages/x/media', api('GET'))).status).toBe(404);
    expect((await app.request('/api/events/nope', api('GET'))).status).toBe(404);
    expect((await app.request('/api/messages/unknown', api('GET'))).status).toBe(404);
  });

  it('checks the care window in one read and records every result in one write', async () => {
    const g = gateway();
    const lastInboundAt = vi.spyOn(g.store, 'lastInboundAt');
    const recordOutbound = vi.spyOn(g.store, 'recordOutbound');
    const { app } = g;
    const messages = Array.from({ length: 30 }, (_, i) => ({
      to: `2799900${String(i).padStart(4, '0')}`,
      content: 'Hi',
    }));
    const refused = await app.request('/api/messages', api('POST', { messages }));
    expect(refused.status).toBe(409);
    expect(lastInboundAt).toHaveBeenCalledTimes(1);
    expect(lastInboundAt.mock.calls[0]![0]).toHaveLength(30);
    const sent = await app.request('/api/messages', api('POST', { messages, force: true }));
    expect(sent.status).toBe(200);
    expect(recordOutbound).toHaveBeenCalledTimes(1);
    expect(recordOutbound.mock.calls[0]![0]).toHaveLength(30);
  });

  it('refuses more messages than the cap with 413, naming the cap, and sends nothing', async () => {
    const g = gateway({ limits: { maxMessagesPerRequest: 3 } });
    const response = await g.app.request(
      '/api/messages',
      api('POST', { messages: [template(), template(), template(), template()] }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      maxMessagesPerRequest: 3,
      error: expect.stringContaining('3'),
    });
    expect(g.sent()).toBe(0);
  });

  it('picks the client of the named integration', async () => {
    const sandbox = { send: vi.fn(async () => []) };
    const app = createGatewayApp({
      store: createMemoryStore(),
      auth: { apiToken: API_TOKEN },
      client: (name) => (name === 'sandbox' ? sandbox : undefined),
    });
    const response = await app.request(
      '/api/messages',
      api('POST', { messages: [template()], integration: 'sandbox', force: true }),
    );
    expect(response.status).toBe(200);
    expect(sandbox.send).toHaveBeenCalledOnce();
    expect((await app.request('/api/messages', api('POST', { messages: [template()] }))).status).toBe(503);
  });

  it('answers 200 with recorded: false when recording fails after sending', async () => {
    const g = gateway();
    const onError = vi.fn();
    const app = createGatewayApp({
      store: { ...g.store, recordOutbound: () => Promise.reject(new Error('down')) },
      auth: { apiToken: API_TOKEN },
      client: {
        send: async () => [
          { index: 0, clientMessageId: 'c', to: USER, outcome: 'accepted', accepted: true, messageId: 'm' },
        ],
      },
      onError,
    });
    const response = await app.request('/api/messages', api('POST', { messages: [template()] }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ recorded: false });
    expect(onError).toHaveBeenCalledWith(expect.any(Error), { route: 'POST /api/messages', stage: 'record' });
  });

  it('answers 503 when storage fails on a read', async () => {
    const app = createGatewayApp({
      store: { ...createMemoryStore(), getMessage: () => Promise.reject(new Error('down')) },
      auth: { apiToken: API_TOKEN },
    });
    expect((await app.request('/api/messages/abc', api('GET'))).status).toBe(503);
  });

  it('serves stored media with safe headers', async () => {
    const g = gateway();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const content = btoa(String.fromCharCode(...bytes));
    const inbound = {
      integrationId: 'i',
      from: USER,
      messageId: 'm1',
      timestamp: 1509544054,
      contentType: 'image/jpeg',
      content,
    };
    expect((await g.app.request('/clickatell/inbound', callback(inbound))).status).toBe(200);
    const thread = await (await g.app.request(`/api/conversations/${USER}`, api('GET'))).json();
    const media = await g.app.request(thread.items[0].media.url, api('GET'));
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(bytes);
    expect(media.headers.get('content-security-policy')).toContain('sandbox');
  });
});
