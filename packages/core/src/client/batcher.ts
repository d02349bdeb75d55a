import { LIMITS } from '../limits.ts';
import { requestOverheadBytes } from './request-body.ts';

/** What the batcher needs to know of a message. */
export interface BatchItem {
  /** UTF-8 bytes of the message's JSON. */
  readonly bytes: number;
  readonly clientMessageId: string;
  /** Set when the client drew the id itself: 128 random bits never repeat, so it is not checked. */
  readonly generatedId?: boolean;
  /** The destination, checked with `distinctTo`. */
  readonly to: string;
}

/** Groups items into requests as they arrive; see `createBatcher`. */
export interface Batcher<T extends BatchItem> {
  /** Whether a message of `bytes` fits in a request on its own; one that does not can never be sent. */
  fits(bytes: number): boolean;
  /**
   * Adds an item that `fits`; returns the batch it closed: the open one when the item did not fit in it, or the
   * one the item filled (a full batch goes at once, not when the next item comes).
   */
  add(item: T): T[] | undefined;
  /** Closes and returns the open batch, if it has items. */
  flush(): T[] | undefined;
  /** Items in the open batch. */
  size(): number;
}

/**
 * A streaming batcher for requests of at most 200 messages and 20 MB of body (`LIMITS`), the top-level
 * `encryptionKey` counted: it holds only the open batch and closes it when it is full, or when the next item
 * would make it exceed a limit or would repeat a `clientMessageId` already in it.
 *
 * Repeated ids: answers are matched to messages by `clientMessageId`, so two messages with the same id in
 * one request could not be told apart. Rather than refuse them, the batcher sends the repeat in a later
 * request, where its answer is unambiguous. Only the open batch is checked, so memory stays bounded, and
 * only the callers' ids (`generatedId` unset) are. With `distinctTo`, a repeated destination is sent later in
 * the same way.
 *
 * @example
 * const batcher = createBatcher({ encryptionKey });
 * for (const item of items) { const full = batcher.add(item); if (full) await send(full); }
 */
export function createBatcher<T extends BatchItem>({
  encryptionKey,
  distinctTo = false,
}: {
  readonly encryptionKey?: string;
  /** Whether a request may carry a destination only once (One API pairs answers by number). */
  readonly distinctTo?: boolean;
} = {}): Batcher<T> {
  const { maxMessagesPerRequest: maxMessages, maxRequestBytes: maxBytes } = LIMITS;
  const overhead = requestOverheadBytes(encryptionKey);
  let open: T[] = [];
  let ids = new Set<string>();
  let tos = new Set<string>();
  let bytes = overhead;

  const close = (): T[] | undefined => {
    if (open.length === 0) return undefined;
    const full = open;
    open = [];
    ids = new Set();
    tos = new Set();
    bytes = overhead;
    return full;
  };

  return {
    fits: (itemBytes) => overhead + itemBytes <= maxBytes,
    add(item) {
      // Answers are matched without whitespace around the id: "a" and "a " would be one id there.
      const id = item.generatedId === true ? undefined : item.clientMessageId.trim();
      const to = distinctTo ? item.to : undefined;
      // A comma separates every message from the one before it.
      const fitsOpen =
        bytes + item.bytes + (open.length > 0 ? 1 : 0) <= maxBytes &&
        (id === undefined || !ids.has(id)) &&
        (to === undefined || !tos.has(to));
      const closed = fitsOpen ? undefined : close();
      bytes += item.bytes + (open.length > 0 ? 1 : 0);
      open.push(item);
      if (id !== undefined) ids.add(id);
      if (to !== undefined) tos.add(to);
      // After a close the open batch holds one item: it cannot be full too.
      return closed ?? (open.length >= maxMessages ? close() : undefined);
    },
    flush: close,
    size: () => open.length,
  };
}
