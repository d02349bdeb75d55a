/**
 * The Store port: everything the gateway asks of storage, in one place. An adapter (D1 + R2 on Workers,
 * SQLite + a directory on Node, memory in tests) implements it and must pass `runStoreContract` from
 * `@clickwa/webhook/contract`. All timestamps are epoch milliseconds.
 *
 * Two guarantees carry the gateway's correctness, and both must hold under concurrent calls:
 * - `insertEvent` is idempotent: an event whose `key` is already stored is a `duplicate`, never a second row.
 *   The key must be enforced by the storage itself (a unique index, a transaction), never by a read-then-write
 *   or by an eventually consistent store such as Workers KV.
 * - For a status event, the same atomic write makes it the message's current status when the core's
 *   `isNewerStatus` says it is newer than the current one (adapters compare the core's `statusRank` and the
 *   timestamp). So the current status does not depend on arrival order, a late QUEUED never overwrites
 *   READ, and a stale failure never undoes proof of delivery.
 */

/** A status callback as stored (spec 7.2.1): the core's status event, without credentials. */
export interface StoredStatusEvent {
  readonly kind: 'status';
  /** The dedup key, from `eventKey`: `status:<messageId>:<statusCode>:<timestamp>`. */
  readonly key: string;
  readonly messageId: string;
  readonly clientMessageId: string | null;
  readonly statusCode: number;
  readonly status: string;
  readonly timestamp: number;
  readonly integrationId: string | null;
  readonly integrationName: string | null;
  /** When the gateway stored it. */
  readonly receivedAt: number;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Where an inbound media file's bytes are: `getMedia(sha256)`. */
export interface StoredMedia {
  /** Lowercase hex SHA-256 of the stored bytes (as received: ciphertext when the message is encrypted). */
  readonly sha256: string;
  readonly contentType: string;
  readonly size: number;
  readonly caption: string | null;
  /** The hash the callback declared (of the clear file, spec 7.3.5), when it carried one. */
  readonly declaredSha256: string | null;
}

/** A location a user shared (spec 7.3.4). */
export interface StoredLocation {
  readonly latitude: number;
  readonly longitude: number;
  readonly name: string | null;
  readonly address: string | null;
}

/** A message a user sent to the business (spec 7.3), as stored. Media bytes live apart, under `media.sha256`. */
export interface StoredInboundMessage {
  readonly kind: 'message';
  /** The dedup key, from `eventKey`: `message:<messageId>`. */
  readonly key: string;
  readonly messageId: string;
  /** The user's number, international digits. */
  readonly from: string;
  readonly type: 'text' | 'media' | 'location' | 'unknown';
  /** The text (ciphertext when `encryptionKey` is set); null for media, locations and unknown types. */
  readonly content: string | null;
  readonly media: StoredMedia | null;
  readonly location: StoredLocation | null;
  /** The business message this one replies to (spec 7.3.2). */
  readonly relatedMessageId: string | null;
  readonly encryptionKey: string | null;
  readonly timestamp: number;
  readonly integrationId: string | null;
  readonly integrationName: string | null;
  readonly receivedAt: number;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Any stored callback event. */
export type StoredEvent = StoredStatusEvent | StoredInboundMessage;

/** What `insertEvent` did. */
export type InsertOutcome = 'inserted' | 'duplicate';

/** A message's current status: the newest by the core's `isNewerStatus`. */
export interface CurrentStatus {
  readonly code: number;
  readonly status: string;
  readonly timestamp: number;
}

/** A message the business sent through the gateway (one per result of the send client). */
export interface OutboundRecord {
  readonly clientMessageId: string;
  /** The platform's id; null when the message was not accepted. */
  readonly messageId: string | null;
  /** International digits. */
  readonly to: string;
  readonly kind: 'text' | 'template' | 'media';
  /** The template name, for templates. */
  readonly template: string | null;
  /** The text of a text message (null when encrypted or not text). */
  readonly content: string | null;
  readonly caption: string | null;
  readonly outcome: 'accepted' | 'rejected' | 'unknown' | 'not-sent';
  readonly error: {
    readonly code: number | string;
    readonly description: string;
    readonly retryable: boolean;
  } | null;
  readonly integration: string | null;
  readonly sentAt: number;
  /** Position in its request: orders the messages of one send, which share `sentAt`. */
  readonly index: number;
}

/**
 * Everything stored about one message the business sent, found by `messageId` (or, for a message that was
 * never accepted, by `clientMessageId` only).
 */
export interface MessageRecord {
  readonly messageId: string | null;
  readonly current: CurrentStatus | null;
  /** Every stored status event of the message, in any order. */
  readonly events: readonly StoredStatusEvent[];
  readonly outbound: OutboundRecord | null;
}

/** One conversation's messages both ways; the gateway orders them. */
export interface ConversationRecords {
  readonly outbound: readonly OutboundRecord[];
  readonly inbound: readonly StoredInboundMessage[];
  /** The current status of each outbound message that has one, by messageId. */
  readonly statuses: Readonly<Record<string, CurrentStatus>>;
}

/** A stored media file. */
export interface MediaObject {
  readonly body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  readonly size: number;
}

/** Bounds of a conversation read. */
export interface ConversationQuery {
  /** The newest messages each way, at most. Default 100. */
  readonly limit?: number;
}

/** The storage contract of the gateway. Every method may reject; the gateway answers 5xx then. */
export interface Store {
  /**
   * Stores an event unless one with its `key` is stored, atomically; for a status event, in the same atomic
   * write, makes it the current status of its message when `isNewerStatus(current, event)`.
   */
  insertEvent(event: StoredEvent): Promise<InsertOutcome>;
  /** Removes an event by key (the gateway undoes an insert whose hand-off failed, so the retry hands it on). */
  deleteEvent(key: string): Promise<void>;
  /** Stores media bytes under their SHA-256 (content-addressed: storing the same bytes twice is a no-op). */
  putMedia(sha256: string, bytes: Uint8Array, contentType: string): Promise<void>;
  getMedia(sha256: string): Promise<MediaObject | null>;
  /** Records a message the gateway sent. A record with the messageId of one already stored replaces it. */
  recordOutbound(record: OutboundRecord): Promise<void>;
  getMessage(messageId: string): Promise<MessageRecord | null>;
  /** Messages sent with this clientMessageId (the gateway's records and status callbacks carrying it), newest first. */
  findByClientMessageId(clientMessageId: string): Promise<readonly MessageRecord[]>;
  getConversation(msisdn: string, query?: ConversationQuery): Promise<ConversationRecords>;
  /** When this number last wrote to the business (the newest inbound timestamp), or null. */
  lastInboundAt(msisdn: string): Promise<number | null>;
}
