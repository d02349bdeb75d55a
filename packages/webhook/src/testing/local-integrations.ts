import type { ClickatellApi } from '@clickwa/core';

/** An integration of the emulator (`integrations` of its options), as the local stack configures it. */
export interface LocalEmulatorIntegration {
  readonly name: string;
  readonly apiKey: string;
  readonly api: ClickatellApi;
  readonly statusCallback: string;
  readonly inboundCallback: string;
}

/** Options of `localIntegrations`. */
export interface LocalIntegrationsOptions {
  /** Where the emulator calls the gateway back, e.g. `http://127.0.0.1:8787`. */
  readonly gatewayUrl: string;
  /** The API of the gateway's default integration; the other API is the named integration `other.name`. */
  readonly api: ClickatellApi;
  /** The default integration's key (`CLICKATELL_API_KEY`); the other's is derived from it. */
  readonly apiKey: string;
  /** The One API integration's callback token. Default: a random one, new at every start. */
  readonly token?: string;
}

/** A local stack's integrations, both sides: what the emulator plays and what the gateway is told. */
export interface LocalIntegrations {
  /** For the emulator's `integrations` option: the default integration first (`/_emulator/inbound`'s default). */
  readonly emulator: readonly LocalEmulatorIntegration[];
  /**
   * The gateway's variables besides its secrets: `CLICKATELL_API`, `INTEGRATIONS` (the other one), the other
   * integration's key (`CLICKATELL_API_KEY_<NAME>`) and the One API integration's callback token
   * (`CALLBACK_TOKEN`, or `CALLBACK_TOKEN_ONE` when One API is the other integration).
   */
  readonly vars: Readonly<Record<string, string>>;
  /** The named integration, of the other API: `integration` in `POST /api/messages` and `/_emulator/inbound`. */
  readonly other: { readonly name: ClickatellApi; readonly api: ClickatellApi };
  /** The One API integration's callback token: One API documents no callback credentials, the URL carries it. */
  readonly token: string;
}

const OTHER: Readonly<Record<ClickatellApi, ClickatellApi>> = { wa: 'one', one: 'wa' };

/**
 * The local stack's two integrations, one per API, so both can be tried side by side: the default integration
 * speaks `api`, and an integration named after the other API (`wa` or `one`) speaks that one. The legacy one
 * calls back to `/clickatell/status` and `/clickatell/inbound` with the callback credentials; the One API one
 * to the same paths followed by its token, which the gateway learns from `vars`.
 *
 * @example
 * const local = localIntegrations({ gatewayUrl: 'http://127.0.0.1:8787', api: 'one', apiKey: 'local-dev-key' });
 * const emulator = await serveEmulator({ integrations: local.emulator, callbackUsername, callbackPassword });
 * // the gateway: its secrets plus local.vars
 */
export function localIntegrations(options: LocalIntegrationsOptions): LocalIntegrations {
  const { gatewayUrl, api, apiKey } = options;
  const token = options.token ?? crypto.randomUUID().replaceAll('-', '');
  const other = OTHER[api];
  const integration = (name: string, which: ClickatellApi, key: string): LocalEmulatorIntegration => {
    const tail = which === 'one' ? `/${token}` : '';
    return {
      name,
      apiKey: key,
      api: which,
      statusCallback: `${gatewayUrl}/clickatell/status${tail}`,
      inboundCallback: `${gatewayUrl}/clickatell/inbound${tail}`,
    };
  };
  const otherKey = `${apiKey}-${other}`;
  return {
    emulator: [integration('Local integration', api, apiKey), integration(other, other, otherKey)],
    vars: {
      CLICKATELL_API: api,
      INTEGRATIONS: JSON.stringify([{ name: other, api: other }]),
      [`CLICKATELL_API_KEY_${other.toUpperCase()}`]: otherKey,
      [api === 'one' ? 'CALLBACK_TOKEN' : 'CALLBACK_TOKEN_ONE']: token,
    },
    other: { name: other, api: other },
    token,
  };
}

const API_NAMES: Readonly<Record<ClickatellApi, string>> = {
  wa: 'the WhatsApp Enterprise API',
  one: 'One API',
};

/**
 * The integrations as a start script prints them: each one's API, how to pick it, and its callback URLs (the One
 * API one's with its token, as they would be set in Clickatell's portal).
 */
export function describeLocalIntegrations(local: LocalIntegrations): string {
  return local.emulator
    .map((integration, i) => {
      const pick = i === 0 ? 'the default integration' : `integration "${integration.name}"`;
      return [
        `  ${pick}: ${API_NAMES[integration.api]} (${integration.api})`,
        `    callbacks  ${integration.statusCallback}`,
        `               ${integration.inboundCallback}`,
      ].join('\n');
    })
    .join('\n');
}

/**
 * The API of a local stack's default integration: `--api one|wa` (or `--api=one`; after `pnpm start`, with or
 * without `--`), else `CLICKATELL_API`, else `wa`. Anything else throws a TypeError naming what to fix.
 */
export function localStackApi(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ClickatellApi {
  const at = argv.findIndex((arg) => arg === '--api' || arg.startsWith('--api='));
  const flag = at === -1 ? undefined : argv[at]!.startsWith('--api=') ? argv[at]!.slice(6) : argv[at + 1];
  const api = (flag ?? env.CLICKATELL_API ?? '').trim() || 'wa';
  if (api !== 'wa' && api !== 'one') {
    throw new TypeError(
      `${flag === undefined ? 'CLICKATELL_API' : '--api'} must be "wa" (the WhatsApp Enterprise API) or "one" (One API), got "${api}"`,
    );
  }
  return api;
}
