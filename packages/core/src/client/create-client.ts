import type { ClickatellApi } from '../api.ts';
import { isObject } from '../internal/is-object.ts';
import type { OutboundMessage } from '../schemas/send-request.ts';
import { type ClientConfig, checkCount, checkMs, resolveClientConfig } from './client-config.ts';
import type { ClientOptions, SendAllOptions, SendOptions } from './client-options.ts';
import { AbortError, UsageError } from './errors.ts';
import { DEFAULT_LINGER_MS } from './linger.ts';
import { type OneApiMethods, oneApiMethods } from './one-api-methods.ts';
import { describeMessage } from './prepare-message.ts';
import { isMessageSource } from './read-source.ts';
import { type EngineOptions, runEngine } from './send-engine.ts';
import { type SendResult, sendResult } from './send-result.ts';

/** A client for `POST /wa/messages` (or One API's `POST /v1/message`); see `createClient`. */
export interface Client {
  /** The API the client speaks. */
  readonly api: ClickatellApi;
  /** Where requests go: `${baseUrl}/wa/messages`, or One API's `${baseUrl}/v1/message`. */
  readonly baseUrl: string;
  /** Sends one message; resolves to its result. */
  send(message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  /** Sends messages; resolves to one result per message, in input order. */
  send(messages: readonly OutboundMessage[], options?: SendOptions): Promise<SendResult[]>;
  /**
   * Streams messages from an iterable or async iterable and yields results as requests settle, holding at
   * most `concurrency` requests in memory: each result's `index` is its message's position in the source.
   */
  sendAll(
    messages: Iterable<OutboundMessage> | AsyncIterable<OutboundMessage>,
    options?: SendAllOptions,
  ): AsyncGenerator<SendResult, void, undefined>;
  /** `ClickwaClient(<baseUrl>)`: never the API key. */
  toString(): string;
  toJSON(): { readonly api: ClickatellApi; readonly baseUrl: string };
}

/** A client of One API: `send` and `sendAll`, and the methods only One API has. */
export interface OneApiClient extends Client, OneApiMethods {
  readonly api: 'one';
}

function checkSendOptions(config: ClientConfig, options: SendAllOptions | undefined): EngineOptions {
  if (options === undefined) return { concurrency: config.concurrency, lingerMs: DEFAULT_LINGER_MS };
  if (typeof options !== 'object' || options === null) throw new UsageError('Send options must be an object');
  const { signal, encryptionKey } = options;
  if (
    signal !== undefined &&
    !(
      isObject(signal) &&
      typeof signal.aborted === 'boolean' &&
      typeof signal.addEventListener === 'function' &&
      typeof signal.removeEventListener === 'function'
    )
  ) {
    throw new UsageError('signal must be an AbortSignal');
  }
  if (encryptionKey !== undefined && (typeof encryptionKey !== 'string' || encryptionKey.trim() === '')) {
    throw new UsageError(
      'encryptionKey must be the base64 ciphertext blob of your data key (a non-empty string)',
    );
  }
  return {
    signal,
    encryptionKey,
    concurrency: checkCount('concurrency', options.concurrency, config.concurrency, 1),
    lingerMs: checkMs('lingerMs', options.lingerMs, DEFAULT_LINGER_MS, { never: true }),
  };
}

/**
 * Creates a client for Clickatell's WhatsApp send API that runs anywhere `fetch` does (Workers, Bun, Deno,
 * Node, browsers). It validates every message first (invalid ones come back `rejected`, unsent), assigns
 * each a `clientMessageId`, splits requests at 200 messages and 20 MB of JSON, and maps every answer back
 * to its message. It retries only what cannot have been accepted (901, HTTP 429, connection refused, DNS
 * failure), so a message is never sent twice; a lost answer is reported `unknown`, never resent.
 *
 * Throws `UsageError` for a missing API key or `fetch`, or a bad option. `send` and `sendAll` throw only
 * for unusable arguments, before any request: after that, every failure is a per-message result.
 *
 * @example
 * const client = createClient({ apiKey: env.CLICKATELL_API_KEY });
 * const result = await client.send(text('+27 99 900 0001', 'Your order has shipped'));
 * if (result.accepted) console.log(result.messageId);
 * else console.log(result.outcome, result.error?.code, result.error?.description);
 *
 * @example
 * for await (const r of client.sendAll(readRecipients(), { signal })) await save(r.clientMessageId, r);
 */
export function createClient(options: ClientOptions & { readonly api: 'one' }): OneApiClient;
export function createClient(options: ClientOptions): Client;
export function createClient(options: ClientOptions): Client | OneApiClient {
  const config = resolveClientConfig(options);

  async function send(input: unknown, sendOptions?: SendOptions): Promise<SendResult | SendResult[]> {
    const run = checkSendOptions(config, sendOptions);
    const single = !Array.isArray(input);
    if (single && (typeof input !== 'object' || input === null || isMessageSource(input))) {
      throw new UsageError(
        'send() takes a message or an array of messages; use sendAll() for other iterables',
      );
    }
    const list: readonly unknown[] = single ? [input] : (input as unknown[]);
    const results: SendResult[] = new Array(list.length);
    for await (const batch of runEngine(list, config, run))
      for (const result of batch) results[result.index] = result;
    // After an abort the engine stops reading: messages it never read were not sent.
    let aborted: AbortError | undefined;
    for (let i = 0; i < list.length; i++) {
      if (results[i]) continue;
      aborted ??= new AbortError({ cause: run.signal?.reason, retryable: true });
      results[i] = sendResult(describeMessage(list[i], i), 'not-sent', { error: aborted });
    }
    return single ? results[0]! : results;
  }

  async function* stream(
    messages: unknown,
    sendOptions: SendAllOptions | undefined,
    leave: AbortSignal,
  ): AsyncGenerator<SendResult, void, undefined> {
    const run = checkSendOptions(config, sendOptions);
    if (!isMessageSource(messages))
      throw new UsageError('sendAll() takes an iterable or async iterable of messages');
    for await (const batch of runEngine(messages, config, run, leave)) yield* batch;
  }

  function sendAll(
    messages: unknown,
    sendOptions?: SendAllOptions,
  ): AsyncGenerator<SendResult, void, undefined> {
    // Leaving (`return()`, `break`) stops the requests and retries at once, even while a `next()` is pending,
    // which an async generator's own `return()` would wait for.
    const leave = new AbortController();
    const results = stream(messages, sendOptions, leave.signal);
    const close = results.return.bind(results);
    results.return = (value) => {
      leave.abort();
      return close(value);
    };
    return results;
  }

  const { api, baseUrl } = config;
  // The key lives only in `config`, out of reach: not a property, so no log, JSON or inspection can show it.
  return Object.freeze({
    api,
    baseUrl,
    send: send as Client['send'],
    sendAll: sendAll as Client['sendAll'],
    toString: () => `ClickwaClient(${baseUrl})`,
    toJSON: () => ({ api, baseUrl }),
    ...(api === 'one' ? oneApiMethods(config) : {}),
  });
}
