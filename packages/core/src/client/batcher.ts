import { LIMITS } from '../limits.ts';
import { requestOverheadBytes } from './request-body.ts';

/** What the batcher needs to know of a message. */
export interface BatchItem {
  /** UTF-8 bytes of the message's JSON, or a bound above them (never fewer: no request passes its limit). */
  readonly bytes: number;
  readonly clientMessageId: string;
  /** Set when the client drew the id itself: 128 random bits never repeat, so it is not checked. */
  readonly generatedId?: boolean;
}

/** Limits of one request. */
export interface BatchLimits {
  /** Messages per request; defaults to `LIMITS.maxMessagesPerRequest` (200). */
  readonly maxMessages?: number;
  /** UTF-8 bytes of the whole body; defaults to `LIMITS.maxRequestBytes` (20 MB). */
  readonly maxBytes?: number;
  /** Top-level `encryptionKey`, which counts towards the body's size. */
  readonly encryptionKey?: string;
}

/** Groups items into requests as they arrive; see `createBatcher`. */
export interface Batcher<T extends BatchItem> {
  /** Whether a message of `bytes` fits in a request on its own; one that does not can never be sent. */
  fits(bytes: number): boolean;
  /** Adds an item that `fits`; returns the batch it closed when the item did not fit in the open one. */
  add(item: T): T[] | undefined;
  /** Closes and returns the open batch, if it has items. */
  flush(): T[] | undefined;
  /** Items in the open batch. */
  size(): number;
}

/**
 * A streaming batcher: it holds only the open batch and closes it when the next item would make it exceed
 * `maxMessages` or `maxBytes` of serialized body, or would repeat a `clientMessageId` already in it.
 *
 * Repeated ids: answers are matched to messages by `clientMessageId`, so two messages with the same id in
 * one request could not be told apart. Rather than refuse them, the batcher sends the repeat in a later
 * request, where its answer is unambiguous. Only the open batch is checked, so memory stays bounded, and
 * only the callers' ids (`generatedId` unset) are.
 *
 * @example
 * const batcher = createBatcher({ maxMessages: 200 });
 * for (const item of items) { const full = batcher.add(item); if (full) await send(full); }
 */
export function createBatcher<T extends BatchItem>(limits: BatchLimits = {}): Batcher<T> {
  const maxMessages = limits.maxMessages ?? LIMITS.maxMessagesPerRequest;
  const maxBytes = limits.maxBytes ?? LIMITS.maxRequestBytes;
  const overhead = requestOverheadBytes(limits.encryptionKey);
  let open: T[] = [];
  let ids = new Set<string>();
  let bytes = overhead;

  const close = (): T[] | undefined => {
    if (open.length === 0) return undefined;
    const full = open;
    open = [];
    ids = new Set();
    bytes = overhead;
    return full;
  };

  return {
    fits: (itemBytes) => overhead + itemBytes <= maxBytes,
    add(item) {
      // Answers are matched without whitespace around the id: "a" and "a " would be one id there.
      const id = item.generatedId === true ? undefined : item.clientMessageId.trim();
      // A comma separates every message from the one before it.
      const fitsOpen =
        open.length < maxMessages &&
        bytes + item.bytes + (open.length > 0 ? 1 : 0) <= maxBytes &&
        (id === undefined || !ids.has(id));
      const closed = fitsOpen ? undefined : close();
      bytes += item.bytes + (open.length > 0 ? 1 : 0);
      open.push(item);
      if (id !== undefined) ids.add(id);
      return closed;
    },
    flush: close,
    size: () => open.length,
  };
}
