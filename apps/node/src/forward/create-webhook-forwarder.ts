import type { HandOff, HandOffMessage } from '@clickwa/webhook';
import { signWebhook, webhookSecretKey } from './sign-webhook.ts';

/** Options of `createWebhookForwarder`. */
export interface WebhookForwarderOptions {
  /** Where each event is POSTed. */
  readonly url: string;
  /** The Standard Webhooks secret (`whsec_` and base64) your endpoint verifies signatures with. */
  readonly secret: string;
  /** How long one delivery may take. Default 10,000 ms. */
  readonly timeoutMs?: number;
  /** Deliveries in flight at once, per batch. Default 8. */
  readonly concurrency?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** A delivery the endpoint did not take (a non-2xx answer). */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
  constructor(
    readonly status: number,
    readonly id: string,
  ) {
    super(`The webhook endpoint answered ${status} to ${id}`);
  }
}

/**
 * A hand-off that POSTs each event to your URL as JSON, signed with Standard Webhooks' headers
 * (`webhook-id`: the event's key, the same on every retry; `webhook-timestamp`; `webhook-signature`). A batch
 * succeeds when every delivery got a 2xx; otherwise the outbox keeps it and the drain retries it later, so
 * an endpoint may see an event more than once: deduplicate by `webhook-id`.
 *
 * @example
 * const drain = createOutboxDrain({ store, handOff: createWebhookForwarder({ url, secret: 'whsec_...' }) });
 */
export function createWebhookForwarder(options: WebhookForwarderOptions): HandOff {
  const key = webhookSecretKey(options.secret);
  if (!/^https?:\/\//.test(options.url)) throw new TypeError('The forward URL must be an http(s) URL');
  const send = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const concurrency = Math.max(1, options.concurrency ?? 8);

  async function deliver(message: HandOffMessage): Promise<void> {
    const body = JSON.stringify(message);
    const timestamp = Math.floor(now() / 1000);
    const response = await send(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': message.key,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(key, message.key, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new WebhookDeliveryError(response.status, message.key);
  }

  return async (messages) => {
    let next = 0;
    const failures: unknown[] = [];
    const worker = async () => {
      while (next < messages.length) {
        const message = messages[next++]!;
        await deliver(message).catch((error: unknown) => failures.push(error));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, messages.length) }, worker));
    if (failures.length > 0) throw failures[0];
  };
}
