import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sample } from '../test/fixtures.ts';
import { parseCallback, toEpochMillis } from './parse-callback.ts';

function parsed(json: unknown) {
  const result = parseCallback(json);
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.output;
}

describe('parseCallback on the spec samples', () => {
  it('7.2.1 status callback', () => {
    expect(parsed(sample('7.2.1-status-callback.json'))).toEqual({
      kind: 'status',
      api: 'wa',
      integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
      integrationName: 'My integration',
      timestamp: 1506607698860,
      statusCode: 4,
      status: 'RECEIVED_BY_RECIPIENT',
      messageId: '3a89680503414383af44dcd0e4e5f184',
      clientMessageId: '2993b6b548000a80989a20549e7558a5',
    });
  });

  it('7.3.1 text: seconds become milliseconds', () => {
    expect(parsed(sample('7.3.1-inbound-text.json'))).toEqual({
      kind: 'message',
      type: 'text',
      integrationId: 'ff8080815f05d5ed015f0b5b56080cd2',
      integrationName: 'My WhatsApp Production Integration',
      content: 'Received Message Sample',
      messageId: 'ff8080815f772074015f77d65dce096d',
      relatedMessageId: null,
      from: '27999000001',
      timestamp: 1509544054000,
      encryptionKey: null,
    });
  });

  it('7.3.2 reply keeps relatedMessageId', () => {
    expect(parsed(sample('7.3.2-inbound-reply.json'))).toMatchObject({
      type: 'text',
      relatedMessageId: 'bc96838ee1334877806461ac577680ed',
    });
  });

  it('7.3.3 media', () => {
    expect(parsed(sample('7.3.3-inbound-media.json'))).toMatchObject({
      kind: 'message',
      type: 'media',
      contentType: 'image/jpeg',
      caption: 'My First Image',
      sha256Hash: null,
    });
  });

  it('7.3.4 location: reads `latitute`, trims ids and numeric strings', () => {
    expect(parsed(sample('7.3.4-inbound-location.json'))).toMatchObject({
      type: 'location',
      messageId: 'ff808081633ebe590163650ab8057086',
      latitude: 37.536033630371094,
      longitude: -122.25885772705078,
      locationName: 'Clickatell',
      locationAddress: '900 Island Dr #202, Redwood City, Redwood City, CA, 94065',
      timestamp: 1526408588000,
    });
  });

  it('reads the `latitude` spelling too', () => {
    const json = sample('7.3.4-inbound-location.json') as Record<string, unknown>;
    json.latitude = json.latitute;
    delete json.latitute;
    expect(parsed(json)).toMatchObject({ type: 'location', latitude: 37.536033630371094 });
  });

  it('7.3.5 encrypted text and media: keeps the key, trims the ciphertext', () => {
    expect(parsed(sample('7.3.5-inbound-encrypted-text.json'))).toMatchObject({
      type: 'text',
      content: 'otIIfcVc282HHnFQ/rceyuYTuOQuWyat6fgYqGsB3as=',
      encryptionKey: 'AQIDAHid+vQ9ckFWfI2iv/AVBpH+PJEm....KOHwqJ8v7BekfSlHgEL4iE9MTkQ==',
    });
    expect(parsed(sample('7.3.5-inbound-encrypted-media.json'))).toMatchObject({
      type: 'media',
      caption: 'otIIfcVc282HHnFQ/rceyuYTuOQuWyat6fgYqGsB3as=',
      messageId: 'hg6080815f772074015f77d65dce3456',
    });
  });
});

