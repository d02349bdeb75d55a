import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneApiSample, oneApiSamples, sample } from '../test/fixtures.ts';
import { ONE_API_STATUSES } from './catalogs/one-api-statuses.ts';
import { parseCallback } from './parse-callback.ts';
import { parseCallbackBody } from './parse-callback-body.ts';

/** A time in the plausible range (2000-2100) that callbacks must carry. */
const T = 1_700_000_000_000;

function parsed(json: unknown) {
  const result = parseCallbackBody(json);
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.output;
}

const envelope = { integrationId: 'fa8090815f05d5ed015f0b5b56080cd2', integrationName: 'My integration' };
const status = (statusCode: number, extra: Record<string, unknown> = {}) => ({
  channel: 'whatsapp',
  timestamp: 1506607698860,
  statusCode,
  messageId: '77fb29998253415fa5d66971d519d362',
  ...extra,
});

describe('parseCallbackBody on the One API samples', () => {
  it('every callback sample parses as One API', () => {
    const names = Object.keys(oneApiSamples).filter((name) => name.startsWith('callback-'));
    expect(names).toHaveLength(5);
    for (const name of names) {
      const output = parsed(oneApiSample(name));
      expect(output).toMatchObject({ api: 'one', ...envelope });
      expect(output.events).toHaveLength(1);
    }
  });

  it('status: a status event of One API, with its channel and millisecond timestamp', () => {
    expect(parsed(oneApiSample('callback-status-messageStatusUpdate.json'))).toEqual({
      api: 'one',
      ...envelope,
      events: [
        {
          kind: 'status',
          api: 'one',
          ...envelope,
          channel: 'whatsapp',
          timestamp: 1506607698860,
          statusCode: 5,
          status: 'DEVICE_ACK',
          messageId: '77fb29998253415fa5d66971d519d362',
          clientMessageId: '2993b6b548000a80989a20549e7558a5',
        },
      ],
    });
  });

  it('moText: text with relatedClientMessageId, the business number, charset and profile name', () => {
    expect(parsed(oneApiSample('callback-moText.json')).events[0]).toEqual({
      kind: 'message',
      type: 'text',
      ...envelope,
      channel: 'whatsapp',
      messageId: '3a89680503414383af44dcd0e4e5f184',
      relatedMessageId: 'd33eef0838a121f71069a4cc8d55c19e',
      relatedClientMessageId: 'd33eef0838a121f71069a4cc8d55c19e',
      from: '2799900001',
      to: '2799900002',
      timestamp: 1506607698000,
      content: 'Text Content of the reply message',
      charset: 'UTF-8',
      encryptionKey: null,
      profileName: 'Profile Name',
    });
  });

  it('moMedia inline: base64 content, as a legacy media event', () => {
    expect(parsed(oneApiSample('callback-moMedia-base64.json')).events[0]).toMatchObject({
      kind: 'message',
      type: 'media',
      contentType: 'image/jpeg',
      content: expect.stringMatching(/^\/9j\//),
      caption: 'caption text here',
      sha256Hash: null,
      relatedMessageId: '8f287d93f5e5c5fd3ba228fef124c975',
      relatedClientMessageId: null,
      profileName: 'Profile Name',
    });
  });

  it('moMedia by reference: files with downloadUrl, hash and size', () => {
    expect(parsed(oneApiSample('callback-moMedia-files.json')).events[0]).toMatchObject({
      kind: 'message',
      type: 'media-files',
      caption: 'caption text here',
      files: [
        {
          contentType: 'image/jpeg',
          downloadUrl: expect.stringMatching(
            /^https:\/\/platform\.clickatell\.com\/v1\/media\?fileId=.*&source=client$/,
          ),
          sha256Hash: '529fd5482f43db39992a894bbe4216f51a4d724131a97b93cc5589433b545820',
          byteSize: 12345,
          fileName: 'myImage.jpeg',
        },
      ],
    });
  });

  it('moLocation: coordinates, name and address', () => {
    expect(parsed(oneApiSample('callback-moLocation.json')).events[0]).toMatchObject({
      type: 'location',
      latitude: -33.9249,
      longitude: 18.4241,
      locationName: 'Clickatell Cape Town',
      locationAddress: 'Cape Town, South Africa',
      relatedMessageId: null,
    });
  });
});

describe('parseCallbackBody on One API bodies', () => {
  it('reads several events per body, in body order', () => {
    const body = {
      ...envelope,
      event: {
        moText: [{ messageId: 'in1', from: '2799900001', timestamp: T + 2, content: 'hi' }],
        messageStatusUpdate: [
          status(2, { timestamp: T + 1 }),
          status(4, { timestamp: T + 2 }),
          status(6, { timestamp: T + 4 }),
        ],
      },
    };
    const { events } = parsed(body);
    expect(events.map((e) => (e.kind === 'status' ? e.statusCode : e.messageId))).toEqual([2, 4, 6, 'in1']);
  });

  it.each(Object.values(ONE_API_STATUSES))('status $code $status is read in the One API catalog', (entry) => {
    const [event] = parsed({ ...envelope, event: { messageStatusUpdate: [status(entry.code)] } }).events;
    expect(event).toMatchObject({ kind: 'status', api: 'one', statusCode: entry.code, status: entry.status });
  });

  it('keeps the status name sent, and a code the catalog lacks', () => {
    const [event] = parsed({
      ...envelope,
      event: { messageStatusUpdate: [status(142, { status: 'WHATSAPP_SOMETHING_NEW', statusCode: '142' })] },
    }).events;
    expect(event).toMatchObject({ statusCode: 142, status: 'WHATSAPP_SOMETHING_NEW' });
  });

  it('refuses what parseCallback refuses: a time outside 2000-2100, an id no URL can carry', () => {
    for (const item of [
      status(6, { timestamp: -1e308 }),
      status(6, { timestamp: 1 }),
      status(6, { messageId: 'm\uD800' }),
      status(6, { messageId: 'x'.repeat(257) }),
    ])
      expect(parseCallbackBody({ ...envelope, event: { messageStatusUpdate: [item] } }).success).toBe(false);
  });

  it('keeps unknown fields under extra, with __proto__ as an own field', () => {
    const body = JSON.parse(
      '{"event":{"messageStatusUpdate":[{"messageId":"m","statusCode":6,"timestamp":1700000000001,"newField":1,"__proto__":{"x":1}}]},"newTop":true}',
    );
    const output = parsed(body);
    const [event] = output.events;
    expect(event?.extra).toEqual(JSON.parse('{"newField":1,"__proto__":{"x":1}}'));
    expect(Object.getPrototypeOf(event?.extra)).toBe(Object.prototype);
    expect(output.extra).toEqual({ newTop: true });
    expect(output.integrationId).toBeNull();
  });

  it('keeps a new kind of user message as an unknown message, and other new members under unrecognized', () => {
    const interactive = { messageId: 'in9', from: '2799900001', timestamp: T + 5, reply: { id: 'yes' } };
    const output = parsed({
      ...envelope,
      event: {
        moInteractive: [interactive],
        statusIsTyping: [{ messageId: 'm', typing: true }],
        messageFallback: [{ messageId: 'm', status: 'FALLBACK', statusDescription: 1 }],
      },
    });
    expect(output.events).toEqual([
      expect.objectContaining({
        kind: 'message',
        type: 'unknown',
        eventType: 'moInteractive',
        messageId: 'in9',
        content: null,
        extra: { reply: { id: 'yes' } },
      }),
    ]);
    expect(output.unrecognized).toEqual({
      statusIsTyping: [{ messageId: 'm', typing: true }],
      messageFallback: [{ messageId: 'm', status: 'FALLBACK', statusDescription: 1 }],
    });
  });

  it('reads a known kind without its content as an unknown message with every field', () => {
    const [event] = parsed({
      event: {
        moMedia: [{ messageId: 'in1', from: '2799900001', timestamp: T + 1, caption: 'no file', shape: 2 }],
      },
    }).events;
    expect(event).toMatchObject({
      type: 'unknown',
      eventType: 'moMedia',
      extra: { caption: 'no file', shape: 2 },
    });
  });

  it('reads the misspelled latitute, numeric strings and second timestamps', () => {
    const [event] = parsed({
      event: {
        moLocation: [
          { messageId: 'l', from: '27', timestamp: 1506607698, latitute: ' -33.9 ', longitude: '18.4' },
        ],
      },
    }).events;
    expect(event).toMatchObject({
      type: 'location',
      latitude: -33.9,
      longitude: 18.4,
      timestamp: 1506607698000,
    });
  });

  it('answers issues with their path for malformed bodies, never an exception', () => {
    const cases: [unknown, (string | number)[]][] = [
      [{ event: [] }, ['event']],
      [{ event: null }, ['event']],
      [{ event: { messageStatusUpdate: {} } }, ['event', 'messageStatusUpdate']],
      [{ event: { messageStatusUpdate: [1] } }, ['event', 'messageStatusUpdate', 0]],
      [{ event: { messageStatusUpdate: [status(2.5)] } }, ['event', 'messageStatusUpdate', 0, 'statusCode']],
      [
        { event: { messageStatusUpdate: [status(2, { messageId: ' ' })] } },
        ['event', 'messageStatusUpdate', 0, 'messageId'],
      ],
      [
        { event: { moText: [{ messageId: 'm', timestamp: T + 1, content: 'x' }] } },
        ['event', 'moText', 0, 'from'],
      ],
      [
        { event: { moMedia: [{ messageId: 'm', from: '1', timestamp: T + 1, files: [{}] }] } },
        ['event', 'moMedia', 0, 'files', 0, 'contentType'],
      ],
      [{ integrationId: 5, event: {} }, ['integrationId']],
    ];
    for (const [body, path] of cases) {
      const result = parseCallbackBody(body);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.issues.map((i) => i.path)).toContainEqual(path);
    }
  });
});

