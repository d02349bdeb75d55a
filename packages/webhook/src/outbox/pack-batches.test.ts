import { describe, expect, it } from 'vitest';
import { inboundText, statusEvent } from '../contract/fixtures.ts';
import type { OutboxEntry, StoredEvent } from '../store.ts';
import { HAND_OFF_LIMITS } from './hand-off-message.ts';
import { packBatches } from './pack-batches.ts';

const entry = (event: StoredEvent, i: number): OutboxEntry => ({
  id: String(i),
  key: event.key,
  kind: event.kind,
  messageId: event.messageId,
  event,
  attempts: 1,
});
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

describe('packBatches', () => {
  it('keeps every batch within the Queue limits: 100 messages, batch and message bytes in UTF-8', () => {
    const events = Array.from({ length: 250 }, (_, i) =>
      i % 5 === 0
        ? inboundText('27999000001', 1_700_000_000_000 + i, { content: '漢'.repeat(30_000) }) // 90 KB, 30,000 units
        : statusEvent(`m${i}`, 4, 1_700_000_000_000 + i),
    );
    const batches = packBatches(events.map(entry), HAND_OFF_LIMITS);
    expect(batches.flatMap((b) => b.ids)).toEqual(events.map((_, i) => String(i)));
    for (const batch of batches) {
      expect(batch.messages.length).toBeLessThanOrEqual(100);
      expect(batch.messages.reduce((n, m) => n + bytes(m), 0)).toBeLessThanOrEqual(
        HAND_OFF_LIMITS.maxBatchBytes,
      );
    }
  });

  it('hands an event over the message limit in UTF-8 bytes (not UTF-16 units) on by reference', () => {
    // 43,000 CJK characters: 43,000 units, 129,000 bytes.
    const big = inboundText('27999000001', 1_700_000_000_000, { content: '漢'.repeat(43_000) });
    const [batch] = packBatches([entry(big, 1), { ...entry(big, 2), event: null }], HAND_OFF_LIMITS);
    const reference = { kind: 'message', key: big.key, messageId: big.messageId, byReference: true };
    expect(batch!.messages).toEqual([reference, reference]);
  });
});
