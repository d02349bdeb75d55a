/** A body read within its cap, or why not: over the cap, or stalled (no bytes for `stallMs`). */
export type LimitedBody =
  | { readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly ok: false; readonly reason: 'too-large' | 'stalled' };

/**
 * How much of an oversized streamed body is read and dropped before the answer. Answering a chunked request
 * before its body is read breaks the next request on that connection in some runtimes (wrangler dev), and
 * only reading to the end avoids it; the bound keeps a hostile sender from holding the request for long.
 */
export const OVERSIZE_DRAIN = { bytes: 8_000_000, ms: 2_000 } as const;

const STALLED = Symbol('stalled');

function readWithin<T>(read: Promise<T>, ms: number): Promise<T | typeof STALLED> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<typeof STALLED>((resolve) => {
    timer = setTimeout(() => resolve(STALLED), ms);
  });
  return Promise.race([read, stalled]).finally(() => clearTimeout(timer));
}

async function drainThenCancel(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = Date.now() + OVERSIZE_DRAIN.ms;
  let drained = 0;
  while (drained < OVERSIZE_DRAIN.bytes) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const next = await readWithin(reader.read(), left).catch((): typeof STALLED => STALLED);
    if (next === STALLED || next.done) break;
    drained += next.value.byteLength;
  }
  await reader.cancel().catch(() => {});
}

/**
 * Reads and drops a body the answer does not need, up to `OVERSIZE_DRAIN`, then cancels the rest: answering
 * a chunked request before its body is read breaks the connection in some runtimes.
 */
export async function discardBody(request: Request): Promise<void> {
  if (request.body === null || request.bodyUsed) return;
  await drainThenCancel(request.body.getReader());
}

/**
 * Reads a request body as bytes, refusing it as soon as it passes `maxBytes`: a declared `Content-Length`
 * over the cap is refused before reading, and a chunked body (no length) is counted as it streams, so an
 * oversized body is never buffered whole. A body that sends nothing for `stallMs` (a length that promises
 * more than comes) is given up on.
 */
export async function readLimitedBody(
  request: Request,
  maxBytes: number,
  stallMs: number,
): Promise<LimitedBody> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return { ok: false, reason: 'too-large' };
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await readWithin(reader.read(), stallMs);
    if (next === STALLED) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: 'stalled' };
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > maxBytes) {
      await drainThenCancel(reader);
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(next.value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes: all };
}
