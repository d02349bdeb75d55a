import type { GatewayAuth } from '../gateway-options.ts';
import { secretCheck } from '../internal/secret-check.ts';

/** Checks a callback's credentials: `viaBasic` from the header alone, `viaBody` from the parsed JSON. */
export interface CallbackCredentialCheck {
  viaBasic(request: Request): Promise<boolean>;
  viaBody(json: unknown): Promise<boolean>;
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

/**
 * The credential check of spec 7.3.6 (body keys `username`/`password`) and of HTTP Basic (the older platform's
 * way), or undefined when no credentials are configured. Throws a TypeError when only one of the two is set.
 */
export function callbackCredentialCheck(auth: GatewayAuth): CallbackCredentialCheck | undefined {
  const { callbackUsername: username, callbackPassword: password } = auth;
  if (!username && !password) return undefined;
  if (!username || !password) {
    throw new TypeError(
      'Set both the callback username and password (CALLBACK_USERNAME, CALLBACK_PASSWORD), or neither',
    );
  }
  // Both checked in one comparison (the username's length first, so no other split of the same characters
  // matches): the timing does not tell which one was wrong.
  const pair = (u: string, p: string) => `${u.length}:${u}${p}`;
  const pairMatches = secretCheck(pair(username, password));
  const matches = async (given: { username?: unknown; password?: unknown }): Promise<boolean> => {
    if (typeof given.username !== 'string' || typeof given.password !== 'string') return false;
    return pairMatches(pair(given.username, given.password));
  };
  return {
    viaBasic: async (request) => {
      const given = basicCredentials(request);
      return given ? matches(given) : false;
    },
    viaBody: (json) =>
      typeof json === 'object' && json !== null
        ? matches(json as Record<string, unknown>)
        : Promise.resolve(false),
  };
}
