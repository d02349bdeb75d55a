import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createClient } from '@clickwa/core';
import { type RunningEmulator, serveEmulator } from '@clickwa/emulator/node';
import { createGatewayApp, createMemoryStore } from '@clickwa/webhook';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/read-samples.ts';
import { documentValidator } from './document-validator.ts';

// The running gateway (a memory store, over real HTTP, sending to the emulator) against the committed
// document: every answer below must be one the document lists, with the body it describes.
const committed = JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'openapi', 'gateway.json'), 'utf8'));
const doc = documentValidator(committed);

const API_TOKEN = 'gateway-test-token';
const USERNAME = 'clickatell';
const PASSWORD = 'callback-secret';
const TOKEN = 'url-token-secret';
const API_KEY = 'gateway-test-key';
const USER = '27999000001';
const basic = `Basic ${btoa(`${USERNAME}:${PASSWORD}`)}`;

let emulator: RunningEmulator;
let server: Server;
let base: string;

beforeAll(async () => {
  emulator = await serveEmulator({ port: 0, apiKey: API_KEY, seed: 3 });
  const app = createGatewayApp({
    store: createMemoryStore(),
    auth: {
      apiToken: API_TOKEN,
      callbackUsername: USERNAME,
      callbackPassword: PASSWORD,
      callbackTokens: [{ token: TOKEN }],
    },
    client: createClient({ apiKey: API_KEY, baseUrl: emulator.url }),
  });
  server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => {
    server?.close(resolve);
    server?.closeAllConnections();
  });
  await emulator?.close();
});

interface Call {
  readonly method?: string;
  readonly auth?: string | null;
  readonly body?: unknown;
  readonly contentType?: string;
}

/** Calls the gateway and checks the answer against the document's answer for `template` and its status. */
async function check(template: string, path: string, call: Call = {}) {
  const { method = 'GET', auth = `Bearer ${API_TOKEN}`, body, contentType = 'application/json' } = call;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), 'content-type': contentType },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  // A status the document does not list throws here: it is as much a failure as a wrong body.
  expect(doc.response(method, template, response.status)(json)).toBeNull();
  return { status: response.status, body: json };
}

const statusCallback = {
  messageId: 'a1b2c3',
  statusCode: 4,
  status: 'RECEIVED_BY_RECIPIENT',
  timestamp: 1_765_000_000_000,
};
const inboundText = { messageId: 'u-1', from: USER, content: 'Hi', timestamp: 1_765_000_000 };
const oneApiStatus = {
  integrationId: 'i',
  event: {
    messageStatusUpdate: [
      { messageId: 'one-1', statusCode: 5, status: 'DEVICE_ACK', timestamp: 1_765_000_000_000 },
    ],
  },
};

describe('the callback URLs answer as the document says', () => {
  it.each([
    ['a status with HTTP Basic', '/clickatell/status', { auth: basic, body: statusCallback }, 200],
    [
      'a status with body credentials',
      '/clickatell/status',
      { auth: null, body: { ...statusCallback, username: USERNAME, password: PASSWORD } },
      200,
    ],
    ['a One API status', '/clickatell/status', { auth: basic, body: oneApiStatus }, 200],
    ['a user text', '/clickatell/inbound', { auth: basic, body: inboundText }, 200],
    [
      'a body that is no callback, kept in quarantine',
      '/clickatell/inbound',
      { auth: basic, body: '{"nothing":' },
      200,
    ],
    ['no credentials', '/clickatell/status', { auth: null, body: statusCallback }, 401],
    ['wrong credentials', '/clickatell/status', { auth: `Basic ${btoa('x:y')}`, body: statusCallback }, 401],
    [
      'a body that is not JSON',
      '/clickatell/status',
      { auth: basic, body: 'x', contentType: 'text/plain' },
      415,
    ],
  ] as const)('%s', async (_, path, call, status) => {
    const body = typeof call.body === 'string' ? undefined : call.body;
    if (status === 200 && body) {
      expect(doc.request('post', path)(body)).toBeNull();
    }
    expect((await check(path, path, { method: 'POST', ...call })).status).toBe(status);
  });

  it.each([
    ['in the query', '/clickatell/status', `/clickatell/status?token=${TOKEN}`, 200],
    ['as the last path segment', '/clickatell/status/{token}', `/clickatell/status/${TOKEN}`, 200],
    ['of One API, in the path', '/clickatell/status/{token}', `/clickatell/status/${TOKEN}`, 200],
    ['wrong, in the path', '/clickatell/inbound/{token}', '/clickatell/inbound/nope', 401],
    ['wrong, in the query', '/clickatell/inbound', '/clickatell/inbound?token=nope', 401],
  ])('takes a URL token %s', async (name, template, path, status) => {
    const body = name.includes('One API')
      ? oneApiStatus
      : { ...statusCallback, messageId: `t-${status}-${path.length}` };
    const answer = await check(template, path, { method: 'POST', auth: null, body });
    expect(answer.status).toBe(status);
  });
});

