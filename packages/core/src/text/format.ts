/**
 * WhatsApp rich-text markers (spec 7.1.2). They wrap text; WhatsApp renders them on the handset.
 *
 * @example `${bold('Total')}: ${code('R 150')}` // '*Total*: ```R 150```'
 */
export function bold(text: string): string {
  return `*${text}*`;
}

/** Italic: `_text_` (spec 7.1.2). */
export function italic(text: string): string {
  return `_${text}_`;
}

/** Strikethrough: `~text~` (spec 7.1.2). */
export function strikethrough(text: string): string {
  return `~${text}~`;
}

/** Monospace code: three backticks on each side (spec 7.1.2). */
export function code(text: string): string {
  return '```' + text + '```';
}
