import { utf8ByteLength } from '../internal/utf8-byte-length.ts';
import type { OutboxEntry } from '../store.ts';
import type { HandOffLimits, HandOffMessage } from './hand-off-message.ts';

/** One batch to hand on, with the outbox ids it completes. */
export interface PackedBatch {
  readonly ids: string[];
  readonly messages: HandOffMessage[];
}

/**
 * Packs claimed entries into batches within the hand-off limits, in order. An event whose JSON passes the
 * message limit (sizes in UTF-8 bytes, not UTF-16 units), or that the store keeps only by reference, goes as
 * a reference.
 */
export function packBatches(entries: readonly OutboxEntry[], limits: Required<HandOffLimits>): PackedBatch[] {
  const batches: PackedBatch[] = [];
  let batch: PackedBatch = { ids: [], messages: [] };
  let bytes = 0;
  for (const entry of entries) {
    let message: HandOffMessage | undefined = entry.event ?? undefined;
    let size = message ? utf8ByteLength(JSON.stringify(message)) : Number.POSITIVE_INFINITY;
    if (!message || size > limits.maxMessageBytes) {
      message = { kind: entry.kind, key: entry.key, messageId: entry.messageId, byReference: true };
      size = utf8ByteLength(JSON.stringify(message));
    }
    if (
      batch.ids.length > 0 &&
      (batch.ids.length >= limits.maxMessages || bytes + size > limits.maxBatchBytes)
    ) {
      batches.push(batch);
      batch = { ids: [], messages: [] };
      bytes = 0;
    }
    batch.ids.push(entry.id);
    batch.messages.push(message);
    bytes += size;
  }
  if (batch.ids.length > 0) batches.push(batch);
  return batches;
}
