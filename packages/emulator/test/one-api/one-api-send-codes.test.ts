import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { magicNumber } from '../../src/index.ts';
import { type RunningEmulator, serveEmulator } from '../../src/node/index.ts';
import { pngBase64 } from '../helpers/media.ts';
import { ONE_KEY, oneApi, whatsappText } from '../helpers/one-api.ts';
import { FAST, send } from '../helpers/send.ts';

// One API's answers to POST /v1/message, each from its real trigger, over real HTTP.
let platform: RunningEmulator;
beforeAll(async () => {
  platform = await serveEmulator({
    port: 0,
    ...FAST,
    seed: 1,
    integrations: [
      { name: 'one', apiKey: ONE_KEY, api: 'one' },
      { name: 'legacy', apiKey: 'legacy-key' },
    ],
  });
});
afterAll(() => platform.close());

const post = (messages: unknown, options: Parameters<typeof oneApi>[2] = {}) =>
  oneApi(platform.url, '/v1/message', { body: { messages }, ...options });
const error = (code: number) => expect.objectContaining({ code, description: expect.any(String) });

describe('POST /v1/message: accepted', () => {
  it('202: every message accepted, apiMessageId of 32 hex, clientMessageId echoed', async () => {
    const answer = await post([
      whatsappText('27999000001', { clientMessageId: 'c-1' }),
      whatsappText('+27 99 900 0002', { previewFirstUrl: true }),
    ]);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({
      messages: [
        {
          apiMessageId: expect.stringMatching(/^[0-9a-f]{32}$/),
          accepted: true,
          to: '27999000001',
          error: null,
          clientMessageId: 'c-1',
        },
        {
          apiMessageId: expect.stringMatching(/^[0-9a-f]{32}$/),
          accepted: true,
          to: '27999000002',
          error: null,
        },
      ],
      error: null,
    });
  });

  it('takes inline media of any One API type, video included', async () => {
    const answer = await post([
      {
        channel: 'whatsapp',
        to: '27999000001',
        contentType: 'image/png',
        content: pngBase64(100),
        caption: 'c',
      },
      {
        channel: 'whatsapp',
        to: '27999000002',
        contentType: 'video/mp4',
        content: Buffer.alloc(64).toString('base64'),
      },
    ]);
    expect(answer.status).toBe(202);
  });
});

describe('POST /v1/message: global errors', () => {
  it('401 with 1: no key, a wrong key, a Bearer prefix, or a legacy integration key', async () => {
    for (const key of [null, 'nope', `Bearer ${ONE_KEY}`, 'legacy-key']) {
      const answer = await post([whatsappText('27999000001')], { key });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        error: { code: 1, description: 'Invalid or missing integration API Key' },
      });
    }
  });

  it('a One API key is no key on the legacy endpoint', async () => {
    const answer = await send(
      platform.url,
      { messages: [{ to: '27999000001', content: 'Hi' }] },
      { key: ONE_KEY },
    );
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ errorCode: 1, messages: [] });
  });

  it('400 with 21: malformed JSON, no messages array, or the retired hsm form', async () => {
    for (const body of [
      '{"messages": [',
      JSON.stringify({ message: [] }),
      JSON.stringify({ messages: [] }),
    ]) {
      const answer = await oneApi(platform.url, '/v1/message', {
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: error(21) });
    }
    const hsm = await post([
      { channel: 'whatsapp', to: '27999000001', hsm: { template: 't', parameters: {} } },
    ]);
    expect(hsm.status).toBe(400);
    expect(hsm.body).toEqual({ error: error(21) });
  });

  it('400 with 22 above 200 messages', async () => {
    const answer = await post(
      Array.from({ length: 201 }, (_, i) => whatsappText(`2799900${String(i).padStart(4, '0')}`)),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { code: 22, description: 'Maximum messages per request payload exceeded' },
    });
  });

  it('400 with 2 (account) and 3 (integration) inactive; 401 with 7 outside an allow-list', async () => {
    const account = await serveEmulator({ port: 0, api: 'one', apiKey: ONE_KEY, accountActive: false });
    const integration = await serveEmulator({
      port: 0,
      integrations: [{ name: 'off', apiKey: ONE_KEY, api: 'one', active: false }],
    });
    const locked = await serveEmulator({
      port: 0,
      integrations: [{ name: 'locked', apiKey: ONE_KEY, api: 'one', ipAllowList: ['10.9.9.9'] }],
    });
    try {
      const two = await oneApi(account.url, '/v1/message', {
        body: { messages: [whatsappText('27999000001')] },
      });
      expect([two.status, two.body]).toEqual([
        400,
        { error: { code: 2, description: 'Account is not active' } },
      ]);
      const three = await oneApi(integration.url, '/v1/message', {
        body: { messages: [whatsappText('27999000001')] },
      });
      expect([three.status, three.body]).toEqual([
        400,
        { error: { code: 3, description: 'Integration is not active' } },
      ]);
      const seven = await oneApi(locked.url, '/v1/message', {
        body: { messages: [whatsappText('27999000001')] },
      });
      expect([seven.status, seven.body]).toEqual([401, { error: error(7) }]);
    } finally {
      await Promise.all([account.close(), integration.close(), locked.close()]);
    }
  });

  it('404 with 41 for a resource One API does not have; 400 with 42 for a method a resource does not take', async () => {
    const missing = await oneApi(platform.url, '/v1/messages', { body: { messages: [] } });
    expect([missing.status, missing.body]).toEqual([
      404,
      { error: { code: 41, description: 'Resource does not exist' } },
    ]);
    const method = await oneApi(platform.url, '/v1/message', { method: 'PUT', body: {} });
    expect([method.status, method.body]).toEqual([400, { error: error(42) }]);
  });
});

