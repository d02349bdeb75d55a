import { createClient } from '@clickwa/core';
import type { ClientResolver } from '@clickwa/webhook';

/** One integration of spec 2.2 (sandbox, production), as configured in the `INTEGRATIONS` var. */
export interface IntegrationConfig {
  readonly name: string;
  /** The 32-character integration id its callbacks carry; enables the allow-list. */
  readonly id?: string;
}

/** The secret holding an integration's API key: `CLICKATELL_API_KEY_<NAME>` (upper case, `_` for the rest). */
export const apiKeySecret = (name: string): string =>
  `CLICKATELL_API_KEY_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** Reads `INTEGRATIONS` (a JSON array); a mistake throws with what to fix, at the first request. */
export function readIntegrations(raw: string | undefined): IntegrationConfig[] {
  if (!raw || raw.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new TypeError('INTEGRATIONS must be JSON: [{ "name": "sandbox", "id": "<integration id>" }, ...]');
  }
  if (!Array.isArray(list)) throw new TypeError('INTEGRATIONS must be a JSON array');
  return list.map((item, i) => {
    const { name, id } = (item ?? {}) as { name?: unknown; id?: unknown };
    if (typeof name !== 'string' || name.trim() === '')
      throw new TypeError(`INTEGRATIONS[${i}].name must be a string`);
    if (id !== undefined && typeof id !== 'string')
      throw new TypeError(`INTEGRATIONS[${i}].id must be a string`);
    return id ? { name: name.trim(), id: id.trim() } : { name: name.trim() };
  });
}

/**
 * Send clients by integration: the default one with `CLICKATELL_API_KEY`, a named one with its own secret.
 * Clients are made on first use and kept, so their concurrency limits hold across requests of an isolate.
 */
export function clientResolver(
  env: Readonly<Record<string, unknown>>,
  integrations: readonly IntegrationConfig[],
  fetch?: (input: string, init: RequestInit) => Promise<Response>,
): ClientResolver {
  const baseUrl =
    typeof env.CLICKATELL_BASE_URL === 'string' && env.CLICKATELL_BASE_URL
      ? env.CLICKATELL_BASE_URL
      : undefined;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  return (name) => {
    const key = name === undefined ? 'CLICKATELL_API_KEY' : apiKeySecret(name);
    if (name !== undefined && !integrations.some((i) => i.name === name)) return undefined;
    const apiKey = env[key];
    if (typeof apiKey !== 'string' || apiKey === '') return undefined;
    let client = clients.get(key);
    if (!client) {
      client = createClient({ apiKey, ...(baseUrl ? { baseUrl } : {}), ...(fetch ? { fetch } : {}) });
      clients.set(key, client);
    }
    return client;
  };
}
