import { jsonDepthExceeds } from '../internal/json-depth-exceeds.ts';

/**
 * The body a quarantine entry keeps: the callback as received without its credentials. A JSON object loses
 * its `username` and `password` keys; a body that is not JSON, or nests past `maxDepth`, has each configured
 * secret's JSON form blanked in its text instead. The depth decides, not whether the runtime's stack happens
 * to hold a re-serialization: the entry (and its id, a hash of it) is the same on every runtime.
 */
export function quarantineBody(
  text: string,
  json: unknown,
  secrets: readonly string[],
  maxDepth: number,
): string {
  if (
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    !jsonDepthExceeds(json, maxDepth)
  ) {
    const { username: _u, password: _p, ...rest } = json as Record<string, unknown>;
    try {
      return JSON.stringify(rest);
    } catch {
      // Nested past what the serializer can walk: redact the text below.
    }
  }
  let body = text;
  for (const secret of secrets) body = body.replaceAll(JSON.stringify(secret), '"[redacted]"');
  return body;
}
