import type { Issue } from '@clickwa/core';

/** The one error shape every route answers with: `{ error, issues? }`, as JSON. */
export function jsonError(
  status: number,
  error: string,
  extra: {
    readonly issues?: readonly (Issue | string)[];
    readonly headers?: Record<string, string>;
  } & Record<string, unknown> = {},
): Response {
  const { headers, ...fields } = extra;
  return new Response(JSON.stringify({ error, ...fields }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
