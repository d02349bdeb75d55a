/**
 * A regular expression's source that matches case-insensitively without the `i` flag (JSON Schema patterns
 * have no flags): each ASCII letter outside escapes and character classes becomes `[xX]`. Letters inside a
 * class are left as written (a range such as `a-z` cannot be doubled letter by letter).
 *
 * @example caseInsensitivePattern('^(true|false)$') // '^([tT][rR][uU][eE]|[fF][aA][lL][sS][eE])$'
 */
export function caseInsensitivePattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else out += /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}
