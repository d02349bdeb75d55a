const ID_BYTES = 16;
const IDS_PER_POOL = 256;
const DIGITS = '0123456789abcdef';
// ASCII codes of each byte's high and low hex digit.
const HIGH = Uint8Array.from({ length: 256 }, (_, b) => DIGITS.charCodeAt(b >> 4));
const LOW = Uint8Array.from({ length: 256 }, (_, b) => DIGITS.charCodeAt(b & 15));
const decoder = new TextDecoder();

// Random bytes are drawn for 256 ids at a time, written as ASCII hex into one buffer and decoded into one
// string that ids are sliced from: one `getRandomValues` call and one string per 256 messages, since this runs
// for every message of a bulk send.
const random = new Uint8Array(ID_BYTES * IDS_PER_POOL);
const ascii = new Uint8Array(random.length * 2);
let pool = '';
let offset = 0;

function refill(): void {
  crypto.getRandomValues(random);
  for (let i = 0; i < random.length; i++) {
    const b = random[i]!;
    ascii[2 * i] = HIGH[b]!;
    ascii[2 * i + 1] = LOW[b]!;
  }
  pool = decoder.decode(ascii);
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
