const ID_BYTES = 16;
// Random bytes are drawn for 256 ids at a time: one `getRandomValues` call per 4 KiB instead of one per message.
const POOL_BYTES = ID_BYTES * 256;
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let pool: Uint8Array<ArrayBuffer> | undefined;
let offset = POOL_BYTES;

/**
 * A new `clientMessageId`: 32 lowercase hex digits (128 random bits from `crypto.getRandomValues`), the form
 * of the spec's samples. The client assigns one to every message that has none, so each answer maps back to
 * its message; create your own beforehand to store it next to your record.
 *
 * @example createClientMessageId() // '2993b6b548000a80989a20549e7558a5'
 */
export function createClientMessageId(): string {
  if (offset >= POOL_BYTES || pool === undefined) {
    pool ??= new Uint8Array(POOL_BYTES);
    crypto.getRandomValues(pool);
    offset = 0;
  }
  let id = '';
  for (let i = offset; i < offset + ID_BYTES; i++) id += HEX[pool[i]!];
  offset += ID_BYTES;
  return id;
}