describe('the /api routes answer as the document says', () => {
  it('sends, then reads back the message', async () => {
    const request = {
      messages: [{ to: USER, hsm: { template: 'payment_alert', parameters: { 1: '$1', 2: '12' } } }],
    };
    expect(doc.request('post', '/api/messages')(request)).toBeNull();
    const sent = await check('/api/messages', '/api/messages', { method: 'POST', body: request });
    expect(sent.status).toBe(200);
    const [result] = sent.body.results as { messageId: string; clientMessageId: string }[];
    expect((await check('/api/messages/{messageId}', `/api/messages/${result!.messageId}`)).status).toBe(200);
    const found = await check('/api/messages', `/api/messages?clientMessageId=${result!.clientMessageId}`);
    expect(found.body.messages).toHaveLength(1);
  });

  it.each([
    ['a text to a number that never wrote', { messages: [{ to: '27999000002', content: 'Hi' }] }, 409],
    ['no messages', { messages: [] }, 400],
    ['force that is no boolean', { messages: [{ to: USER, content: 'Hi' }], force: 'yes' }, 400],
    ['a body that is not JSON', '{', 400],
    ['an unknown integration', { messages: [{ to: USER, content: 'Hi' }], integration: 'nope' }, 400],
  ])('answers %s', async (_, body, status) => {
    expect((await check('/api/messages', '/api/messages', { method: 'POST', body })).status).toBe(status);
  });

  it.each([
    ['/api/messages/{messageId}', '/api/messages/none', 404],
    ['/api/messages', '/api/messages', 400],
    ['/api/conversations/{msisdn}', `/api/conversations/${USER}?limit=10`, 200],
    ['/api/conversations/{msisdn}', '/api/conversations/not-a-number', 400],
    ['/api/conversations/{msisdn}', `/api/conversations/${USER}?limit=0`, 400],
    ['/api/events/{key}', '/api/events/none', 404],
    ['/api/quarantine', '/api/quarantine', 200],
    ['/api/quarantine', '/api/quarantine?resolved=maybe', 400],
    ['/api/quarantine/{id}', '/api/quarantine/none', 404],
    ['/api/messages/{messageId}/media', '/api/messages/u-1/media', 404],
  ])('GET %s as %s', async (template, path, status) => {
    expect((await check(template, path)).status).toBe(status);
  });

  it('reads back a stored event', async () => {
    const stored = { ...inboundText, messageId: 'u-2' };
    await check('/clickatell/inbound', '/clickatell/inbound', { method: 'POST', auth: basic, body: stored });
    expect((await check('/api/events/{key}', '/api/events/message:u-2')).status).toBe(200);
  });

  it("serves a user's media with its own type", async () => {
    // A 1x1 PNG: the gateway checks the declared type against the bytes.
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const media = {
      messageId: 'u-3',
      from: USER,
      content: png,
      contentType: 'image/png',
      timestamp: 1_765_000_000,
    };
    await check('/clickatell/inbound', '/clickatell/inbound', { method: 'POST', auth: basic, body: media });
    const response = await fetch(`${base}/api/messages/u-3/media`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(doc.responseTypes('get', '/api/messages/{messageId}/media', 200)).toEqual(['*/*']);
  });

  it('lists, shows and retries a quarantined callback', async () => {
    await check('/clickatell/status', '/clickatell/status', { method: 'POST', auth: basic, body: '[1,' });
    const { body } = await check('/api/quarantine', '/api/quarantine');
    const [entry] = body.items as { id: string }[];
    expect(entry).toBeDefined();
    expect((await check('/api/quarantine/{id}', `/api/quarantine/${entry!.id}`)).status).toBe(200);
    const retried = await check('/api/quarantine/{id}/retry', `/api/quarantine/${entry!.id}/retry`, {
      method: 'POST',
    });
    expect(retried.status).toBe(422);
  });

  it('refuses a wrong token with 401', async () => {
    expect(
      (await check('/api/messages/{messageId}', '/api/messages/x', { auth: 'Bearer nope' })).status,
    ).toBe(401);
  });
});

describe('the service routes', () => {
  it('serves its health', async () => {
    expect((await check('/healthz', '/healthz', { auth: null })).status).toBe(200);
  });

  it('serves the committed document at /openapi.json, without auth', async () => {
    const served = await check('/openapi.json', '/openapi.json', { auth: null });
    expect(served.status).toBe(200);
    expect(served.body).toEqual(committed);
  });
});
