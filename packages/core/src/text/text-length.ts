/**
 * The length of a text as the 4096-character limit (`LIMITS.maxTextLength`, error 101) counts it: UTF-16 code
 * units. An emoji outside the Basic Multilingual Plane counts 2; that is never less than the code point
 * count, so a text that passes here cannot be too long under the other reading.
 *
 * @example textLength('hi 👋') // 5
 */
export function textLength(text: string): number {
  return text.length;
}
