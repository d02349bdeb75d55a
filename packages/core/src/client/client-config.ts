import { type ClickatellApi, isClickatellApi } from '../api.ts';
import { RETRY_DEFAULTS } from './backoff.ts';
import type { ClientOptions, FetchLike, RequestEvent, ResponseEvent, RetryEvent } from './client-options.ts';
import { UsageError } from './errors.ts';
import { LONGEST_TIMER_MS } from './timeout.ts';

/** Everything a request needs, resolved once by `createClient` and never changed. Holds the API key: never expose it. */
export interface ClientConfig {
  readonly api: ClickatellApi;
  readonly baseUrl: string;
  /** Where messages are sent: `${baseUrl}/wa/messages`, or One API's `${baseUrl}/v1/message`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly shownHeaders: Readonly<Record<string, string>>;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly concurrency: number;
  readonly templates: ClientOptions['templates'];
  readonly retry: { baseMs: number; maxMs: number; maxRetryAfterMs: number; random: () => number };
  readonly redact: (text: string) => string;
  /** How requests refuse redirects (they are never followed, so the body and the key go nowhere else); see `redirectMode`. */
  readonly redirect: RequestRedirect;
  /** Calls the caller's hooks; an event is only built (and its body redacted) when there is a hook for it. */
  readonly hook: {
    request(event: () => RequestEvent): void;
    response(event: () => ResponseEvent): void;
    retry(event: () => RetryEvent): void;
  };
}

const SEND_PATHS = { wa: '/wa/messages', one: '/v1/message' } as const satisfies Record<
  ClickatellApi,
  string
>;

// Characters a header value cannot hold; `fetch` would throw, after the caller thinks sending began.
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** Checks a count option: an integer of at least `min`. */
export function checkCount(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`${name} must be an integer of at least ${min}`);
  return value;
}

/**
 * Checks a duration option in ms: a number of at least `min`. `Infinity` only where it means "never"; a wait
 * must fit a timer (2^31 - 1 ms, about 24.8 days), which would fire at once for a longer one.
 */
export function checkMs(
  name: string,
  value: number | undefined,
  fallback: number,
  { min = 0, never = false }: { min?: number; never?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min) || (!never && value > LONGEST_TIMER_MS))
    throw new UsageError(
      `${name} must be a number of ms of at least ${min}${never ? ' (or Infinity)' : ` and at most ${LONGEST_TIMER_MS}`}`,
    );
  return value;
}

/**
 * 'error' where the runtime takes it, since with 'manual' undici copies every request, body included, in case it
 * must be replayed. 'manual' in a browser page, where 'error' fails like a lost connection, and where `Request`
 * refuses 'error' (Cloudflare Workers); a 3xx is then reported as a redirect.
 */
function redirectMode(): RequestRedirect {
  if ('document' in globalThis || typeof Request !== 'function') return 'manual';
  try {
    new Request('https://platform.clickatell.com/', { redirect: 'error' });
    return 'error';
  } catch {
    return 'manual';
  }
}

function call<E>(hook: ((event: E) => unknown) | undefined, event: () => E): void {
  if (!hook) return;
  try {
    const returned = hook(event());
    // An async hook's rejection would be unhandled; it is ignored like a synchronous throw. Any thenable
    // counts: a promise from another realm is not `instanceof Promise`.
    if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function')
      Promise.resolve(returned).catch(() => {});
  } catch {
    // A hook is for observing: its failure must not turn a sent batch into lost results.
  }
}

/** Validates `createClient`'s options and fills in the defaults. Throws `UsageError` with what to do. */
export function resolveClientConfig(options: ClientOptions): ClientConfig {
  if (typeof options !== 'object' || options === null) {
    throw new UsageError('createClient needs an options object: createClient({ apiKey })');
  }
  const apiKey = typeof options.apiKey === 'string' ? options.apiKey.trim() : '';
  if (!apiKey) {
    throw new UsageError(
      'createClient needs { apiKey }: the API key of your WhatsApp integration in the Clickatell portal',
    );
  }
  if (BAD_HEADER_VALUE.test(apiKey)) {
    throw new UsageError(
      'apiKey contains characters an HTTP header cannot carry (line breaks, control or non-Latin-1 characters)',
    );
  }
  const fetchFn = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (typeof fetchFn !== 'function') {
    throw new UsageError(
      'No fetch found: this runtime has no global fetch; pass createClient({ fetch }) (e.g. from undici)',
    );
  }
  const api = options.api ?? 'wa';
  if (!isClickatellApi(api))
    throw new UsageError(`api must be 'wa' (the WhatsApp Enterprise API) or 'one' (One API)`);
  const given: unknown = options.baseUrl ?? 'https://platform.clickatell.com';
  if (typeof given !== 'string' && !(given instanceof URL))
    throw new UsageError('baseUrl must be a string or a URL, e.g. https://platform.clickatell.com');
  const baseUrl = String(given).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${baseUrl}${SEND_PATHS[api]}`);
  } catch {
    throw new UsageError(
      `baseUrl "${baseUrl}" is not an absolute URL; use e.g. https://platform.clickatell.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError('baseUrl must be an http(s) URL');
  // `/wa/messages` is appended to the path: a query or a fragment would swallow it.
  if (url.search || url.hash)
    throw new UsageError(`baseUrl "${baseUrl}" must not have a query or a fragment (?, #)`);
  const retry = options.retry ?? {};
  if (retry.random !== undefined && typeof retry.random !== 'function')
    throw new UsageError('retry.random must be a function returning a number in [0, 1)');
  const { onRequest, onResponse, onRetry } = options;
  // The forms the key takes in text: as it is, and as JSON writes it (`"` and `\` escaped, and `/` as `\/` by
  // some encoders; base64 keys have `/`). Longest first, so no form is cut in half by a shorter one.
  const escaped = JSON.stringify(apiKey).slice(1, -1);
  const keyForms = [...new Set([escaped.split('/').join('\\/'), escaped, apiKey])];
  return {
    api,
    baseUrl,
    url: url.href,
    headers: { Authorization: apiKey, 'Content-Type': 'application/json', Accept: 'application/json' },
    shownHeaders: {
      authorization: '[redacted]',
      'content-type': 'application/json',
      accept: 'application/json',
    },
    // Called unbound: Workers' fetch throws "Illegal invocation" when called as a method of another object.
    fetch: (input, init) => fetchFn(input, init),
    timeoutMs: checkMs('timeoutMs', options.timeoutMs, 60_000, { min: 1, never: true }),
    maxRetries: checkCount('maxRetries', options.maxRetries, RETRY_DEFAULTS.maxRetries, 0),
    concurrency: checkCount('concurrency', options.concurrency, 4, 1),
    templates: options.templates,
    retry: {
      baseMs: checkMs('retry.baseMs', retry.baseMs, RETRY_DEFAULTS.baseMs),
      maxMs: checkMs('retry.maxMs', retry.maxMs, RETRY_DEFAULTS.maxMs),
      maxRetryAfterMs: checkMs(
        'retry.maxRetryAfterMs',
        retry.maxRetryAfterMs,
        RETRY_DEFAULTS.maxRetryAfterMs,
      ),
      random: retry.random ?? Math.random,
    },
    // Should the platform ever echo the key (in an error text or a body), it is cut out before anyone sees it.
    redact: (text) =>
      keyForms.reduce((t, form) => (t.includes(form) ? t.split(form).join('[redacted]') : t), text),
    redirect: redirectMode(),
    hook: {
      request: (event) => call(onRequest, event),
      response: (event) => call(onResponse, event),
      retry: (event) => call(onRetry, event),
    },
  };
}
