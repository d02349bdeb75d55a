/**
 * The Store port: everything the gateway asks of storage, in one place. An adapter (D1 + R2 on Workers,
 * SQLite + a directory on Node, memory in tests) implements it and must pass `runStoreContract` from
 * `@clickwa/webhook/contract`. All timestamps are epoch milliseconds.
 *
 * The guarantees that carry the gateway's promise (a 2xx means stored for good, anything else means nothing
 * happened), all of which must hold under concurrent calls:
 * - `insertEvents` is one atomic write of every event of a callback body, each with its effect on its message's
 *   current status and its outbox entry. It either happens whole or not at all (a failure at the last event
 *   leaves none of the others), and it rejects when it did not happen.
 * - It is idempotent per event: an event whose `key` is already stored (or came earlier in the same call) is
 *   a `duplicate`, never a second row, and
 *   `duplicate` means exactly that: a constraint failure or any other error rejects, never answers
 *   `duplicate`. The key is enforced by the storage itself (a unique index with `ON CONFLICT DO NOTHING`, a
 *   transaction), never by a read-then-write or an eventually consistent store such as Workers KV.
 * - For a status event, the write makes it the message's current status when it is newer by
 *   `replacesCurrentStatus` (the core's `statusRank` in the event's own API's catalog, then the timestamp), so
 *   the current status does not depend on arrival order.
 * - The outbox is drained by `createOutboxDrain`: `claimOutbox` leases pending entries (an entry whose lease
 *   ran out is claimed again: a drain that died loses nothing), `completeOutbox` marks them done, and done
 *   entries are kept `OUTBOX_RETENTION_MS` (7 days) for inspection, then removed by `pruneOutbox`. Hand-off is
 *   at least once; consumers deduplicate by `event.key`.
 * - Blobs (media bytes, bodies too large for a row) are content-addressed and immutable: written only when
 *   absent, so nothing a later callback sends changes what an earlier one stored.
 * - Lookups are by column (message id, number), never by a prefix of the key, so an id with any characters
 *   affects only its own message.
 */

import type { ClickatellApi, StatusLifecycle } from '@clickwa/core';

