import type { OutboundMessageKind } from '@clickwa/core';
import type { FaultKind } from './faults.ts';
import type { MessageSummary } from './summarize-message.ts';

/** The integration a record belongs to. */
export interface IntegrationRef {
  readonly id: string;
  readonly name: string;
}

/** A status the platform emitted for a message (its callback left, or would have without a callback URL). */
export interface StatusRecord {
  readonly statusCode: number;
  readonly status: string;
  /** When the status happened (epoch ms), as the callback's `timestamp` says. */
  readonly timestamp: number;
}

/** One attempt to deliver a callback, with the receiver's answer. */
export interface DeliveryRecord {
  readonly kind: 'status' | 'inbound';
  readonly url: string;
  readonly statusCode?: number;
  readonly attempt: number;
  readonly duplicate: boolean;
  readonly at: number;
  readonly durationMs: number;
  readonly httpStatus: number | null;
  readonly error?: string;
  readonly delivered: boolean;
}

/** A message the platform accepted, with everything that happened to it since. */
export interface MessageRecord {
  readonly messageId: string;
  readonly clientMessageId: string | null;
  readonly integration: IntegrationRef;
  readonly to: string;
  readonly kind: OutboundMessageKind;
  readonly summary: MessageSummary;
  readonly acceptedAt: number;
  /** Every status the message will go through, in logical order. */
  readonly plannedStatuses: readonly number[];
  readonly statuses: StatusRecord[];
  readonly deliveries: DeliveryRecord[];
}

/** A message a simulated user sent to the business. */
export interface InboundRecord {
  readonly messageId: string;
  readonly integration: IntegrationRef;
  readonly from: string;
  readonly type: 'text' | 'media' | 'location';
  readonly relatedMessageId: string | null;
  /** Epoch ms. The callback carries it in seconds, as the spec's samples do. */
  readonly timestamp: number;
  readonly autoReply: boolean;
  readonly deliveries: DeliveryRecord[];
  /** One API: when the business marked it read (`POST /v1/notification`), epoch ms. */
  readAt?: number;
}

/** Outcome counters, by what happened. */
export interface StoreCounters {
  requests: number;
  acceptedMessages: number;
  rejectedMessages: number;
  rejectedRequests: number;
  inbound: number;
  duplicateCallbacks: number;
  readonly errorCodes: Record<string, number>;
  readonly faults: Partial<Record<FaultKind, number>>;
}

/** Bounded history for inspection, and counters for `/_emulator/stats`. */
export interface Store {
  readonly counters: StoreCounters;
  addMessage(record: MessageRecord): void;
  getMessage(messageId: string): MessageRecord | undefined;
  messages(): IterableIterator<MessageRecord>;
  addInbound(record: InboundRecord): void;
  inbound(): IterableIterator<InboundRecord>;
  countError(code: number, messages: number): void;
  countFault(kind: FaultKind): void;
  /** Accepted messages per `clientMessageId` and per recipient; `truncated` once a map hit its bound. */
  acceptedCounts(): {
    byClientMessageId: Record<string, number>;
    byRecipient: Record<string, number>;
    truncated: boolean;
  };
  readonly evicted: number;
  reset(): void;
}

/** Bounds of the store. */
export interface StoreOptions {
  /** Messages (and, separately, inbound messages) kept for inspection; the oldest go first. */
  readonly historyLimit: number;
  /** Distinct keys per accepted-count map: ten times the history by default. */
  readonly countLimit: number;
}

function bump(map: Map<string, number>, key: string, limit: number): boolean {
  const n = map.get(key);
  if (n !== undefined) map.set(key, n + 1);
  else if (map.size < limit) map.set(key, 1);
  else return false;
  return true;
}

function newCounters(): StoreCounters {
  return {
    requests: 0,
    acceptedMessages: 0,
    rejectedMessages: 0,
    rejectedRequests: 0,
    inbound: 0,
    duplicateCallbacks: 0,
    errorCodes: {},
    faults: {},
  };
}

/**
 * Makes the store. Memory stays bounded however long the emulator runs: the history drops its oldest
 * record past `historyLimit`, and the accepted-count maps stop growing at `countLimit` keys (and say so).
 */
export function createStore(options: StoreOptions): Store {
  let messages = new Map<string, MessageRecord>();
  let inbound = new Map<string, InboundRecord>();
  let byClientMessageId = new Map<string, number>();
  let byRecipient = new Map<string, number>();
  let truncated = false;
  let evicted = 0;
  let counters = newCounters();
  const trim = <T>(map: Map<string, T>): void => {
    while (map.size > options.historyLimit) {
      map.delete(map.keys().next().value as string);
      evicted++;
    }
  };
  return {
    get counters() {
      return counters;
    },
    get evicted() {
      return evicted;
    },
    addMessage(record) {
      messages.set(record.messageId, record);
      trim(messages);
      counters.acceptedMessages++;
      if (
        record.clientMessageId !== null &&
        !bump(byClientMessageId, record.clientMessageId, options.countLimit)
      ) {
        truncated = true;
      }
      if (!bump(byRecipient, record.to, options.countLimit)) truncated = true;
    },
    getMessage: (messageId) => messages.get(messageId),
    messages: () => messages.values(),
    addInbound(record) {
      inbound.set(record.messageId, record);
      trim(inbound);
      counters.inbound++;
    },
    inbound: () => inbound.values(),
    countError(code, n) {
      counters.errorCodes[code] = (counters.errorCodes[code] ?? 0) + n;
    },
    countFault(kind) {
      counters.faults[kind] = (counters.faults[kind] ?? 0) + 1;
    },
    acceptedCounts: () => ({
      byClientMessageId: Object.fromEntries(byClientMessageId),
      byRecipient: Object.fromEntries(byRecipient),
      truncated,
    }),
    reset() {
      messages = new Map();
      inbound = new Map();
      byClientMessageId = new Map();
      byRecipient = new Map();
      truncated = false;
      evicted = 0;
      counters = newCounters();
    },
  };
}
