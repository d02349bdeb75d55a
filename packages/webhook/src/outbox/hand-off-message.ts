import type { StoredEvent } from '../store.ts';

/** An event too large to hand on whole: read it at `GET /api/events/:key` (URL-encode the key). */
export interface EventReference {
  readonly kind: StoredEvent['kind'];
  readonly key: string;
  readonly messageId: string;
  readonly byReference: true;
}

/** What a consumer receives: the stored event, or a reference to it. Deduplicate by `key`. */
export type HandOffMessage = StoredEvent | EventReference;

/** Hands a batch on (Workers: `queue.sendBatch`); rejects when nothing may be assumed delivered. */
export type HandOff = (messages: readonly HandOffMessage[]) => Promise<void>;

/**
 * The bounds of one hand-off, in UTF-8 bytes of the JSON. The defaults are Cloudflare Queues' `sendBatch`
 * limits (100 messages, 256 KB a batch, 128 KB a message) with room for the Queue's own framing.
 */
export interface HandOffLimits {
  readonly maxMessages?: number;
  readonly maxBatchBytes?: number;
  readonly maxMessageBytes?: number;
}

export const HAND_OFF_LIMITS = {
  maxMessages: 100,
  maxBatchBytes: 250_000,
  maxMessageBytes: 120_000,
} as const satisfies Required<HandOffLimits>;
