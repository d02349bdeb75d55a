import type { ClickatellApi, OutboundMessage, SendResult } from '@clickwa/core';
import type { Encryption } from '@clickwa/core/encryption';
import type { OutboxDrain } from './outbox/create-outbox-drain.ts';
import type { Store } from './store.ts';

/** What the gateway needs of a send client: the core's `createClient(...)` result satisfies it. */
export interface SendClient {
  /** The API the client sends through (the core's clients say it); `'wa'` when absent. */
  readonly api?: ClickatellApi;
  send(
    messages: readonly OutboundMessage[],
    options?: { readonly encryption?: Encryption },
  ): Promise<SendResult[]>;
}

/**
 * The send client for an integration (spec 2.2): called with the request's `integration` name, or undefined
 * for the default integration; undefined when there is no such integration.
 */
export type ClientResolver = (integration: string | undefined) => SendClient | undefined;

/** Who may call the gateway. Secrets are compared in constant time and never stored or echoed. */
export interface GatewayAuth {
  /** Bearer token of every `/api` route. Without one, `/api` answers 401 to everyone. */
  readonly apiToken?: string;
  /**
   * Callback credentials (spec 7.3.6), accepted as the body keys `username`/`password` or as HTTP Basic.
   * Set both or neither; with neither, callbacks are not authenticated.
   */
  readonly callbackUsername?: string;
  readonly callbackPassword?: string;
  /**
   * Secret tokens accepted in the callback URL, as its last path segment (`/clickatell/status/<token>`) or as
   * `?token=<token>`: One API documents no callback credentials, so the URL set in Clickatell's portal carries
   * one. An entry without `integrationId` and `integrationName` accepts callbacks of any integration; one with
   * either accepts only bodies that name that integration. When any callback credential is configured (these,
   * or the username and password), a callback passes if its URL token, its HTTP Basic or (legacy bodies) its
   * body's `username`/`password` match; else 401.
   */
  readonly callbackTokens?: readonly CallbackToken[];
  /** Integration ids (spec 2.2) whose callbacks are accepted; when given, any other gets 403. */
  readonly integrationIds?: readonly string[];
}

/** A secret token of the callback URL, for any integration or for the one a body names. */
export interface CallbackToken {
  readonly token: string;
  /** The id callbacks of the integration carry (`integrationId`). */
  readonly integrationId?: string;
  /** The integration's name, matched to a body's `integrationName` without regard to case. */
  readonly integrationName?: string;
}

/** Body caps in bytes and other bounds; see `GATEWAY_LIMITS`. */
export interface GatewayLimits {
  readonly statusCallbackBytes?: number;
  readonly inboundCallbackBytes?: number;
  readonly apiBodyBytes?: number;
  /** A body that sends nothing for this long is answered 408 (ms). */
  readonly bodyStallMs?: number;
  /** Objects and arrays nested deeper than this make a callback quarantined. */
  readonly maxJsonDepth?: number;
  /** Messages in one `POST /api/messages`; more is 413. */
  readonly maxMessagesPerRequest?: number;
}

/** Information passed to `onError` with a failure the gateway answered 5xx for. */
export interface GatewayErrorContext {
  readonly route: string;
  readonly stage: 'store' | 'media' | 'quarantine' | 'hand-off' | 'send' | 'record' | 'unexpected';
}

/** Options of `createGatewayApp`. */
export interface GatewayOptions {
  readonly store: Store;
  readonly auth: GatewayAuth;
  /** The send client of `POST /api/messages`, or a resolver by integration name. */
  readonly client?: SendClient | ClientResolver;
  /**
   * The outbox drain (`createOutboxDrain`) that hands stored events on. The event and its outbox entry are
   * one atomic write before the 2xx; the drain runs after the answer (through the runtime's `waitUntil`, or
   * `defer`) and never decides the answer. Without one, events stay in the outbox.
   */
  readonly drain?: OutboxDrain;
  /**
   * Keeps work alive after the answer where the runtime has no `executionCtx.waitUntil` (Node, Bun, Deno
   * servers keep running anyway; a serverless runtime passes its own). Default: the promise just runs.
   */
  readonly defer?: (task: Promise<unknown>) => void;
  /** Told of every failure answered with 5xx (log it); must not throw. */
  readonly onError?: (error: unknown, context: GatewayErrorContext) => void;
  readonly limits?: GatewayLimits;
  /**
   * Message content encryption (`createEncryption` of `@clickwa/core/encryption`). Callbacks are stored as
   * received, encrypted ones included, so a key provider outage never fails a callback: the API decrypts
   * inbound text, captions and media when they are read, and `POST /api/messages` sends encrypted on
   * `"encrypt": true`.
   */
  readonly encryption?: Encryption;
  /** The clock (epoch ms). Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Default body caps. Status callbacks are a few hundred bytes. Inbound media callbacks carry the file as
 * base64, and users may send more than the outbound 1 MB (images 5 MB, audio 16 MB): 20 MB of JSON holds
 * about 15 MB of media while the peak memory of one request (body, string, decoded bytes) stays well under
 * a Worker's 128 MB. A stalled body is given up after 10 s.
 */
export const GATEWAY_LIMITS = {
  statusCallbackBytes: 64 * 1024,
  inboundCallbackBytes: 20_000_000,
  apiBodyBytes: 20_000_000,
  bodyStallMs: 10_000,
  // Callbacks are flat; 64 leaves room for any nested field the platform may add.
  maxJsonDepth: 64,
  // About a minute of sending at the platform's rate, and well within one Worker invocation's work.
  maxMessagesPerRequest: 1_000,
} as const satisfies Required<GatewayLimits>;
