/**
 * Magic recipients (Twilio-style test numbers) for outcomes that have no natural trigger. Each is a prefix
 * plus five digits, so every one is a valid South African (+27) number that the core's checks accept.
 */
export const MAGIC_PREFIXES = {
  /** `279999` + a 5-digit status code: the message ends in that status (e.g. 27999900028: UNKNOWN_USER). */
  status: '279999',
  /** `279998` + a 5-digit error code: the platform rejects that message with that code (e.g. 27999800159). */
  reject: '279998',
  /** `279997` + any 5 digits: a simulated user answers the message with a text reply that references it. */
  autoReply: '279997',
} as const;

/** What a magic recipient asks for. */
export type MagicNumber =
  | { readonly kind: 'status'; readonly statusCode: number }
  | { readonly kind: 'reject'; readonly errorCode: number }
  | { readonly kind: 'auto-reply' };

const MAGIC = /^(27999[789])(\d{5})$/;

/**
 * Reads a normalized recipient (digits only, country code first) as a magic number, or undefined.
 *
 * @example parseMagicNumber('27999900028') // { kind: 'status', statusCode: 28 }
 */
export function parseMagicNumber(msisdn: string): MagicNumber | undefined {
  const match = MAGIC.exec(msisdn);
  if (!match) return undefined;
  const code = Number(match[2]);
  if (match[1] === MAGIC_PREFIXES.status) return { kind: 'status', statusCode: code };
  if (match[1] === MAGIC_PREFIXES.reject) return { kind: 'reject', errorCode: code };
  return { kind: 'auto-reply' };
}

const five = (code: number): string => {
  if (!Number.isInteger(code) || code < 0 || code > 99_999)
    throw new RangeError(`${code} is not a 5-digit code`);
  return String(code).padStart(5, '0');
};

/**
 * Builds magic recipients, so tests read as what they mean.
 *
 * @example
 * magicNumber.status(28) // '27999900028': ends in UNKNOWN_USER
 * magicNumber.reject(901) // '27999800901': rejected with 901
 * magicNumber.autoReply() // '27999700000': a simulated user replies
 */
export const magicNumber = {
  status: (statusCode: number): string => MAGIC_PREFIXES.status + five(statusCode),
  reject: (errorCode: number): string => MAGIC_PREFIXES.reject + five(errorCode),
  autoReply: (n = 0): string => MAGIC_PREFIXES.autoReply + five(n),
} as const;
