import type { CallbackToken, GatewayAuth } from '../gateway-options.ts';
import { secretCheck } from '../internal/secret-check.ts';

/**
 * Checks a callback's credentials: `viaBasic` from the header alone, `viaBody` from the parsed JSON (legacy
 * bodies only), `viaToken` from the URL's tokens and the integration the parsed JSON names.
 */
export interface CallbackCredentialCheck {
  viaBasic(request: Request): Promise<boolean>;
  viaBody(json: unknown): Promise<boolean>;
  viaToken(tokens: readonly string[], json: unknown): Promise<boolean>;
}

function basicCredentials(request: Request): { username: string; password: string } | undefined {
  const header = request.headers.get('authorization');
  const match = header ? /^basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(match[1]!), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Whether the body is in One API's envelope, by `parseCallbackBody`'s own rule: an `event` member and neither
 * legacy `statusCode` nor `from`. Body credentials are the legacy API's (spec 7.3.6); One API has none.
 */
const isOneApiBody = (json: Record<string, unknown>): boolean =>
  Object.hasOwn(json, 'event') && json.statusCode === undefined && json.from === undefined;

const named = (json: unknown, field: 'integrationId' | 'integrationName'): string | null => {
  const value = isRecord(json) ? json[field] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/** Whether a token entry applies to a body: any body for an entry of no integration, else the body's own. */
function appliesTo(entry: CallbackToken, json: unknown): boolean {
  if (!entry.integrationId && !entry.integrationName) return true;
  const id = named(json, 'integrationId');
  const name = named(json, 'integrationName');
  return (
    (entry.integrationId !== undefined && id === entry.integrationId.trim()) ||
    (entry.integrationName !== undefined &&
      name !== null &&
      name.toLowerCase() === entry.integrationName.trim().toLowerCase())
  );
}

/**
 * The credential check of spec 7.3.6 (body keys `username`/`password`), of HTTP Basic (the older platform's
 * way) and of URL tokens (One API, which documents none), or undefined when no credentials are configured.
 * Throws a TypeError when only one of username and password is set, or a token is empty.
 */
export function callbackCredentialCheck(auth: GatewayAuth): CallbackCredentialCheck | undefined {
  const { callbackUsername: username, callbackPassword: password } = auth;
  const tokens = auth.callbackTokens ?? [];
  if (!username && !password && tokens.length === 0) return undefined;
  if (Boolean(username) !== Boolean(password)) {
    throw new TypeError(
      'Set both the callback username and password (CALLBACK_USERNAME, CALLBACK_PASSWORD), or neither',
    );
  }
  for (const entry of tokens) {
    if (typeof entry?.token !== 'string' || entry.token === '')
      throw new TypeError('Every callback token must be a non-empty string (CALLBACK_TOKEN...)');
  }
  // Both checked in one comparison (the username's length first, so no other split of the same characters
  // matches): the timing does not tell which one was wrong.
  const pair = (u: string, p: string) => `${u.length}:${u}${p}`;
  const pairMatches = username && password ? secretCheck(pair(username, password)) : undefined;
  const matches = async (given: { username?: unknown; password?: unknown }): Promise<boolean> => {
    if (!pairMatches || typeof given.username !== 'string' || typeof given.password !== 'string')
      return false;
    return pairMatches(pair(given.username, given.password));
  };
  const tokenChecks = tokens.map((entry) => ({ entry, matches: secretCheck(entry.token) }));
  return {
    viaBasic: async (request) => {
      const given = basicCredentials(request);
      return given ? matches(given) : false;
    },
    viaBody: (json) => (isRecord(json) && !isOneApiBody(json) ? matches(json) : Promise.resolve(false)),
    viaToken: async (given, json) => {
      let ok = false;
      // Every applicable token is compared, whatever matched first: the time does not tell which one did.
      for (const { entry, matches: tokenMatches } of tokenChecks) {
        if (!appliesTo(entry, json)) continue;
        for (const token of given) if (await tokenMatches(token)) ok = true;
      }
      return ok;
    },
  };
}
