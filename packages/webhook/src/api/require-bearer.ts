import type { MiddlewareHandler } from 'hono';
import { jsonError } from '../internal/json-error.ts';
import { secretCheck } from '../internal/secret-check.ts';

const challenge = { headers: { 'www-authenticate': 'Bearer realm="clickwa"' } };

/** Requires `Authorization: Bearer <token>`, compared in constant time. With no token configured, refuses all. */
export function requireBearer(token: string | undefined): MiddlewareHandler {
  const matches = token ? secretCheck(token) : undefined;
  return async (c, next) => {
    if (!matches)
      return jsonError(401, 'The API is disabled until an API token is configured (API_TOKEN)', challenge);
    const match = /^bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match || !(await matches(match[1]!))) {
      return jsonError(401, 'Wrong or missing bearer token', challenge);
    }
    await next();
  };
}
