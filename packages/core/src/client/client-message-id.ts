const ID_BYTES = 16;
const IDS_PER_POOL = 256;
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Random bytes are drawn for 256 ids at a time and turned into one hex string that ids are sliced from:
// one `getRandomValues` call and one string per 256 messages, instead of 16 concatenations per message.
let pool = '';
let offset = 0;

function refill(): void {
  const bytes = new Uint8Array(ID_BYTES * IDS_PER_POOL);
  crypto.getRandomValues(bytes);
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX[bytes[i]!]!;
  pool = parts.join('');
  offset = 0;
}

/**
 * A new `clientMessageId`: 32 lowercase hex digits (128 random bits from `crypto.getRandomValues`), the form
 * of the spec's samples. The client assigns one to every message that has none, so each answer maps back to
 * its message; create your own beforehand to store it next to your record.
 *
 * @example createClientMessageId() // '2993b6b548000a80989a20549e7558a5'
 */
export function createClientMessageId(): string {
  if (offset >= pool.length) refill();
  const id = pool.slice(offset, offset + ID_BYTES * 2);
  offset += ID_BYTES * 2;
  return id;
}
