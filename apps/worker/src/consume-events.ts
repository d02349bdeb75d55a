import type { StoredEvent } from '@clickwa/webhook';

/**
 * The sample consumer: logs each event and acknowledges it. Replace it with your business logic, or point
 * your own Worker at the `clickwa-events` queue. Delivery is at least once: use `event.key` to deduplicate.
 */
export async function consumeEvents(batch: MessageBatch<StoredEvent>): Promise<void> {
  for (const message of batch.messages) {
    const event = message.body;
    if (event.kind === 'status') {
      console.log(`status ${event.messageId}: ${event.statusCode} ${event.status}`);
    } else {
      console.log(
        `message ${event.messageId} from ${event.from}: ${event.type}${event.relatedMessageId ? ' (reply)' : ''}`,
      );
    }
    message.ack();
  }
}