describe('POST /v1/message: message-level errors', () => {
  it('400 for a single rejected message, the error in the message and the global error null', async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ channel: 'whatsapp', to: '27999abcde', content: 'x' }, 23],
      [{ channel: 'whatsapp', to: '0821234567', content: 'x' }, 25],
      [{ channel: 'whatsapp', to: '27999000001', content: 'x'.repeat(4097) }, 24],
      [{ channel: 'whatsapp', to: '27999000001', content: '' }, 23],
      [{ to: '27999000001', content: 'x' }, 38],
      [{ channel: 'sms', to: '27999000001', content: 'x' }, 38],
      [{ channel: 'whatsapp', to: '27999000001', contentType: 'image/gif', content: 'R0lG' }, 30],
      [{ channel: 'whatsapp', to: '27999000001', contentType: 'image/png', content: 'not base64!' }, 23],
      [
        { channel: 'whatsapp', to: '27999000001', contentType: 'image/png', content: pngBase64(5_000_001) },
        31,
      ],
      [{ channel: 'whatsapp', to: '27999000001', media: { fileId: 'nope.jpeg' } }, 33],
      [{ channel: 'whatsapp', to: '27999000001', content: 'x', clientMessageId: 5 }, 23],
    ];
    for (const [message, code] of cases) {
      const answer = await post([message]);
      expect(answer.status, JSON.stringify(message).slice(0, 80)).toBe(400);
      expect(answer.body).toEqual({
        messages: [{ accepted: false, to: expect.any(String), error: error(code) }],
        error: null,
      });
    }
  });

  it('names the parameter in 23 and the limit in 31', async () => {
    const bad = await post([{ channel: 'whatsapp', to: '27999abcde', content: 'x' }]);
    expect(bad.body).toMatchObject({
      messages: [{ to: '27999abcde', error: { description: 'Invalid or missing parameter: to' } }],
    });
    const big = await post([
      { channel: 'whatsapp', to: '27999000001', contentType: 'image/png', content: pngBase64(5_000_001) },
    ]);
    expect(big.body).toMatchObject({
      messages: [{ error: { description: 'Media file size exceeds limit of 5 MB' } }],
    });
  });

  it('a magic reject number answers its code with its HTTP status: 402 for 20, 500 for 18, 503 for 19, 400 for 43', async () => {
    for (const [code, status] of [
      [20, 402],
      [18, 500],
      [19, 503],
      [43, 400],
      [27, 400],
    ] as const) {
      const answer = await post([whatsappText(magicNumber.reject(code))]);
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({
        messages: [{ accepted: false, to: magicNumber.reject(code), error: error(code) }],
        error: null,
      });
    }
  });
});

