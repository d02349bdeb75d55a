const BASE64 = /^[A-Za-z0-9+/\s]*(?:=\s*){0,2}$/;
const WHITESPACE = /\s/;
const ALL_WHITESPACE = /\s+/g;

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
