import { type ClickatellApi, isClickatellApi } from '@clickwa/core';

/** One integration of spec 2.2 (sandbox, production), as configured in the `INTEGRATIONS` var. */
export interface IntegrationConfig {
  readonly name: string;
  /** The 32-character integration id its callbacks carry; enables the allow-list. */
  readonly id?: string;
  /** The API its key belongs to; when absent, `CLICKATELL_API`'s (`readClickatellApi`). */
  readonly api?: ClickatellApi;
}

/** The secret holding an integration's API key: `CLICKATELL_API_KEY_<NAME>` (upper case, `_` for the rest). */
export const apiKeySecret = (name: string): string =>
  `CLICKATELL_API_KEY_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * The secret holding the callback URL token of one integration: `CALLBACK_TOKEN_<NAME>` (upper case, `_` for
 * the rest), as `apiKeySecret`.
 */
export const callbackTokenSecret = (name: string): string =>
  `CALLBACK_TOKEN_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** Reads `INTEGRATIONS` (a JSON array); a mistake throws a TypeError that says what to fix. */
export function readIntegrations(raw: string | undefined): IntegrationConfig[] {
  if (!raw || raw.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new TypeError(
      'INTEGRATIONS must be JSON: [{ "name": "sandbox", "id": "<integration id>", "api": "wa" | "one" }, ...]',
    );
  }
  if (!Array.isArray(list)) throw new TypeError('INTEGRATIONS must be a JSON array');
  return list.map((item, i) => {
    const { name, id, api } = (item ?? {}) as { name?: unknown; id?: unknown; api?: unknown };
    if (typeof name !== 'string' || name.trim() === '')
      throw new TypeError(`INTEGRATIONS[${i}].name must be a string`);
    if (id !== undefined && typeof id !== 'string')
      throw new TypeError(`INTEGRATIONS[${i}].id must be a string`);
    if (api !== undefined && !isClickatellApi(api))
      throw new TypeError(`INTEGRATIONS[${i}].api must be "wa" or "one", got ${JSON.stringify(api)}`);
    return { name: name.trim(), ...(id ? { id: id.trim() } : {}), ...(api ? { api } : {}) };
  });
}
