/** The key of the One API integration the One API tests use. */
export const ONE_KEY = 'one-api-key';

/** An answer of a One API endpoint: HTTP status, headers and the body (JSON when it is JSON). */
export interface OneApiAnswered<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/**
 * A request to the emulator's One API over HTTP with plain `fetch`, the key in `Authorization` as One API
 * takes it (the raw key). `body` is sent as JSON unless it is a string or bytes.
 */
export async function oneApi<T = Record<string, unknown>>(
  base: string,
  path: string,
  options: {
    method?: string;
    body?: unknown;
    key?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<OneApiAnswered<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? ONE_KEY : options.key;
  if (key !== null) headers.authorization = key;
  let body: BodyInit | undefined;
  if (typeof options.body === 'string' || options.body instanceof Uint8Array) body = options.body as BodyInit;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const type = response.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await response.json() : new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** A WhatsApp text message of One API. */
export const whatsappText = (to: string, extra: Record<string, unknown> = {}) => ({
  channel: 'whatsapp',
  to,
  content: 'Hello',
  ...extra,
});
