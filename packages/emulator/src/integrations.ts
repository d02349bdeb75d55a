import { type ClickatellApi, isClickatellApi, normalizeMsisdn } from '@clickwa/core';
import { hashHex } from './random.ts';

/** One integration of the account (spec 2.2: an account has a sandbox and a production integration). */
export interface IntegrationOptions {
  /** Shown as `integrationName` in every callback it sends. */
  readonly name: string;
  /** The key its requests carry in `Authorization`. */
  readonly apiKey: string;
  /** Where its message status callbacks go (spec 7.2). */
  readonly statusCallback?: string;
  /** Where messages from users go (spec 7.3). */
  readonly inboundCallback?: string;
  /** A sandbox integration delivers only to `testPhones`; other numbers end in 1006 EMULATED. */
  readonly sandbox?: boolean;
  /** The registered test phones, in any format `normalizeMsisdn` reads. */
  readonly testPhones?: readonly string[];
  /** Its 32-hex integration id. Default: derived from the name and key, so it is stable across restarts. */
  readonly id?: string;
  /** `false` makes every request answer 2 (Integration is not active). */
  readonly active?: boolean;
  /** Client IPs it accepts requests from; others get 109. */
  readonly ipAllowList?: readonly string[];
  /** The API it speaks: `wa` (default, `POST /wa/messages`) or `one` (One API, `POST /v1/message`). */
  readonly api?: ClickatellApi;
  /** One API: the business number users write to (`to` of its user-message callbacks). */
  readonly number?: string;
  /** One API: how user media is called back: `files` (default, `files[]` with `downloadUrl`) or `inline` base64. */
  readonly moMedia?: 'files' | 'inline';
  /**
   * One API: `'message'` sends all the statuses of a message in one callback body (several
   * `messageStatusUpdate` items, a repeated one included), when its last status is due: the batching One API
   * announces for later ("for now batch sizes are always 1"). Default `'single'`: one status a body.
   */
  readonly statusBatch?: 'single' | 'message';
}

/** An integration as the emulator uses it. */
export interface Integration {
  readonly id: string;
  readonly name: string;
  readonly apiKey: string;
  readonly statusCallback: string | undefined;
  readonly inboundCallback: string | undefined;
  readonly sandbox: boolean;
  readonly testPhones: ReadonlySet<string>;
  readonly active: boolean;
  readonly ipAllowList: ReadonlySet<string> | undefined;
  readonly api: ClickatellApi;
  readonly number: string;
  readonly moMedia: 'files' | 'inline';
  readonly statusBatch: 'single' | 'message';
}

const INTEGRATION_ID = /^[0-9a-f]{32}$/;

/** Checks a callback URL at start-up, so a typo fails there and not silently at the first callback. */
export function checkUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${name} must be an http(s) URL, got "${value}"`);
  }
  return value;
}

/** An IP as allow-lists compare it: IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as plain IPv4. */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
}

/** An allow-list as a set, or undefined when there is none. */
export function toIpSet(list: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return list === undefined ? undefined : new Set(list.map(normalizeIp));
}

function testPhoneSet(name: string, phones: readonly string[] = []): ReadonlySet<string> {
  return new Set(
    phones.map((phone) => {
      const normalized = normalizeMsisdn(phone);
      if (!normalized.success)
        throw new TypeError(`Test phone "${phone}" of "${name}": ${normalized.issues[0]?.message}`);
      return normalized.output;
    }),
  );
}

/** The API an integration speaks and its One API settings, checked. */
function oneApiSettings(
  name: string,
  options: IntegrationOptions,
): Pick<Integration, 'api' | 'number' | 'moMedia' | 'statusBatch'> {
  const api = options.api ?? 'wa';
  if (!isClickatellApi(api))
    throw new TypeError(`api of "${name}" must be 'wa' or 'one', got "${String(api)}"`);
  const moMedia = options.moMedia ?? 'files';
  if (moMedia !== 'files' && moMedia !== 'inline')
    throw new TypeError(`moMedia of "${name}" must be 'files' or 'inline', got "${String(moMedia)}"`);
  const statusBatch = options.statusBatch ?? 'single';
  if (statusBatch !== 'single' && statusBatch !== 'message')
    throw new TypeError(
      `statusBatch of "${name}" must be 'single' or 'message', got "${String(statusBatch)}"`,
    );
  if (statusBatch === 'message' && api !== 'one')
    throw new TypeError(`statusBatch of "${name}": only a One API integration (api: 'one') batches statuses`);
  const number = normalizeMsisdn(options.number ?? '27999000000');
  if (!number.success) throw new TypeError(`number of "${name}": ${number.issues[0]?.message}`);
  return { api, number: number.output, moMedia, statusBatch };
}

/**
 * Checks and completes the integrations. Configuration mistakes throw a `TypeError` that says what to fix:
 * they are the developer's, found at start-up.
 */
export function resolveIntegrations(list: readonly IntegrationOptions[]): Integration[] {
  if (list.length === 0) throw new TypeError('integrations must list at least one integration');
  const names = new Set<string>();
  const keys = new Set<string>();
  return list.map((options) => {
    const { name, apiKey } = options;
    if (typeof name !== 'string' || name.trim() === '') throw new TypeError('Every integration needs a name');
    if (typeof apiKey !== 'string' || apiKey.trim() === '')
      throw new TypeError(`Integration "${name}" needs an apiKey`);
    if (names.has(name)) throw new TypeError(`Two integrations are named "${name}"`);
    if (keys.has(apiKey)) throw new TypeError(`Integration "${name}" reuses another integration's apiKey`);
    names.add(name);
    keys.add(apiKey);
    const id = options.id ?? hashHex(`integration:${name}:${apiKey}`);
    if (!INTEGRATION_ID.test(id))
      throw new TypeError(`Integration id "${id}" must be 32 lowercase hex digits`);
    return {
      id,
      name,
      apiKey: apiKey.trim(),
      statusCallback: checkUrl(`statusCallback of "${name}"`, options.statusCallback),
      inboundCallback: checkUrl(`inboundCallback of "${name}"`, options.inboundCallback),
      sandbox: options.sandbox ?? false,
      testPhones: testPhoneSet(name, options.testPhones),
      active: options.active ?? true,
      ipAllowList: toIpSet(options.ipAllowList),
      ...oneApiSettings(name, options),
    };
  });
}
