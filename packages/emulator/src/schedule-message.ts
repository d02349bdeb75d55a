import { getMessageStatus } from '@clickwa/core';
import { statusCallbackBody } from './callback-bodies.ts';
import type { Integration } from './integrations.ts';
import { scheduleStatuses } from './lifecycle.ts';
import { oneApiStatusBody } from './one-api/one-api-callback-bodies.ts';
import { ONE_API_READ } from './one-api/one-api-lifecycle.ts';
import type { Platform } from './platform.ts';
import { deliveryRecorder, simulateInbound } from './simulate-inbound.ts';
import type { MessageRecord } from './store.ts';

/** The text a simulated user answers an auto-reply number with, quoting what it answers. */
function replyText(record: MessageRecord): string {
  const { summary } = record;
  const quoted =
    summary.kind === 'text'
      ? summary.content
      : summary.kind === 'template'
        ? (summary.rendered ?? summary.template)
        : summary.contentType;
  return `Re: ${quoted.length > 60 ? `${quoted.slice(0, 57)}...` : quoted}`;
}

/**
 * Plays out the life of an accepted message: each planned status, at its time, as a callback to the
 * integration's status URL (sometimes twice), or all in one body (`statusBatch: 'message'`); an auto-reply after READ for `279997` numbers. Without a
 * status URL (or with callbacks off) the statuses are recorded at once, with the timestamps they would have.
 */
export function scheduleMessage(
  platform: Platform,
  integration: Integration,
  record: MessageRecord,
  autoReply: boolean,
): void {
  const { options, dispatcher, store } = platform;
  const random = platform.random('schedule');
  const statuses = scheduleStatuses(record.plannedStatuses, options, random);
  const url = options.callbacks ? integration.statusCallback : undefined;
  if (url && integration.statusBatch === 'message') {
    scheduleBatch(platform, integration, record, statuses, url, random);
  } else {
    for (const s of statuses) {
      const status = {
        statusCode: s.statusCode,
        status: getMessageStatus(s.statusCode, integration.api).status,
        timestamp: record.acceptedAt + s.offsetMs,
      };
      if (!url) {
        record.statuses.push(status);
        continue;
      }
      const body = JSON.stringify(
        integration.api === 'one'
          ? oneApiStatusBody(integration, { ...record, ...status })
          : statusCallbackBody(integration, { ...record, ...status }, platform.credentials),
      );
      const job = (duplicate: boolean) => ({
        url,
        body,
        headers: platform.callbackHeaders,
        onAttempt: deliveryRecorder(
          platform,
          record.deliveries,
          { kind: 'status', url, statusCode: s.statusCode, duplicate },
          { messageId: record.messageId, status: status.status },
        ),
        ...(duplicate ? {} : { onSend: () => record.statuses.push(status) }),
      });
      dispatcher.schedule(job(false), s.sendAfterMs);
      if (random.chance(options.duplicateRate)) {
        store.counters.duplicateCallbacks++;
        dispatcher.schedule(job(true), s.sendAfterMs + random.int(options.jitterMs + options.stepMs + 1));
      }
    }
  }
  const last = statuses[statuses.length - 1];
  if (autoReply && last?.statusCode === (integration.api === 'one' ? ONE_API_READ : 27)) {
    const offsetMs = last.offsetMs + options.stepMs;
    simulateInbound(
      platform,
      integration,
      { from: record.to, content: replyText(record), relatedMessageId: record.messageId },
      { offsetMs, sendAfterMs: offsetMs + options.inboundDelayMs, autoReply: true },
    );
  }
}

/**
 * The statuses of a message in one One API body, sent when the last is due; a status the duplicate rate picks
 * is in it twice, so a receiver meets repeats inside one body as well as across bodies.
 */
function scheduleBatch(
  platform: Platform,
  integration: Integration,
  record: MessageRecord,
  statuses: ReturnType<typeof scheduleStatuses>,
  url: string,
  random: ReturnType<Platform['random']>,
): void {
  const last = statuses[statuses.length - 1];
  if (!last) return;
  const items = statuses.map((s) => ({
    statusCode: s.statusCode,
    status: getMessageStatus(s.statusCode, 'one').status,
    timestamp: record.acceptedAt + s.offsetMs,
  }));
  const sent = items.flatMap((status) => {
    if (!random.chance(platform.options.duplicateRate)) return [status];
    platform.store.counters.duplicateCallbacks++;
    return [status, status];
  });
  platform.dispatcher.schedule(
    {
      url,
      body: JSON.stringify(
        oneApiStatusBody(integration, ...sent.map((status) => ({ ...record, ...status }))),
      ),
      headers: platform.callbackHeaders,
      onAttempt: deliveryRecorder(
        platform,
        record.deliveries,
        { kind: 'status', url, statusCode: last.statusCode, duplicate: false },
        { messageId: record.messageId, status: items[items.length - 1]!.status },
      ),
      onSend: () => record.statuses.push(...items),
    },
    last.sendAfterMs,
  );
}

/** How many callbacks `scheduleMessage` will queue for a message, duplicates aside: the pending bound's unit. */
export function plannedCallbacks(
  platform: Platform,
  integration: Integration,
  statuses: number,
  autoReply: boolean,
): number {
  if (!platform.options.callbacks) return 0;
  const status = !integration.statusCallback
    ? 0
    : integration.statusBatch === 'message'
      ? Math.min(statuses, 1)
      : statuses;
  const reply = autoReply && integration.inboundCallback ? 1 : 0;
  return status + reply;
}
