import type { CallbackBodyEvent } from '@clickwa/core';

/**
 * The dedup key of a callback event (docs/decisions.md, "The gateway", "Dedup keys"):
 * - a status: `status:<messageId>:<statusCode>:<timestamp>`: a retried callback repeats all three; the same
 *   status reported again with a new timestamp is a new event (history keeps the first one);
 * - a user's message: `message:<messageId>`: the platform's id is unique per message, so a retry with a
 *   different body is still one message.
 * The same for both APIs: their message ids do not overlap, and a status code is only read with its API.
 *
 * @example eventKey(parsed.output) // 'status:3a89680503414383af44dcd0e4e5f184:4:1506607698860'
 */
export function eventKey(event: CallbackBodyEvent): string {
  return event.kind === 'status'
    ? `status:${event.messageId}:${event.statusCode}:${event.timestamp}`
    : `message:${event.messageId}`;
}
