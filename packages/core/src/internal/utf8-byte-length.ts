const NON_ASCII = /[^\0-\x7f]/;

/** UTF-8 byte length of a string, counted without encoding it (no 20 MB copy to measure a request). */
export function utf8ByteLength(text: string): number {
  // Most JSON a client sends is ASCII: one regular-expression scan (about twice as fast as the loop) says so.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair: 2 UTF-16 units, 4 UTF-8 bytes.
        bytes += 2;
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}
