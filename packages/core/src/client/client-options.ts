import type { ClickatellApi } from '../api.ts';
import type { OutboundMessage } from '../schemas/send-request.ts';
import type { TemplateRegistry } from '../templates/define-templates.ts';
import type { ClickwaError } from './errors.ts';

/** The `fetch` the client calls: the global one, or any function of the same shape. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Passed to `onRequest` before every attempt. `headers.authorization` is redacted. */
export interface RequestEvent {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** 1 for the first attempt of a request, 2 for its first retry, and so on. */
  readonly attempt: number;
  readonly messageCount: number;
}

/** Passed to `onResponse` when an answer (any status) has been read. */
export interface ResponseEvent {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly attempt: number;
  readonly messageCount: number;
  readonly durationMs: number;
}

/** Passed to `onRetry` before the client waits and sends a request again. */
export interface RetryEvent {
  /** The attempt about to be made (2 for the first retry). */
  readonly attempt: number;
  readonly delayMs: number;
  /** Why the previous attempt failed (901, HTTP 429, or a connect-phase error). */
  readonly error: ClickwaError;
  readonly messageCount: number;
}

/** Retry timing; see `RETRY_DEFAULTS`. */
export interface RetryTimingOptions {
  /** Ceiling of the first backoff delay, in ms. Default 500. */
  readonly baseMs?: number;
  /** Ceiling of any backoff delay, in ms. Default 8,000. */
  readonly maxMs?: number;
  /** Longest `Retry-After` honoured, in ms; a longer one is cut to this. Default 60,000. */
  readonly maxRetryAfterMs?: number;
  /** A number in [0, 1) for the jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/** Options of `createClient`. */
export interface ClientOptions {
  /**
   * Which of Clickatell's APIs the integration speaks: `wa` (default), the WhatsApp Enterprise REST API
   * (`POST /wa/messages`), or `one`, One API (`POST /v1/message`). The key is the integration's, and belongs to
   * one or the other.
   */
  readonly api?: ClickatellApi;
  /** The integration's API key (Clickatell portal > your WhatsApp integration). Sent as `Authorization`. */
  readonly apiKey: string;
  /**
   * Default `https://platform.clickatell.com`. A path prefix is kept: requests go to `${baseUrl}/wa/messages`;
   * a query or a fragment is refused.
   */
  readonly baseUrl?: string | URL;
  /** Default: the global `fetch`, called unbound (so Workers' fetch works). */
  readonly fetch?: FetchLike;
  /**
   * Per-attempt timeout, covering the body; `Infinity` (or anything over 2^31 - 1 ms, about 24.8 days) for
   * none. Default 60,000 ms.
   */
  readonly timeoutMs?: number;
  /** Retries of a request after 901, HTTP 429 or a connect-phase error. Default 2. */
  readonly maxRetries?: number;
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number;
  /** Approved templates: with them, an unknown template or a wrong parameter count is rejected (106) before sending. */
  readonly templates?: TemplateRegistry;
  readonly retry?: RetryTimingOptions;
  /** Called before each attempt. A hook that throws is ignored: it must not lose a batch's results. */
  readonly onRequest?: (event: RequestEvent) => unknown;
  readonly onRetry?: (event: RetryEvent) => unknown;
  readonly onResponse?: (event: ResponseEvent) => unknown;
}

/**
 * What the client asks of `encryption`: `createEncryption` from `@clickwa/core/encryption` makes one. The client
 * only calls this method, so a send without encryption carries none of the encryption code.
 */
export interface SendEncryption {
  /**
   * Encrypts a valid message's content for `api`; `requestKey` is the top-level `encryptionKey` its request must
   * carry (the legacy API's text and templates), when it has one.
   */
  encryptMessage(
    message: OutboundMessage,
    api: ClickatellApi,
  ): Promise<{ readonly message: OutboundMessage; readonly requestKey?: string }>;
}

/** Options of `client.send`. */
export interface SendOptions {
  /** Aborts sending: messages not yet sent come back `not-sent`, those in flight `unknown`. */
  readonly signal?: AbortSignal;
  /** The base64 KMS ciphertext blob the content was encrypted with; sent top-level in every request (spec 7.1.6). */
  readonly encryptionKey?: string;
  /**
   * Encrypts every message before it is batched (spec 7.1.6): text content, template parameter values, media
   * and captions. Messages are validated in clear (the text limit is on the clear text) and measured encrypted.
   * The legacy API gets one top-level `encryptionKey` per request for text and templates (a new request when
   * the data key rotates) and one per media message; One API one per message. Not with `encryptionKey`, nor
   * with messages that carry their own.
   */
  readonly encryption?: SendEncryption;
}

/** Options of `client.sendAll`. */
export interface SendAllOptions extends SendOptions {
  /** Overrides the client's `concurrency` for this call. */
  readonly concurrency?: number;
  /**
   * How long messages from an async source wait for more before they are sent in a partly filled request, in
   * ms of waiting for the source (a queue with little in it); time spent waiting for a request slot or for
   * you to take results does not count. Default 100; `Infinity` waits for a full request (200 messages) or
   * the end of the source (a file or a cursor: slow at times, never quiet).
   */
  readonly lingerMs?: number;
}
