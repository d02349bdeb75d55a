import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { apiKeySecret, type HandOffMessage, readIntegrations } from '@clickwa/webhook';
import { describe, expect, it, vi } from 'vitest';
import { consumeEvents } from '../src/consume-events.ts';
import { createWorkerGateway } from '../src/gateway.ts';
import worker from '../src/index.ts';
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
    }).app;
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
    ).app;
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
  const recordingQueue = (fail = () => false) => {
    const sent: [HandOffMessage, unknown][][] = [];
    const queue = {
      sendBatch: async (batch: { body: HandOffMessage; contentType: unknown }[]) => {
        if (fail()) throw new Error('Queue unavailable');
        sent.push(batch.map((m) => [m.body, { contentType: m.contentType }]));
      },
    } as unknown as Queue;
    return { sent, queue };
  };
  const post = async (
    app: { fetch: (r: Request, e: Env, c: ExecutionContext) => Response | Promise<Response> },
    path: string,
    body: Record<string, unknown>,
  ) => {
    const ctx = createExecutionContext();
    const response = await app.fetch(new Request(`http://g${path}`, callback(body)), env, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  };

  it('hands each new event to the queue after the answer, as JSON, once', async () => {
    const { sent, queue } = recordingQueue();
    const { app } = createWorkerGateway({ ...env, EVENTS: queue });
    const body = { ...status, messageId: crypto.randomUUID().replaceAll('-', '') };
    for (let i = 0; i < 2; i++) expect((await post(app, '/clickatell/status', body)).status).toBe(200);
    expect(sent.flat().filter(([m]) => m.messageId === body.messageId)).toEqual([
      [
        expect.objectContaining({ kind: 'status', messageId: body.messageId, statusCode: 4 }),
        { contentType: 'json' },
      ],
    ]);
  });

  it('hands on an event too large for a queue message (counted in UTF-8 bytes) as a reference, readable by key', async () => {
    const { sent, queue } = recordingQueue();
    const { app } = createWorkerGateway({ ...env, EVENTS: queue });
    const messageId = crypto.randomUUID().replaceAll('-', '');
    // 43,000 CJK characters: 43,000 UTF-16 units but 129,000 bytes, past the 128 KB of a Queue message.
    const big = { ...callbackSamples['7.3.1-inbound-text.json'], messageId, future: '漢'.repeat(43_000) };
    expect((await post(app, '/clickatell/inbound', big)).status).toBe(200);
    const key = `message:${messageId}`;
    expect(
      sent
        .flat()
        .map(([m]) => m)
        .filter((m) => m.messageId === messageId),
    ).toEqual([{ kind: 'message', key, messageId, byReference: true }]);
    const event = await app.fetch(
      new Request(`http://g/api/events/${encodeURIComponent(key)}`, api('GET')),
      env,
    );
    expect(await event.json()).toMatchObject({ key, extra: { future: '漢'.repeat(43_000) } });
  });

  it('acknowledges while the Queue is down, and the Cron Trigger hands the event on once it is back', async () => {
    let down = true;
    const { sent, queue } = recordingQueue(() => down);
    const testEnv = { ...env, EVENTS: queue };
    const { app } = createWorkerGateway(testEnv);
    const body = { ...status, messageId: crypto.randomUUID().replaceAll('-', '') };
    expect((await post(app, '/clickatell/status', body)).status).toBe(200);
    const current = await env.DB.prepare('SELECT code FROM message_status WHERE message_id = ?')
      .bind(body.messageId)
      .first();
    expect(current).toEqual({ code: 4 });
    expect(sent.flat().some(([m]) => m.messageId === body.messageId)).toBe(false);
    down = false;
    // Past the lease the failed run left on the entry.
    const controller = createScheduledController({ scheduledTime: Date.now() + 120_000, cron: '* * * * *' });
    const later = Date.now() + 120_000;
    const realNow = Date.now;
    Date.now = () => later;
    try {
      const ctx = createExecutionContext();
      await worker.scheduled(controller, testEnv, ctx);
      await waitOnExecutionContext(ctx);
    } finally {
      Date.now = realNow;
    }
    expect(sent.flat().filter(([m]) => m.messageId === body.messageId)).toHaveLength(1);
  });

  it('has a sample consumer that logs and acknowledges every event', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const events = [
      { kind: 'status', messageId: 'm1', statusCode: 27, status: 'READ' },
      { kind: 'message', messageId: 'm2', from: '27999000001', type: 'text', relatedMessageId: 'm1' },
    ] as unknown as HandOffMessage[];
    const batch = createMessageBatch<HandOffMessage>(
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
