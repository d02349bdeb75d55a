import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { StoredEvent } from '@clickwa/webhook';
import { describe, expect, it, vi } from 'vitest';
import { consumeEvents } from '../src/consume-events.ts';
import { createWorkerGateway } from '../src/gateway.ts';
import { apiKeySecret, readIntegrations } from '../src/integrations.ts';
import { api, callback, callbackSamples } from './helpers.ts';

const status = callbackSamples['7.2.1-status-callback.json']!;
const template = { to: '27999000001', hsm: { template: 'payment_alert', parameters: { 1: '$1', 2: '1' } } };
const answer = (to: string) =>
  Response.json(
    {
      error: null,
      messages: [{ messageId: crypto.randomUUID().replaceAll('-', ''), accepted: true, to, error: null }],
    },
    { status: 202 },
  );

describe('integrations (spec 2.2)', () => {
  it('reads INTEGRATIONS and names the secret of each key', () => {
    expect(readIntegrations('')).toEqual([]);
    expect(readIntegrations('[{"name":" sandbox ","id":"abc"},{"name":"production"}]')).toEqual([
      { name: 'sandbox', id: 'abc' },
      { name: 'production' },
    ]);
    expect(() => readIntegrations('{')).toThrow(/must be JSON/);
    expect(() => readIntegrations('[{"id":"x"}]')).toThrow(/name/);
    expect(apiKeySecret('my-sandbox')).toBe('CLICKATELL_API_KEY_MY_SANDBOX');
  });

  it('refuses callbacks of integrations that are not configured, once ids are', async () => {
    const app = createWorkerGateway({
      ...env,
      INTEGRATIONS: '[{"name":"production","id":"ff8080815f05d5ed015f0b5b56080cd2"}]',
    });
    const post = (body: Record<string, unknown>, path: string) =>
      app.fetch(new Request(`http://g${path}`, callback(body)), env);
    expect((await post(status, '/clickatell/status')).status).toBe(403);
    expect((await post(callbackSamples['7.3.1-inbound-text.json']!, '/clickatell/inbound')).status).toBe(200);
  });

  it('sends with the API key of the chosen integration, and never answers with it', async () => {
    const seen: string[] = [];
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers).get('authorization')!);
      return answer('27999000001');
    });
    const app = createWorkerGateway(
      { ...env, INTEGRATIONS: '[{"name":"sandbox"}]', CLICKATELL_API_KEY_SANDBOX: 'sandbox-key' } as Env,
      { fetch },
    );
    const send = (body: Record<string, unknown>) =>
      app.fetch(new Request('http://g/api/messages', api('POST', body)), env);
    const named = await send({ messages: [template], integration: 'sandbox' });
    expect(named.status).toBe(200);
    expect(await send({ messages: [template] })).toHaveProperty('status', 200);
    expect(seen).toEqual(['sandbox-key', env.CLICKATELL_API_KEY]);
    expect(await (await send({ messages: [template], integration: 'production' })).json()).toMatchObject({
      error: 'No integration named "production" is configured',
    });
    expect(JSON.stringify(await named.json())).not.toContain('sandbox-key');
  });
});

describe('the event queue', () => {
  it('hands each new event to the queue, as JSON', async () => {
    const sent: unknown[] = [];
    const queue = {
      send: async (body: unknown, options: unknown) => void sent.push([body, options]),
    } as unknown as Queue;
    const app = createWorkerGateway({ ...env, EVENTS: queue });
    const body = { ...status, messageId: crypto.randomUUID().replaceAll('-', '') };
    for (let i = 0; i < 2; i++)
      await app.fetch(new Request('http://g/clickatell/status', callback(body)), env);
    expect(sent).toEqual([
      [
        expect.objectContaining({ kind: 'status', messageId: body.messageId, statusCode: 4 }),
        { contentType: 'json' },
      ],
    ]);
  });

  it('hands on an event too large for a queue message as a reference', async () => {
    const sent: unknown[] = [];
    const queue = { send: async (body: unknown) => void sent.push(body) } as unknown as Queue;
    const app = createWorkerGateway({ ...env, EVENTS: queue });
    const messageId = crypto.randomUUID().replaceAll('-', '');
    const big = { ...callbackSamples['7.3.1-inbound-text.json'], messageId, future: 'x'.repeat(130_000) };
    expect((await app.fetch(new Request('http://g/clickatell/inbound', callback(big)), env)).status).toBe(
      200,
    );
    expect(sent).toEqual([{ kind: 'message', key: `message:${messageId}`, messageId, truncated: true }]);
  });

  it('has a sample consumer that logs and acknowledges every event', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const events = [
      { kind: 'status', messageId: 'm1', statusCode: 27, status: 'READ' },
      { kind: 'message', messageId: 'm2', from: '27999000001', type: 'text', relatedMessageId: 'm1' },
    ] as unknown as StoredEvent[];
    const batch = createMessageBatch<StoredEvent>(
      'clickwa-events',
      events.map((body, i) => ({ id: `q${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await consumeEvents(batch);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['q0', 'q1']);
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'status m1: 27 READ',
      'message m2 from 27999000001: text (reply)',
    ]);
    log.mockRestore();
  });
});
