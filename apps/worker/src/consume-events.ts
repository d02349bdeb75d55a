import type { HandOffMessage } from '@clickwa/webhook';

/**
 * The sample consumer: logs each event and acknowledges it. Replace it with your business logic, or point
 * your own Worker at the `clickwa-events` queue. Delivery is at least once: use `event.key` to deduplicate.
 * An event too large for a Queue message comes as `{ byReference: true, key }`: read it at
 * `GET /api/events/:key`.
 */
export async function consumeEvents(batch: MessageBatch<HandOffMessage>): Promise<void> {
  for (const message of batch.messages) {
    const event = message.body;
    if ('byReference' in event) {
      console.log(
        `${event.kind} ${event.messageId}: by reference, GET /api/events/${encodeURIComponent(event.key)}`,
      );
    } else if (event.kind === 'status') {
      console.log(`status ${event.messageId}: ${event.statusCode} ${event.status}`);
    } else {
      console.log(
        `message ${event.messageId} from ${event.from}: ${event.type}${event.relatedMessageId ? ' (reply)' : ''}`,
      );
    }
    message.ack();
  }
}
