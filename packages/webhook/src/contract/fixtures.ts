import { getMessageStatus } from '@clickwa/core';
import type { OutboundRecord, StoredInboundMessage, StoredStatusEvent } from '../store.ts';

/** A fresh 32-hex id, like the platform's. */
export const newId = (): string => crypto.randomUUID().replaceAll('-', '');

/** A fresh South African test number (the spec's 27999... range), so tests never share a thread. */
export const newMsisdn = (): string => `2799${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** A stored status event, keyed as the gateway keys it; of the legacy API unless `extra.api` says otherwise. */
export function statusEvent(
  messageId: string,
  statusCode: number,
  timestamp: number,
  extra: Partial<StoredStatusEvent> = {},
): StoredStatusEvent {
  const api = extra.api ?? 'wa';
  const { status, lifecycle } = getMessageStatus(statusCode, api);
  return {
    kind: 'status',
    key: `status:${messageId}:${statusCode}:${timestamp}`,
    api,
    messageId,
    clientMessageId: null,
    statusCode,
    status,
    lifecycle,
    timestamp,
    integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
    integrationName: 'My integration',
    receivedAt: timestamp + 5,
    ...extra,
  };
}

/** A stored text message from a user. */
export function inboundText(
  from: string,
  timestamp: number,
  extra: Partial<StoredInboundMessage> = {},
): StoredInboundMessage {
  const messageId = extra.messageId ?? newId();
  return {
    kind: 'message',
    key: `message:${messageId}`,
    api: 'wa',
    messageId,
    from,
    to: null,
    profileName: null,
    type: 'text',
    content: 'Received Message Sample',
    media: null,
    location: null,
    relatedMessageId: null,
    relatedClientMessageId: null,
    encryptionKey: null,
    timestamp,
    integrationId: 'ff8080815f05d5ed015f0b5b56080cd2',
    integrationName: 'My WhatsApp Production Integration',
    receivedAt: timestamp + 5,
    ...extra,
  };
}

/** An outbound record as the gateway writes it after a send. */
export function outboundRecord(
  to: string,
  sentAt: number,
  extra: Partial<OutboundRecord> = {},
): OutboundRecord {
  return {
    api: 'wa',
    clientMessageId: newId(),
    messageId: newId(),
    to,
    kind: 'template',
    template: 'payment_alert',
    content: null,
    caption: null,
    outcome: 'accepted',
    error: null,
    integration: null,
    sentAt,
    index: 0,
    ...extra,
  };
}

/** A small deterministic PRNG (mulberry32), so a failing order can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the given random source. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
