import { env, exports } from 'cloudflare:workers';

/** The Worker under test (its default export), called in-process. */
export const worker = (exports as unknown as { default: Fetcher }).default;

export const API_TOKEN = env.API_TOKEN;
export const CALLBACK = { username: env.CALLBACK_USERNAME, password: env.CALLBACK_PASSWORD } as const;
/** The callback URL token the Worker accepts for any integration (One API callbacks carry it). */
export const CALLBACK_TOKEN = env.CALLBACK_TOKEN;
const ORIGIN = 'http://gateway.local';

/** Calls the Worker. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return worker.fetch(new Request(ORIGIN + path, init));
}

/** An authenticated API request. */
export function api(method: string, body?: unknown): RequestInit {
  return {
    method,
    headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** A callback with the spec 7.3.6 body credentials. */
export function callback(body: Record<string, unknown>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, ...CALLBACK }),
  };
}

/** Rows in a table, to prove what was (not) stored. */
export async function rows(
  table: 'events' | 'message_status' | 'outbound' | 'outbox' | 'quarantine',
): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
}

/** Empties the gateway's tables (between tests that reuse the spec samples' ids). */
export async function clearTables(): Promise<void> {
  await env.DB.batch(
    ['events', 'message_status', 'outbound', 'outbox', 'quarantine'].map((t) =>
      env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
}

// The spec's own samples, kept once in the core. Elided base64 ("...") is joined so that it decodes.
const files = import.meta.glob<Record<string, unknown>>(
  '../../../packages/core/test/fixtures/spec/7.[23].*.json',
  {
    eager: true,
    import: 'default',
  },
);

/** The callback samples of spec 7.2 and 7.3, by file name. */
export const callbackSamples: Readonly<Record<string, Record<string, unknown>>> = Object.fromEntries(
  Object.entries(files).map(([path, sample]) => [
    path.slice(path.lastIndexOf('/') + 1),
    JSON.parse(JSON.stringify(sample).replace(/([A-Za-z0-9+/])\.\.\.([A-Za-z0-9+/])/g, '$1$2')),
  ]),
);
