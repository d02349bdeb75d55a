import { API_ERRORS, LIMITS } from '@clickwa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { magicNumber } from '../src/index.ts';
import { type RunningEmulator, serveEmulator } from '../src/node/index.ts';
import { pngBase64 } from './helpers/media.ts';
import { FAST, send } from './helpers/send.ts';

// Every section-8 code from its real trigger, over real HTTP (the Node runner on 127.0.0.1, port 0).
let platform: RunningEmulator;
beforeAll(async () => {
  platform = await serveEmulator({ port: 0, ...FAST, seed: 1 });
});
afterAll(() => platform.close());

const one = (message: Record<string, unknown>) => ({
  messages: [{ to: '27999000001', content: 'Hi', ...message }],
});
const rejected = (body: { messages: { errorCode: number | null; error: string | null }[] }) =>
  body.messages[0];

describe('request-level codes', () => {
  it('1: missing or wrong API key, HTTP 202', async () => {
    for (const key of [null, 'wrong-key', 'Bearer local-dev-key']) {
      const answer = await send(platform.url, one({}), { key });
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ error: API_ERRORS[1].description, errorCode: 1, messages: [] });
    }
  });

  it('2: integration not active; 3: account not active', async () => {
    const inactive = await serveEmulator({
      port: 0,
      integrations: [{ name: 'off', apiKey: 'k', active: false }],
    });
    const account = await serveEmulator({ port: 0, accountActive: false });
    try {
      expect((await send(inactive.url, one({}), { key: 'k' })).body).toMatchObject({
        errorCode: 2,
        messages: [],
      });
      expect((await send(account.url, one({}), {})).body).toMatchObject({ errorCode: 3, messages: [] });
    } finally {
      await Promise.all([inactive.close(), account.close()]);
    }
  });

  it('7: account IP lockdown answers HTTP 401; 109: integration lockdown names the IP, HTTP 202', async () => {
    const account = await serveEmulator({ port: 0, ipAllowList: ['10.1.2.3'] });
    const integration = await serveEmulator({
      port: 0,
      integrations: [{ name: 'locked', apiKey: 'k', ipAllowList: ['10.1.2.3'] }],
    });
    const allowed = await serveEmulator({ port: 0, ipAllowList: ['127.0.0.1'], ...FAST });
    try {
      const seven = await send(account.url, one({}));
      expect(seven.status).toBe(401);
      expect(seven.body).toMatchObject({ errorCode: 7, error: 'IP lockdown violation' });
      const nine = await send(integration.url, one({}), { key: 'k' });
      expect(nine.status).toBe(202);
      expect(nine.body).toMatchObject({
        errorCode: 109,
        error: 'IP lockdown violation. Requests from 127.0.0.1 is forbidden according to settings',
      });
      expect((await send(allowed.url, one({}))).body.messages[0]?.accepted).toBe(true);
    } finally {
      await Promise.all([account.close(), integration.close(), allowed.close()]);
    }
  });

  it('102: no receivers', async () => {
    for (const body of [{}, { messages: [] }]) {
      expect((await send(platform.url, body)).body).toEqual({
        error: 'Empty receivers list',
        errorCode: 102,
        messages: [],
      });
    }
  });

  it('153: more than 200 messages', async () => {
    const messages = Array.from({ length: LIMITS.maxMessagesPerRequest + 1 }, () => ({
      to: '27999000001',
      content: 'x',
    }));
    expect((await send(platform.url, { messages })).body).toMatchObject({ errorCode: 153, messages: [] });
  });

  it('105: a request over 20 MB', async () => {
    const message = { to: '27999000001', contentType: 'image/png', content: pngBase64(900_000) };
    const answer = await send(platform.url, { messages: Array(17).fill(message) });
    expect(answer.body).toMatchObject({ errorCode: 105, messages: [] });
  });

  it('105: a chunked request over the cap, refused while it streams (never read whole)', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1_000_000).fill(32);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far past the cap if read whole (the cap is 50 MB); the refusal stops the reading well before.
        if (pulled++ < 200) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${platform.url}/wa/messages`, {
      method: 'POST',
      headers: { authorization: 'local-dev-key', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ errorCode: 105, messages: [] });
    expect(pulled).toBeLessThan(200);
  });

  it.each([
    ['an array nested 100,000 deep as messages', `{"messages":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    [
      'a message with a field nested 100,000 deep',
      `{"messages":[{"to":"27999000001","content":"x","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`,
    ],
  ])('400 (never 500) for %s', async (_, body) => {
    const answer = await send(platform.url, body);
    expect(answer.status).toBe(400);
  });

  it('900: a field of the wrong type the core reports without a code (documented mapping)', async () => {
    expect(
      (await send(platform.url, { messages: [{ to: '27999000001', content: 'x' }], encryptionKey: 42 })).body,
    ).toMatchObject({
      errorCode: 900,
      error: 'Internal error',
    });
  });

  it('malformed JSON: HTTP 400 with a JSON error in the wire shape', async () => {
    const answer = await send(platform.url, '{"messages": [');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errorCode: null, messages: [] });
    expect(answer.body.error).toMatch(/Malformed JSON/);
  });
});