/** A status callback as stored (spec 7.2.1, or an item of One API's `messageStatusUpdate`), without credentials. */
export interface StoredStatusEvent {
  readonly kind: 'status';
  /** The dedup key, from `eventKey`: `status:<messageId>:<statusCode>:<timestamp>`. */
  readonly key: string;
  /** The API whose catalog `statusCode` belongs to (rows stored before One API read as `'wa'`). */
  readonly api: ClickatellApi;
  readonly messageId: string;
  readonly clientMessageId: string | null;
  readonly statusCode: number;
  readonly status: string;
  /** Where the status puts the message, the same for both APIs (the core's catalog of `api`). */
  readonly lifecycle: StatusLifecycle;
  readonly timestamp: number;
  /** One API only: the channel the status came on, as sent (`'whatsapp'`); absent when the callback had none. */
  readonly channel?: string;
  readonly integrationId: string | null;
  readonly integrationName: string | null;
  /** When the gateway stored it. */
  readonly receivedAt: number;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** An inbound media file: its bytes are a blob (`getBlob(sha256)`); type and caption belong to the message. */
export interface StoredMedia {
  /** Lowercase hex SHA-256 of the stored bytes (as received: ciphertext when the message is encrypted). */
  readonly sha256: string;
  /** The media type this message declared, checked as `type/subtype` with parameters. */
  readonly contentType: string;
  readonly size: number;
  readonly caption: string | null;
  /** The hash the callback declared (of the clear file, spec 7.3.5), when it carried one. */
  readonly declaredSha256: string | null;
}

/**
 * A file of a One API user message sent by reference (`moMedia[].files[]`), as the callback declared it. Its
 * bytes are fetched after the 2xx, from the outbox; until then (or when that ends without them) only this is
 * stored.
 */
export interface StoredMediaFile {
  readonly downloadUrl: string;
  readonly contentType: string;
  /** The hash the callback declared, of the clear file. */
  readonly declaredSha256: string | null;
  /** The size the callback declared, of the clear file. */
  readonly byteSize: number | null;
  readonly fileName: string | null;
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
  /** The API the callback came in (rows stored before One API read as `'wa'`). */
  readonly api: ClickatellApi;
  readonly messageId: string;
  /** The user's number, international digits. */
  readonly from: string;
  /** One API only: the business number the user wrote to; null for the legacy API. */
  readonly to: string | null;
  /** One API only: the user's WhatsApp profile name; null for the legacy API. */
  readonly profileName: string | null;
  /** One API only: the channel the message came on, as sent (`'whatsapp'`); absent when the callback had none. */
  readonly channel?: string;
  /** One API only: the key of `event` a message of a kind this version does not know came under (`'moPoll'`). */
  readonly eventType?: string;
  readonly type: 'text' | 'media' | 'location' | 'unknown';
  /** The text (ciphertext when `encryptionKey` is set); null for media, locations and unknown types. */
  readonly content: string | null;
  readonly media: StoredMedia | null;
  /** One API media sent by reference: the files to fetch (a `type: 'media'` message with `media: null`). */
  readonly files?: readonly StoredMediaFile[];
  /** One API media sent by reference: the message's caption, when it had one (other media keep it in `media`). */
  readonly caption?: string;
  readonly location: StoredLocation | null;
  /** The business message this one replies to (spec 7.3.2). */
  readonly relatedMessageId: string | null;
  /** One API only: the `clientMessageId` of the business message this one replies to; null for the legacy API. */
  readonly relatedClientMessageId: string | null;
  readonly encryptionKey: string | null;
  readonly timestamp: number;
  readonly integrationId: string | null;
  readonly integrationName: string | null;
  readonly receivedAt: number;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Any stored callback event. */
export type StoredEvent = StoredStatusEvent | StoredInboundMessage;

/** What `insertEvents` did with one event. */
export type InsertOutcome = 'inserted' | 'duplicate';

/** A message's current status: the newest by `replacesCurrentStatus` (the core's `isNewerStatus`). */
export interface CurrentStatus {
  readonly code: number;
  readonly status: string;
  readonly timestamp: number;
  /** The API whose catalog `code` belongs to. */
  readonly api: ClickatellApi;
  readonly lifecycle: StatusLifecycle;
}

/** A message the business sent through the gateway (one per result of the send client). */
export interface OutboundRecord {
  /** The API the message was sent through (records stored before One API read as `'wa'`). */
  readonly api: ClickatellApi;
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

/** A stored blob: media bytes, or a body kept by reference. */
export interface BlobObject {
  readonly body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>;
  readonly size: number;
}

/** One pending hand-off: the event it carries, or null when the event is only stored by reference. */
export interface OutboxEntry {
  /** The entry's id, for `completeOutbox`. */
  readonly id: string;
  readonly key: string;
  readonly kind: StoredEvent['kind'];
  readonly messageId: string;
  /** The event, or null when it is too large to carry (read it by key: `getEvent`). */
  readonly event: StoredEvent | null;
  /** How many times the entry was claimed, this time included. */
  readonly attempts: number;
}

/** Why an authenticated callback was quarantined rather than stored as an event. */
export type QuarantineReason =
  | 'invalid-utf8'
  | 'invalid-json'
  | 'too-deep'
  | 'not-a-callback'
  | 'invalid-media'
  /**
   * Members of a One API body's `event` this version cannot read as events (`messageFallback`, a new kind),
   * kept beside the body's events so that nothing is lost; `body` is the callback as received.
   */
  | 'unrecognized-event';

/** An authenticated callback the gateway could not turn into an event: kept so that nothing is lost. */
export interface QuarantineEntry {
  /** The SHA-256 of the route and body: the same callback sent twice is one entry. */
  readonly id: string;
  readonly route: string;
  readonly reason: QuarantineReason;
  /** What was wrong, for people (the parser's issues, one line each). */
  readonly issues: readonly string[];
  /** The body as received (invalid UTF-8 replaced), credentials removed. */
  readonly body: string;
  readonly receivedAt: number;
}

/** A quarantined callback as stored, with what became of it. */
export interface QuarantineRecord extends QuarantineEntry {
  /** When a retry turned it into an event (or found it stored already); null while it is pending. */
  readonly resolvedAt: number | null;
}

/** Options of `claimOutbox`. */
export interface OutboxClaim {
  readonly limit: number;
  readonly leaseMs: number;
  readonly now: number;
}

/** Bounds of a conversation read. */
export interface ConversationQuery {
  /** The newest messages each way, at most. Default 100. */
  readonly limit?: number;
}

/** The storage contract of the gateway. Every method may reject; the gateway answers 5xx then. */
export interface Store {
  /**
   * Stores the events of one callback body in one atomic write, all or nothing: each event unless one with its
   * `key` is stored (or came earlier in `events`), with its outbox entry and, for a status event, its effect
   * on the current status (`replacesCurrentStatus`). Answers one outcome per event, in order. Rejects on any
   * failure but a key's, and then nothing of the call was written.
   */
  insertEvents(events: readonly StoredEvent[]): Promise<readonly InsertOutcome[]>;
  /** An event by key, whatever its size (`GET /api/events/:key`). */
  getEvent(key: string): Promise<StoredEvent | null>;
  /** Leases up to `limit` pending outbox entries (never done, lease expired), oldest first. */
  claimOutbox(claim: OutboxClaim): Promise<readonly OutboxEntry[]>;
  /** Marks entries handed off. */
  completeOutbox(ids: readonly string[], now: number): Promise<void>;
  /** Removes entries done before `before`; answers how many. */
  pruneOutbox(before: number): Promise<number>;
  /** How many outbox entries are not done yet. */
  pendingOutbox(): Promise<number>;
  /** Keeps an authenticated callback that is not an event. The same `id` again is a no-op. */
  quarantine(entry: QuarantineEntry): Promise<void>;
  /** Quarantined callbacks, newest first; resolved ones only when asked. */
  listQuarantine(query?: {
    readonly limit?: number;
    readonly resolved?: boolean;
  }): Promise<readonly QuarantineRecord[]>;
  getQuarantined(id: string): Promise<QuarantineRecord | null>;
  /** Marks a quarantined callback resolved (a retry stored it). */
  resolveQuarantine(id: string, at: number): Promise<void>;
  /** Stores bytes under their SHA-256, only when absent: the bytes of a hash never change. */
  putBlob(sha256: string, bytes: Uint8Array): Promise<void>;
  getBlob(sha256: string): Promise<BlobObject | null>;
  /** Records messages the gateway sent, in one write. A record with a stored messageId replaces it. */
  recordOutbound(records: readonly OutboundRecord[]): Promise<void>;
  getMessage(messageId: string): Promise<MessageRecord | null>;
  /** Messages sent with this clientMessageId (the gateway's records and status callbacks carrying it), newest first. */
  findByClientMessageId(clientMessageId: string): Promise<readonly MessageRecord[]>;
  getConversation(msisdn: string, query?: ConversationQuery): Promise<ConversationRecords>;
  /** When each of these numbers last wrote (the newest inbound timestamp), in one read; absent if never. */
  lastInboundAt(msisdns: readonly string[]): Promise<ReadonlyMap<string, number>>;
}

/** How long done outbox entries are kept before `pruneOutbox` removes them. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 3_600_000;
