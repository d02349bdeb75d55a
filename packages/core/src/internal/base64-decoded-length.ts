// Whitespace as `Uint8Array.fromBase64` allows it (tab, LF, FF, CR, space), so this check and the decoder agree.
const BASE64 = /^[A-Za-z0-9+/\t\n\f\r ]*(?:=[\t\n\f\r ]*){0,2}$/;
const WHITESPACE = /[\t\n\f\r ]/;
const ALL_WHITESPACE = /[\t\n\f\r ]+/g;

/**
 * The byte length a base64 text decodes to, without decoding it (media sizes are checked on decoded bytes);
 * undefined when the text is not base64.
 */
export function base64DecodedLength(text: string): number | undefined {
  if (!BASE64.test(text)) return undefined;
  const compact = WHITESPACE.test(text) ? text.replace(ALL_WHITESPACE, '') : text;
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  const chars = compact.length - padding;
  if (chars % 4 === 1) return undefined;
  return Math.floor((chars * 3) / 4);
}