describe('parseCallbackBody on legacy bodies', () => {
  it('reads every legacy sample as one event, as parseCallback does', () => {
    for (const name of [
      '7.2.1-status-callback.json',
      '7.3.1-inbound-text.json',
      '7.3.3-inbound-media.json',
      '7.3.4-inbound-location.json',
    ]) {
      const single = parseCallback(sample(name));
      const body = parsed(sample(name));
      expect(single.success).toBe(true);
      if (single.success) {
        expect(body).toEqual({
          api: 'wa',
          integrationId: single.output.integrationId,
          integrationName: single.output.integrationName,
          events: [single.output],
        });
      }
    }
    expect(parsed(sample('7.2.1-status-callback.json')).events[0]).toMatchObject({
      kind: 'status',
      api: 'wa',
    });
  });

  it('passes on legacy issues, and a body with statusCode stays legacy even with an event field', () => {
    expect(parseCallbackBody({ hello: 1 }).success).toBe(false);
    expect(parseCallbackBody([]).success).toBe(false);
    expect(
      parsed({ messageId: 'm', statusCode: 27, timestamp: 1_700_000_000_000, event: 'x' }),
    ).toMatchObject({
      api: 'wa',
      events: [{ status: 'READ', extra: { event: 'x' } }],
    });
  });

  it('never throws on arbitrary JSON, and answers a result either way', () => {
    const json = fc.jsonValue();
    const oneApiLike = fc.record({
      integrationId: fc.oneof(fc.string(), fc.jsonValue()),
      event: fc.oneof(
        fc.jsonValue(),
        fc.dictionary(
          fc.constantFrom(
            'messageStatusUpdate',
            'moText',
            'moMedia',
            'moLocation',
            'moNew',
            '__proto__',
            'x',
          ),
          fc.array(
            fc.oneof(
              fc.jsonValue(),
              fc.dictionary(
                fc.constantFrom(
                  'messageId',
                  'from',
                  'statusCode',
                  'timestamp',
                  'files',
                  'content',
                  'contentType',
                  'latitude',
                  'longitude',
                  'whatsapp',
                ),
                fc.jsonValue(),
              ),
            ),
          ),
        ),
      ),
    });
    fc.assert(
      fc.property(fc.oneof(json, oneApiLike), (body) => {
        const result = parseCallbackBody(body);
        expect(typeof result.success).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
