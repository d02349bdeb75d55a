/** A body read within its cap, or the sign that it went over. */
export type LimitedBody = { readonly ok: true; readonly text: string } | { readonly ok: false };

/**
 * Reads a request body as UTF-8 text, refusing it as soon as it passes `maxBytes`: a declared
 * `Content-Length` over the cap is refused before reading, and a chunked body (no length) is counted as it
 * streams, so an oversized body is never buffered whole.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return { ok: false };
  if (request.body === null) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false };
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return { ok: true, text: new TextDecoder().decode(chunks[0]) };
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(all) };
}
