import type { ClickatellApi } from './api.ts';

/** Fields every callback event carries. Timestamps are epoch milliseconds whatever the wire used. */
interface CallbackEventBase {
  readonly integrationId: string | null;
  readonly integrationName: string | null;
  readonly messageId: string;
  readonly timestamp: number;
  /** Fields the spec does not name, kept as they came (new fields may appear at any time). */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** One API only: the channel the event came on, as sent (`'whatsapp'`, `'sms'`). */
  readonly channel?: string | null;
}

/** A status update for a message the business sent (spec 7.2.1). */
export interface StatusEvent extends CallbackEventBase {
  readonly kind: 'status';
  /** The API whose catalog `statusCode` belongs to: codes collide (27 is READ in one, a volume limit in the other). */
  readonly api: ClickatellApi;
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
  /** One API only: the `clientMessageId` of the business message this one replies to. */
  readonly relatedClientMessageId?: string | null;
  /** One API only: the business number the message was sent to. */
  readonly to?: string | null;
  /** One API only: the user's WhatsApp profile name (`whatsapp.profileName`). */
  readonly profileName?: string | null;
}

/** A text message from a user (7.3.1, 7.3.2, 7.3.5). */
export interface TextMessageEvent extends MessageEventBase {
  readonly type: 'text';
  readonly content: string;
  /** One API only: the text's character set as sent (`'UTF-8'`). */
  readonly charset?: string | null;
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
  /** One API only: the key of `event` the message came under (`'moInteractive'`, say). */
  readonly eventType?: string;
}

/** One file of a One API media message sent by reference (`moMedia[].files[]`). */
export interface MediaFile {
  readonly contentType: string;
  /** Where the file is fetched from (One API's `GET /v1/media?fileId&sha256Hash&source=client`). */
  readonly downloadUrl: string;
  readonly sha256Hash: string | null;
  readonly byteSize: number | null;
  readonly fileName: string | null;
  /** Fields this version does not know, kept as they came. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * A One API media message sent by reference: the files are fetched from `downloadUrl` (for 30 days) and
 * checked against `sha256Hash` and `byteSize`. Only `parseCallbackBody` returns it.
 */
export interface MediaFilesMessageEvent extends MessageEventBase {
  readonly type: 'media-files';
  readonly files: readonly MediaFile[];
  readonly caption: string | null;
}

/** A message a user sent to the business. */
export type MessageEvent = TextMessageEvent | MediaMessageEvent | LocationMessageEvent | UnknownMessageEvent;

/** Any callback event. */
export type CallbackEvent = StatusEvent | MessageEvent;

/** Any event of a callback body of either API: the events of `CallbackEvent`, plus One API's media by reference. */
export type CallbackBodyEvent = CallbackEvent | MediaFilesMessageEvent;

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
