import { createClient } from '@clickwa/core';
import type { ClientResolver } from '../gateway-options.ts';
import { readClickatellApi } from './read-clickatell-api.ts';
import { apiKeySecret, type IntegrationConfig } from './read-integrations.ts';

/**
 * Send clients by integration: the default one with `CLICKATELL_API_KEY`, a named one with its own secret,
 * each speaking its integration's API (`api` of its `INTEGRATIONS` entry, else `CLICKATELL_API`, else `wa`).
 * Clients are made on first use and kept, so their concurrency limits hold across requests of an isolate.
 * An unreadable `CLICKATELL_API` makes no client: `readGatewayConfig` names it, and nothing is sent.
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
  const defaultApi = readClickatellApi(env);
  const clients = new Map<string, ReturnType<typeof createClient>>();
  return (name) => {
    const key = name === undefined ? 'CLICKATELL_API_KEY' : apiKeySecret(name);
    const integration = name === undefined ? undefined : integrations.find((i) => i.name === name);
    if (name !== undefined && !integration) return undefined;
    const api = integration?.api ?? defaultApi;
    const apiKey = env[key];
    if (api === undefined || typeof apiKey !== 'string' || apiKey === '') return undefined;
    let client = clients.get(key);
    if (!client) {
      client = createClient({ api, apiKey, ...(baseUrl ? { baseUrl } : {}), ...(fetch ? { fetch } : {}) });
      clients.set(key, client);
    }
    return client;
  };
}
