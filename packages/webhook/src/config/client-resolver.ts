import { createClient } from '@clickwa/core';
import type { ClientResolver } from '../gateway-options.ts';
import { apiKeySecret, type IntegrationConfig } from './read-integrations.ts';

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
