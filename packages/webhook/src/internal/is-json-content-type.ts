/**
 * Whether a callback's `Content-Type` can carry JSON: missing (the platform does not promise one),
 * `application/json`, `text/json` or any `+json` type, with or without parameters.
 */
export function isJsonContentType(header: string | null): boolean {
  if (header === null || header.trim() === '') return true;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || type === 'text/json' || /^application\/[\w.+-]+\+json$/.test(type);
}
