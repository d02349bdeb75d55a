// Every byte's two lowercase hex digits: one lookup per byte instead of toString(16) and padding.
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const utf8 = new TextEncoder();

/**
 * The SHA-256 digest of bytes, or of a string's UTF-8 encoding, as 64 lowercase hex digits, computed with
 * Web Crypto (`crypto.subtle`), so it works in browsers, workers, Bun, Deno and Node alike.
 *
 * @example await sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  // Web Crypto rejects views of a SharedArrayBuffer; those are copied, everything else is hashed in place.
  const input =
    typeof data === 'string'
      ? utf8.encode(data)
      : data.buffer instanceof ArrayBuffer
        ? (data as Uint8Array<ArrayBuffer>)
        : new Uint8Array(data);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  let hex = '';
  for (let i = 0; i < digest.length; i++) hex += HEX[digest[i]!];
  return hex;
}
