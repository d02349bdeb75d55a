import type { ClickatellApi } from '@clickwa/core';
import type { CallbackToken, GatewayAuth } from '../gateway-options.ts';
import { type EncryptionSettings, readEncryptionSettings } from './gateway-encryption.ts';
import { readClickatellApi } from './read-clickatell-api.ts';
import { callbackTokenSecret, type IntegrationConfig, readIntegrations } from './read-integrations.ts';

/** The gateway's settings every runtime reads the same way, from the same variable names. */
export interface GatewayConfig {
  readonly auth: GatewayAuth;
  readonly integrations: readonly IntegrationConfig[];
  /** `CLICKATELL_API`: the API of the default integration and of each integration that names none. */
  readonly api: ClickatellApi;
  /** `CLICKATELL_BASE_URL`: where the send clients go (the emulator locally); undefined for the platform. */
  readonly baseUrl: string | undefined;
  /** `BODY_STALL_MS`: a callback body that sends nothing this long is answered 408 (default 10 s). */
  readonly bodyStallMs: number | undefined;
  /** `OUTBOX_LEASE_MS`: how long a drain holds the outbox entries it claimed (default 60 s). */
  readonly outboxLeaseMs: number | undefined;
  /** Message content encryption (`readEncryptionSettings`), or undefined. */
  readonly encryption: EncryptionSettings | undefined;
}

/** A variable that cannot be used, and why. */
export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

/** What `readGatewayConfig` found: the settings, or every variable to fix. */
export type GatewayConfigResult =
  | { readonly success: true; readonly output: GatewayConfig }
  | { readonly success: false; readonly issues: readonly ConfigIssue[] };

/** A set, non-empty string variable; anything else is unset (Workers vars may be other JSON values). */
export const stringVar = (env: Readonly<Record<string, unknown>>, name: string): string | undefined => {
  const value = env[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** A whole number of milliseconds from 1 to a day, or undefined when unset; a bad value is an issue. */
function millisecondsVar(
  env: Readonly<Record<string, unknown>>,
  name: string,
  issues: ConfigIssue[],
): number | undefined {
  const raw = stringVar(env, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || n < 1 || n > 86_400_000) {
    issues.push({ variable: name, message: `${name} must be a whole number of milliseconds, got "${raw}"` });
    return undefined;
  }
  return n;
}

/**
 * Reads the gateway's configuration from environment variables (Workers vars and secrets, or `process.env`):
 * `API_TOKEN`, `CALLBACK_USERNAME` and `CALLBACK_PASSWORD` (both or neither), `CALLBACK_TOKEN` (a callback URL
 * token for any integration) and `CALLBACK_TOKEN_<NAME>` (for one integration of `INTEGRATIONS`, by its
 * `callbackTokenSecret` name), `INTEGRATIONS` (a JSON array of `{ name, id?, api? }`), `CLICKATELL_API` (`wa` or
 * `one`), `CLICKATELL_BASE_URL`, `BODY_STALL_MS`, `OUTBOX_LEASE_MS` and the encryption variables
 * (`readEncryptionSettings`). The API keys (`CLICKATELL_API_KEY`, `CLICKATELL_API_KEY_<NAME>`)
 * are read when a client is made (`clientResolver`). Never throws: each mistake is an issue naming its variable.
 *
 * @example
 * const config = readGatewayConfig(process.env);
 * if (!config.success) throw new Error(formatConfigIssues(config.issues));
 */
export function readGatewayConfig(env: Readonly<Record<string, unknown>>): GatewayConfigResult {
  const issues: ConfigIssue[] = [];
  let integrations: IntegrationConfig[] = [];
  try {
    integrations = readIntegrations(stringVar(env, 'INTEGRATIONS'));
  } catch (error) {
    issues.push({ variable: 'INTEGRATIONS', message: (error as Error).message });
  }
  const api = readClickatellApi(env, issues);
  const callbackUsername = stringVar(env, 'CALLBACK_USERNAME');
  const callbackPassword = stringVar(env, 'CALLBACK_PASSWORD');
  if ((callbackUsername === undefined) !== (callbackPassword === undefined)) {
    const missing = callbackUsername === undefined ? 'CALLBACK_USERNAME' : 'CALLBACK_PASSWORD';
    issues.push({
      variable: missing,
      message: `${missing} must be set too: set both callback credentials, or neither`,
    });
  }
  const callbackTokens: CallbackToken[] = [];
  const readToken = (variable: string, entry: Omit<CallbackToken, 'token'>) => {
    const token = stringVar(env, variable);
    if (token === undefined) return;
    // The token travels in a URL: a character a URL would have to escape is a mistake waiting to happen.
    if (/^[A-Za-z0-9._~-]{16,}$/.test(token)) callbackTokens.push({ token, ...entry });
    else
      issues.push({
        variable,
        message: `${variable} must be at least 16 characters of A-Z, a-z, 0-9, ".", "_", "~", "-" (it goes in a URL)`,
      });
  };
  readToken('CALLBACK_TOKEN', {});
  for (const integration of integrations) {
    readToken(callbackTokenSecret(integration.name), {
      integrationName: integration.name,
      ...(integration.id ? { integrationId: integration.id } : {}),
    });
  }
  const baseUrl = stringVar(env, 'CLICKATELL_BASE_URL');
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]/.test(baseUrl)) {
    issues.push({ variable: 'CLICKATELL_BASE_URL', message: 'CLICKATELL_BASE_URL must be an http(s) URL' });
  }
  const bodyStallMs = millisecondsVar(env, 'BODY_STALL_MS', issues);
  const outboxLeaseMs = millisecondsVar(env, 'OUTBOX_LEASE_MS', issues);
  const encryption = readEncryptionSettings(env, issues);
  if (issues.length > 0 || api === undefined) return { success: false, issues };
  return {
    success: true,
    output: {
      auth: {
        apiToken: stringVar(env, 'API_TOKEN'),
        callbackUsername,
        callbackPassword,
        ...(callbackTokens.length > 0 ? { callbackTokens } : {}),
        integrationIds: integrations.flatMap((i) => (i.id ? [i.id] : [])),
      },
      integrations,
      api,
      baseUrl,
      bodyStallMs,
      outboxLeaseMs,
      encryption,
    },
  };
}

/** The issues as lines for a log or a start-up error. */
export const formatConfigIssues = (issues: readonly ConfigIssue[]): string =>
  issues.map((i) => `${i.variable}: ${i.message}`).join('\n');
