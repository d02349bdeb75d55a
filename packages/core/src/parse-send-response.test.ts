import { describe, expect, it } from 'vitest';
import { sample } from '../test/fixtures.ts';
import { parseSendResponse } from './parse-send-response.ts';

describe('parseSendResponse', () => {
  it.each(['7.1.1-send.response.json', '7.1.4-send-template.response.json'])(
    'parses the spec sample %s',
    (name) => {
      const result = parseSendResponse(sample(name));
      expect(result.success).toBe(true);
      if (!result.success) return;
      expect(result.output.error).toBeNull();
      expect(result.output.messages[0]).toMatchObject({
        messageId: '3a89680503414383af44dcd0e4e5f184',
        accepted: true,
        to: '27999000001',
        error: null,
      });
    },
  );

  it('reads the parameter-table shape: error as description, errorCode as number', () => {
    const result = parseSendResponse({
      error: null,
      errorCode: null,
      messages: [
        {
          messageId: null,
          clientMessageId: 'c1',
          accepted: false,
          to: '2799',
          error: 'Too short input phone: 2799',
          errorCode: 152,
        },
      ],
    });
    expect(result.success && result.output.messages[0]).toMatchObject({
      accepted: false,
      error: { code: 152, description: 'Too short input phone: 2799' },
    });
  });

  it('reads error as an object and errorCode as a numeric string', () => {
    const result = parseSendResponse({
      error: { code: '1', description: 'Invalid or missing Integration API Key' },
      messages: [],
    });
    expect(result.success && result.output.error).toEqual({
      code: 1,
      description: 'Invalid or missing Integration API Key',
    });
    const asString = parseSendResponse({ error: 'Internal error - please retry', errorCode: ' 901 ' });
    expect(asString.success && asString.output.error).toEqual({
      code: 901,
      description: 'Internal error - please retry',
    });
  });

  it('recovers the code from a known description and the description from a bare code', () => {
    const byText = parseSendResponse({
      error: 'Number 27999000001 is not approved WhatsApp number',
      messages: [],
    });
    expect(byText.success && byText.output.error?.code).toBe(159);
    const byCode = parseSendResponse({ errorCode: 7 });
    expect(byCode.success && byCode.output.error).toEqual({ code: 7, description: 'IP lockdown violation' });
    const unknown = parseSendResponse({ error: 'Something new went wrong' });
    expect(unknown.success && unknown.output.error).toEqual({
      code: null,
      description: 'Something new went wrong',
    });
  });

  it('treats a message without `accepted` as accepted only with an id and no error', () => {
    const result = parseSendResponse({
      messages: [
        { messageId: 'm1', to: '1' },
        { to: '2', errorCode: 100 },
      ],
    });
    expect(result.success && result.output.messages.map((m) => m.accepted)).toEqual([true, false]);
  });

  it.each([
    ['not an object', 'oops'],
    ['messages not an array', { messages: {} }],
    ['a non-numeric errorCode', { errorCode: 'abc' }],
  ])('fails on %s', (_, json) => {
    const result = parseSendResponse(json);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues.length).toBeGreaterThan(0);
  });

  it('reads an all-accepted answer the same with or without the fast path', () => {
    const accepted = {
      messageId: ' m1 ',
      clientMessageId: 'c1',
      accepted: true,
      to: '27999000001',
      error: null,
    };
    const fast = parseSendResponse({ error: null, messages: [accepted] });
    // `accepted` as the string "true" takes the schema path for the same content.
    const slow = parseSendResponse({
      error: null,
      errorCode: null,
      messages: [{ ...accepted, accepted: 'true' }],
    });
    expect(fast).toEqual(slow);
    expect(fast.success && fast.output.messages[0]?.messageId).toBe('m1');
  });
});
