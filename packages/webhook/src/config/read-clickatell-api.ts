import { type ClickatellApi, isClickatellApi } from '@clickwa/core';
import type { ConfigIssue } from './read-gateway-config.ts';

/**
 * `CLICKATELL_API`: the API the default integration speaks, and every `INTEGRATIONS` entry that names none:
 * `wa` (the WhatsApp Enterprise API) when unset or empty, or `one` (One API). Any other value is an issue,
 * and reads as undefined: nothing is sent with an API the operator did not choose.
 */
export function readClickatellApi(
  env: Readonly<Record<string, unknown>>,
  issues?: ConfigIssue[],
): ClickatellApi | undefined {
  const raw = env.CLICKATELL_API;
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (value === undefined || value === '') return 'wa';
  if (isClickatellApi(value)) return value;
  issues?.push({
    variable: 'CLICKATELL_API',
    message: `CLICKATELL_API must be "wa" (the WhatsApp Enterprise API, the default) or "one" (One API), got "${String(raw)}"`,
  });
  return undefined;
}