describe('message-level codes', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString(
    'base64',
  );
  it.each([
    ['100 empty text', { content: '' }, 100, 'Empty message content'],
    ['100 empty media', { contentType: 'image/png', content: '' }, 100, 'Empty message content'],
    ['101 text over 4096', { content: 'a'.repeat(4097) }, 101, 'Message content is too long'],
    [
      '103 unsupported type',
      { contentType: 'image/gif', content: jpeg },
      103,
      'Content type for media file is not supported',
    ],
    [
      '103 video',
      { contentType: 'video/mp4', content: jpeg },
      103,
      'Content type for media file is not supported',
    ],
    [
      '104 media over 1 MB',
      { contentType: 'image/png', content: pngBase64(1_000_001) },
      104,
      'WhatsApp media file is too big',
    ],
    [
      '106 unknown template',
      { content: undefined, hsm: { template: 'nope', parameters: {} } },
      106,
      'HSM is incorrect',
    ],
    [
      '106 wrong parameter count',
      { content: undefined, hsm: { template: 'payment_alert', parameters: { '1': '$150' } } },
      106,
      'HSM is incorrect',
    ],
    [
      '150 national number',
      { to: '0821234567' },
      150,
      'Invalid country code found for the input phone: 0821234567',
    ],
    [
      '150 unknown country',
      { to: '9991234567' },
      150,
      'Invalid country code found for the input phone: 9991234567',
    ],
    ['151 too long', { to: '2799900000000001' }, 151, 'Too long input phone: 2799900000000001'],
    ['152 too short', { to: '27999' }, 152, 'Too short input phone: 27999'],
    ['158 not a phone', { to: '27-abc' }, 158, 'Invalid destination address'],
    ['158 no to', { to: undefined }, 158, 'Invalid destination address'],
    ['900 clientMessageId not a string', { clientMessageId: 7 }, 900, 'Internal error'],
  ])('%s', async (_, message, code, error) => {
    const answer = await send(platform.url, one(message));
    expect(answer.status).toBe(202);
    expect(answer.body.error).toBeNull();
    expect(answer.body.messages).toHaveLength(1);
    expect(answer.body.messages[0]).toMatchObject({
      messageId: null,
      accepted: false,
      errorCode: code,
      error,
    });
  });

  // 159, 160 and 161 have no trigger a local platform can know of (WhatsApp's registry, a sandbox number's
  // account, a missing resource): the magic `279998` numbers make them, documented in the README.
  it.each([159, 160, 161])('%i via its magic number', async (code) => {
    const to = magicNumber.reject(code);
    const answer = await send(platform.url, one({ to }));
    expect(rejected(answer.body)).toMatchObject({
      errorCode: code,
      error: API_ERRORS[code as 159].description.replace('%s', to),
    });
  });

  it('a mixed batch accepts the good messages and answers each bad one in place, in order', async () => {
    const answer = await send(platform.url, {
      messages: [
        { to: '+27 99 900-0001', content: 'ok', clientMessageId: 'a' },
        { to: '27999000002', content: '', clientMessageId: 'b' },
        {
          to: '27999000003',
          hsm: { template: 'payment_alert', parameters: { '1': '$150', '2': '1234' } },
          clientMessageId: 'c',
        },
      ],
    });
    expect(answer.body.error).toBeNull();
    expect(answer.body.messages.map((m) => [m.clientMessageId, m.accepted, m.errorCode, m.to])).toEqual([
      ['a', true, null, '27999000001'],
      ['b', false, 100, '27999000002'],
      ['c', true, null, '27999000003'],
    ]);
    for (const m of answer.body.messages.filter((x) => x.accepted))
      expect(m.messageId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('warnings never reject: a caption on audio, bytes that contradict the type, template whitespace', async () => {
    const ogg = Buffer.from('OggS\0\x02\0\0\0\0\0\0\0\0').toString('base64');
    const answer = await send(platform.url, {
      messages: [
        { to: '27999000001', contentType: 'audio/ogg', content: ogg, caption: 'listen' },
        { to: '27999000001', contentType: 'image/png', content: jpeg },
        { to: '27999000001', hsm: { template: 'payment_alert', parameters: { '1': 'a\nb', '2': 'c' } } },
        { to: '27999000001', content: 'no link', previewFirstUrl: 'True' },
      ],
    });
    expect(answer.body.messages.every((m) => m.accepted)).toBe(true);
  });

  it("accepts the spec's samples (7.1.1, 7.1.3, 7.1.4, 7.1.6.1, 7.1.6.2)", async () => {
    const key = 'AQIDAHh6Ji8OpMJqM/F8MyoTOwK1KkI1z9rI+LY7bNLFksXmbwnOgftmgoodQ==';
    const samples = [
      {
        messages: [
          {
            to: '27999000001',
            content: 'Here is an example message',
            clientMessageId: '2993b6b548000a80989a20549e7558a5',
          },
        ],
      },
      {
        messages: [
          { to: '27999000001', content: 'Check out http://www.clickatell.com', previewFirstUrl: 'True' },
        ],
      },
      {
        messages: [
          { to: '27999000001', hsm: { template: 'payment_alert', parameters: { '1': '$150', '2': '1234' } } },
        ],
      },
      { messages: [{ to: '27999000001', content: 'gv2pYQ5T0MjTax50hPLHIqnSSIb' }], encryptionKey: key },
      {
        messages: [
          { to: '27999000001', hsm: { template: 'payment_alert', parameters: { '1': 'gv2p', '2': 'gv2q' } } },
        ],
        encryptionKey: key,
      },
    ];
    for (const sample of samples) {
      const answer = await send(platform.url, sample);
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({
        error: null,
        errorCode: null,
        messages: [{ accepted: true, error: null, errorCode: null }],
      });
    }
  });
});
