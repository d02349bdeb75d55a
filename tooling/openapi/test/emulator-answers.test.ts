import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningEmulator, serveEmulator } from '@clickwa/emulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/read-samples.ts';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver.ts';
import { documentValidator } from './document-validator.ts';

// The emulator's answers and callbacks, over real HTTP, against the committed documents: what a client or a
// receiver built from the documents would be given.
const load = (name: string) =>
  documentValidator(JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'openapi', name), 'utf8')));
const wa = load('clickatell-whatsapp.json');
const one = load('clickatell-one-api.json');

const WA_KEY = 'wa-key';
const ONE_KEY = 'one-key';
const USER = '27999000001';

let receiver: CallbackReceiver;
let emulator: RunningEmulator;

beforeAll(async () => {
  receiver = await startCallbackReceiver();
  emulator = await serveEmulator({
    port: 0,
    seed: 7,
    firstStatusMs: 5,
    stepMs: 5,
    jitterMs: 0,
    inboundDelayMs: 5,
    duplicateRate: 0,
    integrations: [
      {
        name: 'wa',
        apiKey: WA_KEY,
        statusCallback: `${receiver.url}/wa/status`,
        inboundCallback: `${receiver.url}/wa/inbound`,
      },
      {
        name: 'one',
        apiKey: ONE_KEY,
        api: 'one',
        statusCallback: `${receiver.url}/one/status`,
        inboundCallback: `${receiver.url}/one/inbound`,
      },
    ],
  });
});
afterAll(async () => {
  await emulator?.close();
  await receiver?.close();
});

