import { apiKeySecret, type IntegrationConfig } from './read-integrations.ts';

/** The integration a callback came through, as its stored event names it. */
export interface IntegrationRef {
  readonly integrationId: string | null;
  readonly integrationName: string | null;
}

/**
 * The API key of the integration a message came through: `CLICKATELL_API_KEY_<NAME>` of the `INTEGRATIONS` entry
 * whose id (or else name) the message carries, else `CLICKATELL_API_KEY`. Undefined when that secret is unset:
 * a matched integration never borrows another's key.
 *
 * @example const apiKey = integrationKeyResolver(env, config.integrations);
 */
export function integrationKeyResolver(
  env: Readonly<Record<string, unknown>>,
  integrations: readonly IntegrationConfig[],
): (ref: IntegrationRef) => string | undefined {
  return ({ integrationId, integrationName }) => {
    const matched =
      (integrationId !== null && integrations.find((i) => i.id === integrationId)) ||
      (integrationName !== null && integrations.find((i) => i.name === integrationName)) ||
      undefined;
    const value = env[matched ? apiKeySecret(matched.name) : 'CLICKATELL_API_KEY'];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
}
