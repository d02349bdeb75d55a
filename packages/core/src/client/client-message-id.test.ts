import { describe, expect, it } from 'vitest';
import { createClientMessageId } from './client-message-id.ts';

describe('createClientMessageId', () => {
  it('makes 32 lowercase hex digits', () => {
    expect(createClientMessageId()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not repeat across pool refills', () => {
    const ids = new Set(Array.from({ length: 2_000 }, createClientMessageId));
    expect(ids.size).toBe(2_000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('uses every hex digit in both halves of a byte', () => {
    const ids = Array.from({ length: 2_000 }, createClientMessageId);
    for (const position of [0, 1, 30, 31]) {
      expect(new Set(ids.map((id) => id[position])).size).toBe(16);
    }
  });
});