describe('POST /v1/message: 207', () => {
  it('answers 207 when some are accepted and some rejected, each result in place', async () => {
    const answer = await post([whatsappText('27999000001'), whatsappText('27999abcde')]);
    expect(answer.status).toBe(207);
    expect(answer.body).toEqual({
      messages: [
        expect.objectContaining({ accepted: true, to: '27999000001', error: null }),
        { accepted: false, to: '27999abcde', error: error(23) },
      ],
      error: null,
    });
  });

  it('by default (any-rejected) answers 207 even when every message of several is rejected', async () => {
    const answer = await post([whatsappText('27999abcde'), whatsappText(magicNumber.reject(20))]);
    expect(answer.status).toBe(207);
  });

  it('with mixed, answers 207 only for mixed outcomes; all rejected answer their shared status, else 400', async () => {
    const mixed = await serveEmulator({
      port: 0,
      ...FAST,
      api: 'one',
      apiKey: ONE_KEY,
      oneApi: { multiStatus: 'mixed' },
    });
    try {
      const go = (messages: unknown[]) => oneApi(mixed.url, '/v1/message', { body: { messages } });
      expect((await go([whatsappText('27999000001'), whatsappText('27999abcde')])).status).toBe(207);
      expect(
        (await go([whatsappText(magicNumber.reject(20)), whatsappText(magicNumber.reject(20))])).status,
      ).toBe(402);
      expect((await go([whatsappText('27999abcde'), whatsappText(magicNumber.reject(20))])).status).toBe(400);
    } finally {
      await mixed.close();
    }
  });

  it('can leave clientMessageId out of the answer and shuffle it, so clients map by clientMessageId or to', async () => {
    const strict = await serveEmulator({
      port: 0,
      ...FAST,
      seed: 3,
      api: 'one',
      apiKey: ONE_KEY,
      oneApi: { echoClientMessageId: false, shuffleAnswers: true },
    });
    try {
      const numbers = Array.from({ length: 12 }, (_, i) => `279990000${String(i).padStart(2, '0')}`);
      const answer = await oneApi<{ messages: { to: string; clientMessageId?: string }[] }>(
        strict.url,
        '/v1/message',
        {
          body: { messages: numbers.map((to, i) => whatsappText(to, { clientMessageId: `c-${i}` })) },
        },
      );
      expect(answer.status).toBe(202);
      const order = answer.body.messages.map((m) => m.to);
      expect(order).not.toEqual(numbers);
      expect([...order].sort()).toEqual(numbers);
      for (const m of answer.body.messages) expect(m.clientMessageId).toBeUndefined();
    } finally {
      await strict.close();
    }
  });
});

describe('POST /v1/message: faults in One API terms', () => {
  it('901 answers 503 with 19, 500 answers 500 with 18, 429 answers 400 with 43; nothing is recorded', async () => {
    for (const [fault, status, code] of [
      ['901', 503, 19],
      ['500', 500, 18],
      ['429', 400, 43],
    ] as const) {
      const answer = await post([whatsappText('27999000001', { clientMessageId: `fault-${fault}` })], {
        headers: { 'x-emulator-fault': fault },
      });
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ error: error(code) });
    }
    const messages = await oneApi<{ messages: { clientMessageId: string | null }[] }>(
      platform.url,
      '/_emulator/messages',
    );
    expect(messages.body.messages.filter((m) => m.clientMessageId?.startsWith('fault-'))).toEqual([]);
  });

  it('reset-after records the message and drops the connection', async () => {
    await expect(
      post([whatsappText('27999000001', { clientMessageId: 'reset-after' })], {
        headers: { 'x-emulator-fault': 'reset-after' },
      }),
    ).rejects.toThrow();
    const messages = await oneApi<{ messages: unknown[] }>(
      platform.url,
      '/_emulator/messages?clientMessageId=reset-after',
    );
    expect(messages.body.messages).toHaveLength(1);
  });
});
