import type { GatewayAuth } from '../gateway-options.ts';
import { type IntegrationConfig, readIntegrations } from './read-integrations.ts';

/** The gateway's settings every runtime reads the same way, from the same variable names. */
export interface GatewayConfig {
  readonly auth: GatewayAuth;
  readonly integrations: readonly IntegrationConfig[];
  /** `CLICKATELL_BASE_URL`: where the send clients go (the emulator locally); undefined for the platform. */
  readonly baseUrl: string | undefined;
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

/**
 * Reads the gateway's configuration from environment variables (Workers vars and secrets, or `process.env`):
 * `API_TOKEN`, `CALLBACK_USERNAME` and `CALLBACK_PASSWORD` (both or neither), `INTEGRATIONS` (a JSON array of
 * `{ name, id? }`) and `CLICKATELL_BASE_URL`. The API keys (`CLICKATELL_API_KEY`, `CLICKATELL_API_KEY_<NAME>`)
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
  const callbackUsername = stringVar(env, 'CALLBACK_USERNAME');
  const callbackPassword = stringVar(env, 'CALLBACK_PASSWORD');
  if ((callbackUsername === undefined) !== (callbackPassword === undefined)) {
    const missing = callbackUsername === undefined ? 'CALLBACK_USERNAME' : 'CALLBACK_PASSWORD';
    issues.push({
      variable: missing,
      message: `${missing} must be set too: set both callback credentials, or neither`,
    });
  }
  const baseUrl = stringVar(env, 'CLICKATELL_BASE_URL');
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]/.test(baseUrl)) {
    issues.push({ variable: 'CLICKATELL_BASE_URL', message: 'CLICKATELL_BASE_URL must be an http(s) URL' });
  }
  if (issues.length > 0) return { success: false, issues };
  return {
    success: true,
    output: {
      auth: {
        apiToken: stringVar(env, 'API_TOKEN'),
        callbackUsername,
        callbackPassword,
        integrationIds: integrations.flatMap((i) => (i.id ? [i.id] : [])),
      },
      integrations,
      baseUrl,
    },
  };
}

/** The issues as lines for a log or a start-up error. */
export const formatConfigIssues = (issues: readonly ConfigIssue[]): string =>
  issues.map((i) => `${i.variable}: ${i.message}`).join('\n');
