import { describe, expect, it } from 'vitest';
import { media, template } from './builders.ts';
import { describeMessage, type PreparedMessage, prepareMessage } from './prepare-message.ts';
import type { SendResult } from './send-result.ts';

const options = { api: 'wa', encrypted: false, fits: () => true, maxBytes: 20_000_000 } as const;
const utf8 = (text: string) => new TextEncoder().encode(text).length;
function expectPrepared(m: PreparedMessage | SendResult): PreparedMessage {
  if (!('json' in m)) throw new Error(`expected a prepared message, got ${m.outcome}`);
  return m;
}

describe('prepareMessage', () => {
  it('serializes a message with a new id when it is read, counting its UTF-8 bytes exactly', () => {
    const message = { to: '+27 99 900 0001', content: 'Olá 🙂' };
    const prepared = expectPrepared(prepareMessage(message, 3, options));
    expect(prepared).toMatchObject({ index: 3, to: '27999000001', generatedId: true });
    expect(JSON.parse(prepared.json)).toEqual({
      clientMessageId: prepared.clientMessageId,
      to: '27999000001',
      content: 'Olá 🙂',
    });
    expect(prepared.bytes).toBe(utf8(prepared.json));
    // The caller's message gets no id, and what the caller changes afterwards is not sent.
    expect(message).toEqual({ to: '+27 99 900 0001', content: 'Olá 🙂' });
    message.content = 'changed';
    expect(prepared.json).toContain('Olá');
  });

  it("serializes nested fields when the message is read, so a later change of the caller's is not sent", () => {
    const message = template('27999000001', 'order_update', { 1: 'Anna' });
    const prepared = expectPrepared(prepareMessage(message, 0, options));
    (message.hsm.parameters as Record<string, string>)[1] = 'changed';
    expect(JSON.parse(prepared.json)).toEqual({
      to: '27999000001',
      hsm: { template: 'order_update', parameters: { 1: 'Anna' } },
      clientMessageId: prepared.clientMessageId,
    });
    expect(prepared.bytes).toBe(utf8(prepared.json));
  });

  it('counts the bytes of a long message exactly, with a new id or its own', () => {
    // A document sent inline, 30,000 bytes of it, with a caption that is not ASCII.
    const pdf = new Uint8Array(30_000).fill(0x41);
    pdf.set(new TextEncoder().encode('%PDF-1.7'));
    for (const clientMessageId of [undefined, 'order-18']) {
      const message = media('27999000001', pdf, { caption: 'Olá 🙂 — your invoice', clientMessageId });
      const prepared = expectPrepared(prepareMessage(message, 0, options));
      expect(prepared.json.length).toBeGreaterThan(16_384);
      expect(prepared.bytes).toBe(utf8(prepared.json));
    }
  });

  it('prepares a message that exactly fills a request', () => {
    const message = { to: '27999000001', content: 'Olá', clientMessageId: 'order-19' };
    const json = '{"clientMessageId":"order-19","to":"27999000001","content":"Olá"}';
    const prepared = prepareMessage(message, 0, {
      ...options,
      fits: (bytes) => bytes <= utf8(json),
      maxBytes: utf8(json),
    });
    expect(prepared).toMatchObject({ json, bytes: utf8(json) });
  });

  it("keeps the caller's own id", () => {
    const message = { to: '+27 99 900 0001', content: 'hi', clientMessageId: 'order-17' };
    const prepared = expectPrepared(prepareMessage(message, 0, options));
    expect(prepared).toMatchObject({ clientMessageId: 'order-17', generatedId: false });
    expect(JSON.parse(prepared.json)).toEqual({
      to: '27999000001',
      content: 'hi',
      clientMessageId: 'order-17',
    });
    expect(prepared.bytes).toBe(utf8(prepared.json));
  });

  it('rejects a message too big for any request with 105, unsent', () => {
    const result = prepareMessage({ to: '27999000001', content: 'hi', clientMessageId: 'mine' }, 0, {
      ...options,
      fits: (bytes) => bytes < 10,
      maxBytes: 9,
    });
    expect(result).toMatchObject({ outcome: 'rejected', clientMessageId: 'mine', error: { code: 105 } });
    expect('json' in result).toBe(false);
    const json = '{"clientMessageId":"mine","to":"27999000001","content":"hi"}';
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
      expect(JSON.parse(prepared.json).clientMessageId).toBe(prepared.clientMessageId);
    }
    expect(describeMessage({ to: '27999000001', clientMessageId: '' }, 0).clientMessageId).toMatch(
      /^[0-9a-f]{32}$/,
    );
  });
});