describe('parseCallback on what the samples do not show', () => {
  const status = () => sample('7.2.1-status-callback.json') as Record<string, unknown>;

  it('keeps unknown fields under extra', () => {
    expect(parsed({ ...status(), channel: 'whatsapp', pricing: { units: 1 } }).extra).toEqual({
      channel: 'whatsapp',
      pricing: { units: 1 },
    });
  });

  it('keeps __proto__ and constructor under extra as data, never as a prototype', () => {
    const json = JSON.parse(
      `{"statusCode":4,"messageId":"a","timestamp":1506607698860,"__proto__":{"polluted":true},"constructor":"x"}`,
    );
    const extra = parsed(json).extra!;
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(Object.hasOwn(extra, '__proto__')).toBe(true);
    expect(JSON.stringify(extra)).toBe('{"__proto__":{"polluted":true},"constructor":"x"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['-1e308 seconds', -1e308],
    ['1e308 milliseconds', 1e308],
    ['a numeric string too long for a double', '9'.repeat(400)],
    ['1999 in milliseconds', 946_684_799_999],
    ['the year 2100 in seconds', 4_102_444_800],
    ['zero', 0],
  ])('refuses a timestamp of %s: not a time a callback can carry', (_, timestamp) => {
    for (const json of [
      { statusCode: 4, messageId: 'a', timestamp },
      { from: '27999000001', messageId: 'a', content: 'x', timestamp },
    ]) {
      const result = parseCallback(json);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.issues[0]?.path).toEqual(['timestamp']);
    }
  });

  it('accepts the first and the last plausible millisecond', () => {
    expect(parsed({ statusCode: 4, messageId: 'a', timestamp: 946_684_800_000 }).timestamp).toBe(
      946_684_800_000,
    );
    expect(parsed({ statusCode: 4, messageId: 'a', timestamp: 4_102_444_799_999 }).timestamp).toBe(
      4_102_444_799_999,
    );
  });

  it('refuses an id longer than any id the platform uses', () => {
    const result = parseCallback({ statusCode: 4, messageId: 'a'.repeat(257), timestamp: 1506607698860 });
    expect(result.success).toBe(false);
    expect(
      parsed({ statusCode: 4, messageId: 'a'.repeat(256), timestamp: 1506607698860 }).messageId,
    ).toHaveLength(256);
  });

  it('refuses ids with a lone surrogate, which no column or URL can hold; paired ones are kept', () => {
    for (const messageId of ['a\ud800', '\udfffb', 'x\udc00\ud800'])
      expect(parseCallback({ statusCode: 4, messageId, timestamp: 1506607698860 }).success).toBe(false);
    expect(
      parseCallback({ statusCode: 4, messageId: 'm', clientMessageId: '\ud800', timestamp: 1506607698860 })
        .success,
    ).toBe(false);
    expect(
      parseCallback({ messageId: 'm', from: '2799\ud800', content: 'x', timestamp: 1509544054 }).success,
    ).toBe(false);
    expect(parsed({ statusCode: 4, messageId: 'a\ud83d\ude00', timestamp: 1506607698860 }).messageId).toBe(
      'a\u{1F600}',
    );
  });

  it('moves body credentials to a non-enumerable auth that never serializes', () => {
    const event = parsed({ ...status(), username: 'hook', password: 's3cret' });
    expect(event.auth).toEqual({ username: 'hook', password: 's3cret' });
    expect(JSON.stringify(event)).not.toContain('s3cret');
    expect({ ...event }).not.toHaveProperty('auth');
    expect(event.extra).toBeUndefined();
  });

  it('reads numeric strings and fills a missing status name from the catalog', () => {
    const event = parsed({ ...status(), statusCode: ' 27 ', status: undefined, timestamp: '1506607698860' });
    expect(event).toMatchObject({ statusCode: 27, status: 'READ', timestamp: 1506607698860 });
  });

  it('accepts an unknown status code', () => {
    expect(parsed({ ...status(), statusCode: 4242, status: 'SOMETHING_NEW' })).toMatchObject({
      statusCode: 4242,
      status: 'SOMETHING_NEW',
    });
  });

  it('types a message with no content it knows as unknown, keeping its fields', () => {
    const event = parsed({
      messageId: 'abc',
      from: '27999000001',
      timestamp: 1509544054,
      sticker: { id: 1 },
    });
    expect(event).toMatchObject({
      kind: 'message',
      type: 'unknown',
      content: null,
      extra: { sticker: { id: 1 } },
    });
  });

  it.each([
    ['an array', [], /JSON object/],
    ['null', null, /JSON object/],
    ['neither shape', { hello: 'world' }, /statusCode.*from/],
    ['a status without messageId', { statusCode: 4, timestamp: 1 }, /messageId/],
    ['a status with a blank messageId', { statusCode: 4, timestamp: 1, messageId: '  ' }, /messageId/],
    ['a non-numeric timestamp', { statusCode: 4, timestamp: 'yesterday', messageId: 'a' }, /timestamp/],
    ['a message without timestamp', { from: '27999000001', messageId: 'a', content: 'x' }, /timestamp/],
  ])('fails on %s with an issue that says what is wrong', (_, json, message) => {
    const result = parseCallback(json);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues.map((i) => i.message).join(' ')).toMatch(message);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const result = parseCallback(json);
        expect(typeof result.success).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            statusCode: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
            from: fc.oneof(fc.string(), fc.integer()),
            messageId: fc.oneof(fc.string(), fc.integer()),
            timestamp: fc.oneof(fc.integer(), fc.double(), fc.string()),
            latitute: fc.oneof(fc.string(), fc.double()),
            longitude: fc.oneof(fc.string(), fc.double()),
            content: fc.jsonValue(),
            contentType: fc.jsonValue(),
            username: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
        (json) => {
          expect(typeof parseCallback(json).success).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('toEpochMillis', () => {
  it('reads 10-digit timestamps as seconds and 13-digit ones as milliseconds', () => {
    expect(toEpochMillis(1509544054)).toBe(1509544054000);
    expect(toEpochMillis(1506607698860)).toBe(1506607698860);
    expect(toEpochMillis(1509544054.5)).toBe(1509544054500);
  });
});
