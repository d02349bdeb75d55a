/**
 * The body a quarantine entry keeps: the callback as received without its credentials. A JSON object loses
 * its `username` and `password` keys; a body that cannot be re-serialized (not JSON, nested too deep) has
 * each configured secret's JSON form blanked in its text instead.
 */
export function quarantineBody(text: string, json: unknown, secrets: readonly string[]): string {
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
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
