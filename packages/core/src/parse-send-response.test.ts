import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { sample } from '../test/fixtures.ts';
import { findApiErrorCode, getApiError } from './catalogs/api-errors.ts';
import { parseSendResponse, type SendResponse } from './parse-send-response.ts';
import type { Result } from './result.ts';
import { SendResponseWireSchema } from './schemas/send-response.ts';

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

// The reading the wire schema gives: what `parseSendResponse` must agree with, field for field.
function readWithSchema(json: unknown): Result<SendResponse> {
  const parsed = v.safeParse(SendResponseWireSchema, json);
  if (!parsed.success) return { success: false, issues: [] };
  const code = (e: unknown, c: number | null | undefined) => {
    const object =
      typeof e === 'object' && e !== null
        ? (e as { code?: number | null; description?: string | null })
        : undefined;
    const text = typeof e === 'string' ? e.trim() : (object?.description?.trim() ?? '');
    const recovered = c ?? object?.code ?? (text ? findApiErrorCode(text) : null);
    if (recovered === null && !text) return null;
    return {
      code: recovered,
      description: text || (recovered === null ? 'Unknown error' : getApiError(recovered).description),
    };
  };
  const trim = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  const wire = parsed.output;
  return {
    success: true,
    output: {
      error: code(wire.error, wire.errorCode),
      messages: (wire.messages ?? []).map((m) => {
        const error = code(m.error, m.errorCode);
        return {
          messageId: trim(m.messageId),
          clientMessageId: trim(m.clientMessageId),
          accepted: m.accepted ?? (error === null && trim(m.messageId) !== null),
          to: trim(m.to),
          error,
        };
      }),
    },
  };
}

describe('parseSendResponse against SendResponseWireSchema', () => {
  const field = fc.oneof(
    fc.constantFrom(
      null,
      undefined,
      true,
      false,
      0,
      7,
      901,
      1.5,
      Number.NaN,
      '',
      ' ',
      '7',
      ' 901 ',
      'abc',
      'TRUE',
      'false',
      ' true',
    ),
    fc.constantFrom('Invalid or missing Integration API Key', 'Internal error - please retry', ' m1 ', 'c1'),
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.constant([]),
  );
  const errorField = fc.oneof(field, fc.record({ code: field, description: field }, { requiredKeys: [] }));
  const message = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(
        {
          messageId: field,
          clientMessageId: field,
          accepted: field,
          to: field,
          error: errorField,
          errorCode: field,
          extra: field,
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: field },
  );
  const answer = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record(
        {
          error: errorField,
          errorCode: field,
          messages: fc.oneof(field, fc.array(message, { maxLength: 4 })),
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: field },
  );

  it('accepts exactly what the schema accepts and reads it the same way', () => {
    fc.assert(
      fc.property(answer, (json) => {
        const mine = parseSendResponse(json);
        const schema = readWithSchema(json);
        expect(mine.success).toBe(schema.success);
        if (mine.success && schema.success) expect(mine.output).toEqual(schema.output);
        if (!mine.success) expect(mine.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseSendResponse: accepted', () => {
  const read = (message: Record<string, unknown>) => {
    const r = parseSendResponse({
      messages: [{ messageId: 'm1', clientMessageId: 'c1', to: '1', ...message }],
    });
    return r.success ? r.output.messages[0]?.accepted : 'failed';
  };

  it('reads "true" and "false" in any case', () => {
    expect(['TRUE', 'True', 'true', 'FALSE', 'false'].map((accepted) => read({ accepted }))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('takes a message without accepted for accepted only when it has an id and no error', () => {
    expect(read({})).toBe(true);
    expect(read({ error: 'Number is not opted in', errorCode: 100 })).toBe(false);
    expect(read({ messageId: null })).toBe(false);
  });
});
