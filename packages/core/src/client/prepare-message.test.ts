import { describe, expect, it } from 'vitest';
import { flatJsonBound } from '../internal/flat-json-bound.ts';
import { media, template } from './builders.ts';
import { describeMessage, type PreparedMessage, prepareMessage } from './prepare-message.ts';
import type { SendResult } from './send-result.ts';

const options = { encrypted: false, fits: () => true, maxBytes: 20_000_000 };
const utf8 = (text: string) => new TextEncoder().encode(text).length;
// The message's JSON as its request carries it.
const jsonOf = (m: PreparedMessage) =>
  typeof m.payload === 'string' ? m.payload : JSON.stringify(m.payload);
function expectPrepared(m: PreparedMessage | SendResult): PreparedMessage {
  if (!('payload' in m)) throw new Error(`expected a prepared message, got ${m.outcome}`);
  return m;
}

describe('prepareMessage', () => {
  it('keeps a short flat message as a copy with a new id, its bytes bounded without scanning', () => {
    const message = { to: '+27 99 900 0001', content: 'Olá' };
    const prepared = expectPrepared(prepareMessage(message, 3, options));
    expect(prepared).toMatchObject({ index: 3, to: '27999000001', generatedId: true });
    expect(prepared.payload).toEqual({
      clientMessageId: prepared.clientMessageId,
      to: '27999000001',
      content: 'Olá',
    });
    // The bound is above its bytes, never below.
    expect(prepared.bytes).toBe(flatJsonBound(prepared.payload as object));
    expect(prepared.bytes).toBeGreaterThan(utf8(jsonOf(prepared)));
    // The copy is the client's: the caller's message gets no id, and what the caller changes afterwards is
    // not sent.
    expect(message).toEqual({ to: '+27 99 900 0001', content: 'Olá' });
    message.content = 'changed';
    expect(jsonOf(prepared)).toContain('Olá');
  });

  it("serializes a message with nested fields when it is read, so a later change of the caller's is not sent", () => {
    const message = template('27999000001', 'order_update', { 1: 'Anna' });
    const prepared = expectPrepared(prepareMessage(message, 0, options));
    expect(typeof prepared.payload).toBe('string');
    (message.hsm.parameters as Record<string, string>)[1] = 'changed';
    expect(JSON.parse(jsonOf(prepared))).toEqual({
      to: '27999000001',
      hsm: { template: 'order_update', parameters: { 1: 'Anna' } },
      clientMessageId: prepared.clientMessageId,
    });
    expect(prepared.bytes).toBe(jsonOf(prepared).length * 3);
  });

  it('counts the bytes of a long message exactly, with a new id or its own', () => {
    // A document sent inline, 30,000 bytes of it, with a caption that is not ASCII.
    const pdf = new Uint8Array(30_000).fill(0x41);
    pdf.set(new TextEncoder().encode('%PDF-1.7'));
    for (const clientMessageId of [undefined, 'order-18']) {
      const message = media('27999000001', pdf, { caption: 'Olá 🙂 — your invoice', clientMessageId });
      const prepared = expectPrepared(prepareMessage(message, 0, options));
      expect(jsonOf(prepared).length).toBeGreaterThan(16_384);
      expect(prepared.bytes).toBe(utf8(jsonOf(prepared)));
    }
  });

  it('counts exactly when the bound would not fit a request, and prepares what does', () => {
    const message = { to: '27999000001', content: 'Olá', clientMessageId: 'order-19' };
    const json = '{"clientMessageId":"order-19","to":"27999000001","content":"Olá"}';
    const prepared = prepareMessage(message, 0, {
      ...options,
      fits: (bytes) => bytes <= utf8(json),
      maxBytes: utf8(json),
    });
    expect(prepared).toMatchObject({ payload: json, bytes: utf8(json) });
  });

  it("keeps the caller's own id", () => {
    const message = { to: '+27 99 900 0001', content: 'hi', clientMessageId: 'order-17' };
    const prepared = expectPrepared(prepareMessage(message, 0, options));
    expect(prepared).toMatchObject({ clientMessageId: 'order-17', generatedId: false });
    expect(JSON.parse(jsonOf(prepared))).toEqual({
      to: '27999000001',
      content: 'hi',
      clientMessageId: 'order-17',
    });
    expect(prepared.bytes).toBeGreaterThanOrEqual(utf8(jsonOf(prepared)));
  });

  it('rejects a message too big for any request with 105, unsent', () => {
    const result = prepareMessage({ to: '27999000001', content: 'hi', clientMessageId: 'mine' }, 0, {
      ...options,
      fits: (bytes) => bytes < 10,
      maxBytes: 9,
    });
    expect(result).toMatchObject({ outcome: 'rejected', clientMessageId: 'mine', error: { code: 105 } });
    expect('payload' in result).toBe(false);
    // The count it reports is exact, not the bound.
    const json = '{"to":"27999000001","content":"hi","clientMessageId":"mine"}';
    expect((result as { error: Error }).error.message).toBe(
      `The message alone is ${json.length} bytes of JSON; a request may hold 9`,
    );
  });

  it('rejects a message it cannot serialize, saying why', () => {
    const result = prepareMessage({ to: '27999000001', content: 'hi', extra: 10n }, 0, options);
    expect(result).toMatchObject({ outcome: 'rejected', error: { name: 'ValidationError' } });
    expect((result as { error: Error }).error.message).toMatch(/cannot be read or serialized as JSON/);
  });
});

describe('an empty clientMessageId', () => {
  it('is replaced by a new id, flagged as drawn by the client, valid or not', () => {
    for (const message of [
      { to: '27999000001', content: 'hi', clientMessageId: '' },
      { to: '27999000001', hsm: { template: 'order_update', parameters: {} }, clientMessageId: null },
    ]) {
      const prepared = expectPrepared(prepareMessage(message, 0, options));
      expect([prepared.clientMessageId.length, prepared.generatedId]).toEqual([32, true]);
      // The request carries the new id, not the empty one.
      expect(JSON.parse(jsonOf(prepared)).clientMessageId).toBe(prepared.clientMessageId);
    }
    expect(describeMessage({ to: '27999000001', clientMessageId: '' }, 0).clientMessageId).toMatch(
      /^[0-9a-f]{32}$/,
    );
  });
});