async function call(method: string, path: string, key: string | null, body?: unknown) {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { ...(key === null ? {} : { authorization: key }), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const text = (to: string) => ({ to, content: 'Hello', clientMessageId: `c-${to}` });

describe('the emulator against the Clickatell WhatsApp document', () => {
  it.each([
    [
      'a text and a template',
      WA_KEY,
      {
        messages: [
          text(USER),
          { to: USER, hsm: { template: 'payment_alert', parameters: { 1: '$1', 2: '12' } } },
        ],
      },
    ],
    ['a message to a bad number', WA_KEY, { messages: [text('12')] }],
    ['an empty request', WA_KEY, { messages: [] }],
    ['a wrong key', 'no-such-key', { messages: [text(USER)] }],
  ])('answers %s as the document says', async (_, key, body) => {
    expect(wa.request('post', '/wa/messages')(body)).toBeNull();
    const answer = await call('POST', '/wa/messages', key, body);
    expect(answer.status).toBe(202);
    expect(wa.response('post', '/wa/messages', answer.status)(answer.body)).toBeNull();
  });

  it('calls back statuses and user messages as the webhooks say', async () => {
    await call('POST', '/wa/messages', WA_KEY, { messages: [text(USER)] });
    await call('POST', '/_emulator/inbound', null, { integration: 'wa', from: USER, content: 'Hi' });
    await call('POST', '/_emulator/inbound', null, {
      integration: 'wa',
      from: USER,
      latitude: -33.9,
      longitude: 18.4,
    });
    const statuses = await receiver.waitFor('/wa/status', 2);
    const inbound = await receiver.waitFor('/wa/inbound', 2);
    for (const s of statuses) expect(wa.webhook('messageStatus')(s.body)).toBeNull();
    for (const m of inbound) expect(wa.webhook('receiveMessage')(m.body)).toBeNull();
  });
});

describe('the emulator against the One API document', () => {
  const whatsapp = (to: string) => ({ channel: 'whatsapp', ...text(to) });

  it.each([
    ['one text', ONE_KEY, { messages: [whatsapp(USER)] }, 202],
    ['an accepted and a refused message', ONE_KEY, { messages: [whatsapp(USER), whatsapp('12')] }, 207],
    ['one refused message', ONE_KEY, { messages: [whatsapp('12')] }, 400],
    ['a wrong key', 'no-such-key', { messages: [whatsapp(USER)] }, 401],
  ])('answers %s as the document says', async (_, key, body, status) => {
    expect(one.request('post', '/v1/message')(body)).toBeNull();
    const answer = await call('POST', '/v1/message', key, body);
    expect(answer.status).toBe(status);
    expect(one.response('post', '/v1/message', answer.status)(answer.body)).toBeNull();
  });

  it('answers malformed JSON with a documented 400', async () => {
    const answer = await call('POST', '/v1/message', ONE_KEY, '{');
    expect(answer.status).toBe(400);
    expect(one.response('post', '/v1/message', 400)(answer.body)).toBeNull();
  });

  it('answers the status query, known or not, as the document says', async () => {
    const sent = await call('POST', '/v1/message', ONE_KEY, { messages: [whatsapp(USER)] });
    const id = (sent.body.messages as { apiMessageId: string }[])[0]!.apiMessageId;
    for (const messageId of [id, 'ffffffffffffffffffffffffffffffff']) {
      const answer = await call('GET', `/v1/message/${messageId}`, ONE_KEY);
      expect(answer.status).toBe(200);
      expect(one.response('get', '/v1/message/{omniMessageId}', 200)(answer.body)).toBeNull();
    }
  });

  it('uploads a file and describes it as the document says', async () => {
    const upload = await fetch(`${emulator.url}/v1/media?fileName=a.png&to=${USER}`, {
      method: 'POST',
      headers: { authorization: ONE_KEY, 'content-type': 'image/png' },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    const uploaded = (await upload.json()) as { fileId: string };
    expect(one.response('post', '/v1/media', upload.status)(uploaded)).toBeNull();
    const info = await call('GET', `/v1/media/${encodeURIComponent(uploaded.fileId)}`, ONE_KEY);
    expect(one.response('get', '/v1/media/{fileId}', info.status)(info.body)).toBeNull();
    const download = await fetch(`${emulator.url}/v1/media?fileId=${encodeURIComponent(uploaded.fileId)}`, {
      headers: { authorization: ONE_KEY },
    });
    expect(download.status).toBe(200);
    expect(one.responseTypes('get', '/v1/media', 200)).toEqual(['*/*']);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const missing = await call('GET', '/v1/media/nope.png', ONE_KEY);
    expect(missing.status).toBe(404);
    expect(one.response('get', '/v1/media/{fileId}', 404)(missing.body)).toBeNull();
  });

  it('calls back statuses and user messages as the webhooks say', async () => {
    await call('POST', '/v1/message', ONE_KEY, { messages: [whatsapp(USER)] });
    await call('POST', '/_emulator/inbound', null, { integration: 'one', from: USER, content: 'Hi' });
    await call('POST', '/_emulator/inbound', null, {
      integration: 'one',
      from: USER,
      contentType: 'image/png',
      content: 'iVBORw0KGgo=',
    });
    await call('POST', '/_emulator/inbound', null, {
      integration: 'one',
      from: USER,
      latitude: -33.9,
      longitude: 18.4,
    });
    const statuses = await receiver.waitFor('/one/status', 3);
    const inbound = await receiver.waitFor('/one/inbound', 3);
    for (const s of statuses) expect(one.webhook('messageStatus')(s.body)).toBeNull();
    for (const m of inbound) expect(one.webhook('receiveMessage')(m.body)).toBeNull();
    const kinds = inbound.map((m) => Object.keys((m.body as { event: object }).event)[0]).sort();
    expect(kinds).toEqual(['moLocation', 'moMedia', 'moText']);
  });

  it('answers the read notification as the document says', async () => {
    const answer = await call('POST', '/v1/notification', ONE_KEY, {
      messages: [{ channel: 'whatsapp', messageId: 'not-a-user-message', statusCode: 1001 }],
    });
    expect(one.request('post', '/v1/notification')({ messages: [{ messageId: 'x' }] })).toBeNull();
    expect(one.response('post', '/v1/notification', answer.status)(answer.body)).toBeNull();
  });
});
