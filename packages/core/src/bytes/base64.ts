import type { Result } from '../result.ts';
import { fromBase64Fallback } from './from-base64-fallback.ts';
import { toBase64Fallback } from './to-base64-fallback.ts';

// The TC39 base64 methods (Bun, Deno, workerd, recent browsers and Node), typed here because lib ES2022
// does not declare them.
type NativeToBase64 = (this: Uint8Array) => string;
type NativeFromBase64 = (text: string) => Uint8Array;

// Detected once: the methods either exist for the life of the realm or not.
const nativeToBase64 = (Uint8Array.prototype as unknown as { toBase64?: NativeToBase64 }).toBase64;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: NativeFromBase64 }).fromBase64;

/**
 * Encodes bytes as standard base64 (`+`, `/`, with `=` padding), as the media `content` field expects.
 * Uses the runtime's native `Uint8Array.prototype.toBase64` when there is one.
 *
 * @example toBase64(new TextEncoder().encode('hi')) // 'aGk='
 */
export const toBase64: (bytes: Uint8Array) => string =
  typeof nativeToBase64 === 'function' ? (bytes) => nativeToBase64.call(bytes) : toBase64Fallback;

/**
 * Decodes standard base64 into bytes. ASCII whitespace (tab, line feed, form feed, carriage return, space) is
 * ignored anywhere, so line-wrapped (MIME) text decodes, and padding may be left out. Any other character,
 * misplaced padding or a dangling single character fails the result rather than throwing.
 *
 * @example
 * const decoded = fromBase64('aGk=');
 * if (decoded.success) new TextDecoder().decode(decoded.output); // 'hi'
 */
export function fromBase64(text: string): Result<Uint8Array> {
  if (typeof nativeFromBase64 === 'function' && typeof text === 'string') {
    try {
      return { success: true, output: nativeFromBase64.call(Uint8Array, text) };
    } catch {
      // The native error messages differ between engines; the fallback explains the fault the same way
      // everywhere (and both follow the same loose-mode rules, so it fails too).
    }
  }
  return fromBase64Fallback(text);
}
