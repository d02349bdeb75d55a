import { describe, expect, it } from 'vitest';
import { media } from './builders.ts';
import { describeMessage, prepareMessage } from './prepare-message.ts';

const options = { encrypted: false, fits: () => true, maxBytes: 20_000_000 };
const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('prepareMessage', () => {
  it('serializes a valid message with a new id, and bounds its bytes by three a UTF-16 unit', () => {
    const prepared = prepareMessage({ to: '+27 99 900 0001', content: 'Olá' }, 3, options);
    expect(prepared).toMatchObject({ index: 3, to: '27999000001', generatedId: true });
    if (!('json' in prepared)) throw new Error('expected a prepared message');
    expect(JSON.parse(prepared.json)).toEqual({
      to: '27999000001',
      content: 'Olá',
      clientMessageId: prepared.clientMessageId,
    });
    // A short message is not scanned: the bound is above its bytes, never below.
    expect(prepared.bytes).toBe(prepared.json.length * 3);
    expect(prepared.bytes).toBeGreaterThan(utf8(prepared.json));
  });

  it('counts the bytes of a long message exactly, with a new id or its own', () => {
    // A document sent inline, 30,000 bytes of it, with a caption that is not ASCII.
    const pdf = new Uint8Array(30_000).fill(0x41);
    pdf.set(new TextEncoder().encode('%PDF-1.7'));
    for (const clientMessageId of [undefined, 'order-18']) {
      const message = media('27999000001', pdf, { caption: 'Olá 🙂 — your invoice', clientMessageId });
      const prepared = prepareMessage(message, 0, options);
      if (!('json' in prepared)) throw new Error('expected a prepared message');
      expect(prepared.json.length).toBeGreaterThan(16_384);
      expect(prepared.bytes).toBe(utf8(prepared.json));
    }
  });

  it('counts exactly when the bound would not fit a request, and prepares what does', () => {
    const message = { to: '27999000001', content: 'Olá', clientMessageId: 'order-19' };
    const json = '{"to":"27999000001","content":"Olá","clientMessageId":"order-19"}';
    const prepared = prepareMessage(message, 0, {
      ...options,
      fits: (bytes) => bytes <= utf8(json),
      maxBytes: utf8(json),
    });
    expect(prepared).toMatchObject({ json, bytes: utf8(json) });
  });

  it("keeps the caller's own id, where the caller put it", () => {
    const message = { clientMessageId: 'order-17', to: '+27 99 900 0001', content: 'hi' };
    const prepared = prepareMessage(message, 0, options);
    if (!('json' in prepared)) throw new Error('expected a prepared message');
    expect(prepared).toMatchObject({ clientMessageId: 'order-17', generatedId: false });
    expect(prepared.json).toBe('{"clientMessageId":"order-17","to":"27999000001","content":"hi"}');
    expect(prepared.bytes).toBeGreaterThanOrEqual(prepared.json.length);
  });

  it('rejects a message too big for any request with 105, unsent', () => {
    const result = prepareMessage({ to: '27999000001', content: 'hi', clientMessageId: 'mine' }, 0, {
      ...options,
      fits: (bytes) => bytes < 10,
      maxBytes: 9,
    });
    expect(result).toMatchObject({ outcome: 'rejected', clientMessageId: 'mine', error: { code: 105 } });
    expect('json' in result).toBe(false);
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
    const prepared = prepareMessage({ to: '27999000001', content: 'hi', clientMessageId: '' }, 0, options);
    expect('json' in prepared && [prepared.clientMessageId.length, prepared.generatedId]).toEqual([32, true]);
    // The request carries the new id, not the empty one.
    expect('json' in prepared && JSON.parse(prepared.json).clientMessageId).toBe(prepared.clientMessageId);
    expect(describeMessage({ to: '27999000001', clientMessageId: '' }, 0).clientMessageId).toMatch(
      /^[0-9a-f]{32}$/,
    );
  });
});
