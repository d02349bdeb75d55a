import { parseCallback, validateSendRequest } from '@clickwa/core';
import { describe, expect, it } from 'vitest';
import { clickatellOneApiDocument } from '../src/clickatell-one-api-document.ts';
import { clickatellWhatsAppDocument } from '../src/clickatell-whatsapp-document.ts';
import { readSamples, SAMPLE_DIRS } from '../src/read-samples.ts';
import { type Check, type DocumentValidator, documentValidator } from './document-validator.ts';

type Where = (d: DocumentValidator) => Check;

/** Every sample of the legacy spec, and the schema of the document it is an instance of. */
const WA_SAMPLES: Record<string, Where> = {
  '7.1.1-send-text.request.json': (d) => d.request('post', '/wa/messages'),
  '7.1.1-send.response.json': (d) => d.response('post', '/wa/messages', 202),
  '7.1.3-send-url-preview.request.json': (d) => d.request('post', '/wa/messages'),
  '7.1.4-send-template.request.json': (d) => d.request('post', '/wa/messages'),
  '7.1.4-send-template.response.json': (d) => d.response('post', '/wa/messages', 202),
  '7.1.5-send-media.request.json': (d) => d.request('post', '/wa/messages'),
  '7.1.6.1-send-encrypted-text.request.json': (d) => d.request('post', '/wa/messages'),
  '7.1.6.2-send-encrypted-template.request.json': (d) => d.request('post', '/wa/messages'),
  '7.1.6.3-send-encrypted-media.request.json': (d) => d.request('post', '/wa/messages'),
  '7.2.1-status-callback.json': (d) => d.webhook('messageStatus'),
  '7.3.1-inbound-text.json': (d) => d.webhook('receiveMessage'),
  '7.3.2-inbound-reply.json': (d) => d.webhook('receiveMessage'),
  '7.3.3-inbound-media.json': (d) => d.webhook('receiveMessage'),
  '7.3.4-inbound-location.json': (d) => d.webhook('receiveMessage'),
  '7.3.5-inbound-encrypted-media.json': (d) => d.webhook('receiveMessage'),
  '7.3.5-inbound-encrypted-text.json': (d) => d.webhook('receiveMessage'),
};

/** Every One API sample, and its schema. */
const ONE_API_SAMPLES: Record<string, Where> = {
  'callback-moLocation.json': (d) => d.webhook('receiveMessage'),
  'callback-moMedia-base64.json': (d) => d.webhook('receiveMessage'),
  'callback-moMedia-files.json': (d) => d.webhook('receiveMessage'),
  'callback-moText.json': (d) => d.webhook('receiveMessage'),
  'callback-status-messageStatusUpdate.json': (d) => d.webhook('messageStatus'),
  'send-request-media.json': (d) => d.request('post', '/v1/message'),
  'send-request-template.json': (d) => d.request('post', '/v1/message'),
  'send-request-text.json': (d) => d.request('post', '/v1/message'),
  'send-response-error-401-global.json': (d) => d.response('post', '/v1/message', 401),
  'send-response-partial-207.json': (d) => d.response('post', '/v1/message', 207),
  'send-response-success-202.json': (d) => d.response('post', '/v1/message', 202),
  'status-query-response.json': (d) => d.response('get', '/v1/message/{omniMessageId}', 200),
};

describe.each([
  { name: 'Clickatell WhatsApp', dir: SAMPLE_DIRS.wa, build: clickatellWhatsAppDocument, table: WA_SAMPLES },
  { name: 'One API', dir: SAMPLE_DIRS.one, build: clickatellOneApiDocument, table: ONE_API_SAMPLES },
])("the $name document and the spec's samples", ({ dir, build, table }) => {
  const samples = readSamples(dir);
  const validator = documentValidator(build());

  it('knows where every sample belongs', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(samples));
  });

  it.each(Object.keys(table))('accepts %s', (name) => {
    expect(table[name]!(validator)(samples[name])).toBeNull();
  });
});

describe('the documents refuse what their APIs do not send', () => {
  const wa = documentValidator(clickatellWhatsAppDocument());
  const one = documentValidator(clickatellOneApiDocument());

  it.each([
    ['a status callback without messageId', wa.webhook('messageStatus'), { statusCode: 4, timestamp: 1 }],
    [
      'previewFirstUrl "maybe"',
      wa.request('post', '/wa/messages'),
      { messages: [{ to: '1', content: 'x', previewFirstUrl: 'maybe' }] },
    ],
    ['a One API callback without event', one.webhook('messageStatus'), { integrationId: 'x' }],
    [
      'a One API status without statusCode',
      one.webhook('messageStatus'),
      { event: { messageStatusUpdate: [{ messageId: 'm', timestamp: 1 }] } },
    ],
    [
      '201 One API messages',
      one.request('post', '/v1/message'),
      { messages: Array.from({ length: 201 }, () => ({ to: '1' })) },
    ],
  ])('%s', (_, check, value) => {
    expect(check(value)).not.toBeNull();
  });
});

describe('the legacy document accepts what the core reads', () => {
  const wa = documentValidator(clickatellWhatsAppDocument());
  const status = { messageId: 'm', statusCode: 4, timestamp: 1_506_607_698_860 };

  it.each([
    ['a numeric string statusCode', { ...status, statusCode: ' 4 ' }],
    ['a timestamp in seconds, as a string', { ...status, timestamp: '1506607698' }],
    ['an id with stray spaces', { ...status, messageId: ' m ' }],
    ['fields the spec does not name', { ...status, channel: 'whatsapp' }],
  ])('a status callback with %s', (_, body) => {
    expect(parseCallback(body).success).toBe(true);
    expect(wa.webhook('messageStatus')(body)).toBeNull();
  });

  it.each([
    [
      'previewFirstUrl "FALSE"',
      { messages: [{ to: '27999000001', content: 'x', previewFirstUrl: 'FALSE' }] },
    ],
    ['a null clientMessageId', { messages: [{ to: '27999000001', content: 'x', clientMessageId: null }] }],
  ])('a send request with %s', (_, body) => {
    expect(validateSendRequest(body).success).toBe(true);
    expect(wa.request('post', '/wa/messages')(body)).toBeNull();
  });
});
