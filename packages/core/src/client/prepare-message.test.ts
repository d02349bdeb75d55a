import { describe, expect, it } from 'vitest';
import { describeMessage, prepareMessage } from './prepare-message.ts';

const options = { encrypted: false, fits: () => true, maxBytes: 20_000_000 };

describe('prepareMessage', () => {
  it('serializes a valid message with a new id, and measures its bytes', () => {
    const prepared = prepareMessage({ to: '+27 99 900 0001', content: 'Olá' }, 3, options);
    expect(prepared).toMatchObject({ index: 3, to: '27999000001', generatedId: true });
    if (!('json' in prepared)) throw new Error('expected a prepared message');
    expect(JSON.parse(prepared.json)).toEqual({
      to: '27999000001',
      content: 'Olá',
      clientMessageId: prepared.clientMessageId,
    });
    expect(prepared.bytes).toBe(new TextEncoder().encode(prepared.json).length);
  });

  it("keeps the caller's own id, where the caller put it", () => {
    const message = { clientMessageId: 'order-17', to: '+27 99 900 0001', content: 'hi' };
    const prepared = prepareMessage(message, 0, options);
    if (!('json' in prepared)) throw new Error('expected a prepared message');
    expect(prepared).toMatchObject({ clientMessageId: 'order-17', generatedId: false });
    expect(prepared.json).toBe('{"clientMessageId":"order-17","to":"27999000001","content":"hi"}');
    expect(prepared.bytes).toBe(prepared.json.length);
  });

  it('rejects a message too big for any request with 105, unsent', () => {
    const result = prepareMessage({ to: '27999000001', content: 'hi', clientMessageId: 'mine' }, 0, {
      ...options,
      fits: (bytes) => bytes < 10,
      maxBytes: 9,
    });
    expect(result).toMatchObject({ outcome: 'rejected', clientMessageId: 'mine', error: { code: 105 } });
    expect('json' in result).toBe(false);
    expect((result as { error: Error }).error.message).toMatch(
      /The message alone is \d+ bytes of JSON; a request may hold 9/,
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
