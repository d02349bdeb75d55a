/** Base64 characters enough for every magic number `sniffContentType` reads (48 bytes). */
const HEAD_CHARS = 64;
const WHITESPACE = /[\t\n\f\r ]+/g;

/**
 * The first bytes (up to 48) of base64 text, enough to sniff a file's type, or undefined when they are not
 * base64. Whitespace is skipped, as `fromBase64` skips it. It uses `atob`, present on every runtime: for 64
 * characters it is as good as a decoder built for megabytes, and it keeps `fromBase64`'s fallback out of
 * the client's bundle.
 *
 * @example decodeBase64Head('iVBORw0KGgoAAAANSUhEUg...') // Uint8Array [137, 80, 78, 71, ...]
 */
export function decodeBase64Head(text: string): Uint8Array | undefined {
  // Room for line breaks, even one after every character.
  const window = text.slice(0, HEAD_CHARS * 3);
  let head = window.replace(WHITESPACE, '');
  // Cut inside the text: keep whole 4-character groups, so no byte is decoded from half its bits.
  if (window.length < text.length || head.length > HEAD_CHARS) {
    head = head.slice(0, Math.min(HEAD_CHARS, head.length - (head.length % 4)));
  }
  let binary: string;
  try {
    binary = atob(head);
  } catch {
    return undefined;
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
