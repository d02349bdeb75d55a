// A string's UTF-16 unit is at most 6 bytes of JSON (a control character or a lone surrogate as `\u001f`; other
// units 3 bytes of UTF-8 at most), and a number, a boolean or null at most 24 (`-2.2250738585072014e-308`).
const UNIT_BYTES = 6;
const OTHER_BYTES = 24;

/**
 * An upper bound on the UTF-8 bytes of `JSON.stringify(value)`, found without serializing it, for an object
 * whose enumerable values are all strings, numbers, booleans, null or undefined. Any other value (an object, an
 * array, a function, a BigInt) makes it `undefined`: only serializing tells that JSON's size.
 *
 * @example flatJsonBound({ to: '27999000001', content: 'Hi' }) // 2 + (6*2 + 4 + 6*11 + 2) + (6*7 + 4 + 6*2 + 2)
 */
export function flatJsonBound(value: object): number | undefined {
  let bytes = 2;
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    // The key in quotes, a colon and a comma.
    bytes += UNIT_BYTES * key.length + 4;
    if (typeof field === 'string') bytes += UNIT_BYTES * field.length + 2;
    else if (typeof field === 'number' || typeof field === 'boolean' || field == null) bytes += OTHER_BYTES;
    else return undefined;
  }
  return bytes;
}
