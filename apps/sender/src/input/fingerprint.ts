/** A running fingerprint of a file's lines; see `createFingerprint`. */
export interface Fingerprint {
  /** Adds one line (its number and text). */
  update(number: number, text: string): void;
  /** 16 hex digits over every line added so far. */
  digest(): string;
}

/**
 * A cheap 64-bit fingerprint of a file's lines (two 32-bit FNV-1a style lanes with different primes), taken
 * while the rows are validated anyway. A resumed run compares it with the one its results file recorded: the
 * rows' ids come from their line numbers, so a file edited in between would send the wrong rows.
 * It detects accidental change, not tampering.
 */
export function createFingerprint(): Fingerprint {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const mix = (code: number) => {
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  };
  return {
    update(number, text) {
      mix(number & 0xffff);
      mix(number >>> 16);
      for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
      mix(10);
    },
    digest: () => (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0'),
  };
}
