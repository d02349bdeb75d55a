import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, serveEmulator } from '../../src/node/index.ts';
import { ONE_KEY, oneApi } from '../helpers/one-api.ts';
import { FAST } from '../helpers/send.ts';

// One API's samples (kept with the core's fixtures): the emulator takes the requests and answers in their shapes.
const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../core/test/fixtures/one-api', name), 'utf8'));

/** Every key path of a JSON value, array entries under `[]`, so two shapes compare whatever their values. */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => shape(v, `${prefix}[]`)))].sort();
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .flatMap(([k, v]) => [`${prefix}.${k}`, ...shape(v, `${prefix}.${k}`)])
      .sort();
  }
  return [];
}

let platform: RunningEmulator;
beforeAll(async () => {
  platform = await serveEmulator({
    port: 0,
    ...FAST,
    callbacks: false,
    templates: { welcome_notification_demo: 'Hello {{1}}, welcome to {{2}}' },
    oneApi: { echoClientMessageId: false },
    integrations: [{ name: 'one', apiKey: ONE_KEY, api: 'one' }],
  });
});
afterAll(() => platform.close());

describe('One API samples against the emulator', () => {
  it('takes the text and inline media requests and answers in the 202 sample shape', async () => {
    for (const name of ['send-request-text.json', 'send-request-media.json']) {
      const answer = await oneApi(platform.url, '/v1/message', { body: sample(name) });
      expect(answer.status, name).toBe(202);
      expect(shape(answer.body)).toEqual(shape(sample('send-response-success-202.json')));
    }
  });

  it('takes the template request once its header file is uploaded', async () => {
    const upload = await oneApi<{ fileId: string }>(platform.url, '/v1/media?fileName=header.jpg', {
      body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
      headers: { 'content-type': 'image/jpeg' },
    });
    const request = sample('send-request-template.json') as {
      messages: { template: { header: { media: { fileId: string } } } }[];
    };
    request.messages[0]!.template.header.media.fileId = upload.body.fileId;
    const answer = await oneApi(platform.url, '/v1/message', { body: request });
    expect(answer.status).toBe(202);
  });

  it('answers a mixed batch in the 207 sample shape, and a bad key exactly as the 401 sample', async () => {
    const mixed = await oneApi(platform.url, '/v1/message', {
      body: {
        messages: [
          { channel: 'whatsapp', to: '2799900001', content: 'ok' },
          { channel: 'whatsapp', to: '27999abcde', content: 'bad' },
        ],
      },
    });
    expect(mixed.status).toBe(207);
    expect(shape(mixed.body)).toEqual(shape(sample('send-response-partial-207.json')));
    const unauthorized = await oneApi(platform.url, '/v1/message', {
      key: 'nope',
      body: sample('send-request-text.json'),
    });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body).toEqual(sample('send-response-error-401-global.json'));
  });

  it('answers a status query in the sample shape', async () => {
    const sent = await oneApi<{ messages: { apiMessageId: string }[] }>(platform.url, '/v1/message', {
      body: sample('send-request-text.json'),
    });
    const answer = await oneApi(platform.url, `/v1/message/${sent.body.messages[0]!.apiMessageId}`);
    expect(answer.status).toBe(200);
    expect(shape(answer.body)).toEqual(shape(sample('status-query-response.json')));
    expect(answer.body).toMatchObject({ whatsapp: { status: 'READ' } });
  });
});
