/** Fields every callback event carries. Timestamps are epoch milliseconds whatever the wire used. */
interface CallbackEventBase {
  readonly integrationId: string | null;
  readonly integrationName: string | null;
  readonly messageId: string;
  readonly timestamp: number;
  /** Fields the spec does not name, kept as they came (new fields may appear at any time). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A status update for a message the business sent (spec 7.2.1). */
export interface StatusEvent extends CallbackEventBase {
  readonly kind: 'status';
  readonly statusCode: number;
  /** The status name as sent, or the catalog's name when the callback carried none. */
  readonly status: string;
  readonly clientMessageId: string | null;
}

/** Fields every message a user sent to the business carries (spec 7.3). */
interface MessageEventBase extends CallbackEventBase {
  readonly kind: 'message';
  readonly from: string;
  /** The business message this one replies to (spec 7.3.2). */
  readonly relatedMessageId: string | null;
  /** Set when the content is encrypted (spec 7.3.5). */
  readonly encryptionKey: string | null;
}

/** A text message from a user (7.3.1, 7.3.2, 7.3.5). */
export interface TextMessageEvent extends MessageEventBase {
  readonly type: 'text';
  readonly content: string;
}

/** A media message from a user (7.3.3, 7.3.5): `content` is the base64 of the file. */
export interface MediaMessageEvent extends MessageEventBase {
  readonly type: 'media';
  readonly content: string;
  readonly contentType: string;
  readonly caption: string | null;
  readonly sha256Hash: string | null;
}

/** A location a user shared (7.3.4). */
export interface LocationMessageEvent extends MessageEventBase {
  readonly type: 'location';
  readonly latitude: number;
  readonly longitude: number;
  readonly locationName: string | null;
  readonly locationAddress: string | null;
}

/** A message of a kind this version does not know; its fields are under `extra`. */
export interface UnknownMessageEvent extends MessageEventBase {
  readonly type: 'unknown';
  readonly content: string | null;
}

/** A message a user sent to the business. */
export type MessageEvent = TextMessageEvent | MediaMessageEvent | LocationMessageEvent | UnknownMessageEvent;

/** Any callback event. */
export type CallbackEvent = StatusEvent | MessageEvent;

/** Credentials a callback carried in its body (spec 7.3.6), kept apart from the event. */
export interface CallbackAuth {
  readonly username?: string;
  readonly password?: string;
}

/**
 * What `parseCallback` returns: the event, plus `auth` when the body carried credentials. `auth` is a
 * non-enumerable property, so `JSON.stringify(event)` and `{ ...event }` never carry the password.
 */
export type ParsedCallback = CallbackEvent & { readonly auth?: CallbackAuth };
