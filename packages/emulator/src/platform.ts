import { type CallbackCredentials, callbackHeaders } from './callback-bodies.ts';
import { type CallbackDispatcher, createCallbackDispatcher } from './callback-dispatcher.ts';
import { type CareWindows, createCareWindows } from './care-window.ts';
import { createFaultRules, type FaultRules } from './faults.ts';
import type { Integration } from './integrations.ts';
import { createMediaStore, type MediaStore } from './one-api/media-store.ts';
import type { ResolvedOptions } from './options.ts';
import { createRandom, type Random, randomSeed } from './random.ts';
import { createStore, type Store } from './store.ts';

/** Independent random sequences, so one kind of draw never shifts another. */
export type RandomStream = 'ids' | 'faults' | 'schedule';

/** The emulated platform's state, shared by the routes. Internal: not exported from the package. */
export interface Platform {
  readonly options: ResolvedOptions;
  readonly store: Store;
  readonly dispatcher: CallbackDispatcher;
  readonly careWindows: CareWindows;
  /** Faults set at run time (`/_emulator/faults`). */
  readonly faultRules: FaultRules;
  /** One API's files: uploads and user media served for download. */
  readonly media: MediaStore;
  readonly credentials: CallbackCredentials;
  readonly callbackHeaders: Readonly<Record<string, string>>;
  /** Aborts when the emulator closes: held requests give up then. */
  readonly closed: AbortSignal;
  /** The seed in use; drawn at first use when none was given. */
  seed(): string | number;
  random(stream: RandomStream): Random;
  byKey(apiKey: string): Integration | undefined;
  /** By name or id; the first integration when `ref` is empty. */
  byRef(ref: string | undefined): Integration | undefined;
  /**
   * A stand-in response that makes `emulator.fetch` reject with `error` instead: hono turns a thrown error
   * into a 500, so a reset travels out of the app as a marked response and becomes a rejection outside it.
   */
  fail(error: unknown): Response;
  /** The error a stand-in response carries, if it is one. */
  failureOf(response: Response): { readonly error: unknown } | undefined;
  close(): void;
}

/** At most this many files and bytes are kept for One API; the oldest go first. */
const MEDIA_BOUNDS = { maxFiles: 10_000, maxBytes: 512e6 };

/** Builds the state from resolved options. Nothing random or timed happens until the first request. */
export function createPlatform(options: ResolvedOptions): Platform {
  const credentials: CallbackCredentials = {
    username: options.callbackUsername,
    password: options.callbackPassword,
    basicAuth: options.callbackBasicAuth,
  };
  const keys = new Map(options.integrations.map((i) => [i.apiKey, i]));
  const streams = new Map<RandomStream, Random>();
  let seed = options.seed;
  const failures = new WeakMap<Response, { readonly error: unknown }>();
  const closing = new AbortController();
  const dispatcher = createCallbackDispatcher({
    fetch: options.fetch,
    retryBackoffMs: options.retryBackoffMs,
    timeoutMs: options.callbackTimeoutMs,
    concurrency: options.callbackConcurrency,
    now: options.now,
  });
  const platform: Platform = {
    options,
    store: createStore({ historyLimit: options.historyLimit, countLimit: options.historyLimit * 10 }),
    dispatcher,
    careWindows: createCareWindows(options.historyLimit * 10),
    faultRules: createFaultRules(),
    media: createMediaStore(MEDIA_BOUNDS),
    credentials,
    callbackHeaders: callbackHeaders(credentials),
    closed: closing.signal,
    seed: () => {
      seed ??= randomSeed();
      return seed;
    },
    random(stream) {
      let random = streams.get(stream);
      if (!random) {
        random = createRandom(platform.seed(), stream);
        streams.set(stream, random);
      }
      return random;
    },
    byKey: (apiKey) => keys.get(apiKey),
    byRef: (ref) =>
      ref
        ? options.integrations.find((i) => i.name === ref || i.id === ref.toLowerCase())
        : options.integrations[0],
    fail(error) {
      const response = new Response(null, { status: 599 });
      failures.set(response, { error });
      return response;
    },
    failureOf: (response) => failures.get(response),
    close() {
      closing.abort();
      dispatcher.close();
    },
  };
  return platform;
}
