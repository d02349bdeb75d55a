import { formatApiError } from '../catalogs/api-errors.ts';
import { LIMITS } from '../limits.ts';
import { fail, issue, ok, type Result } from '../result.ts';
import { countryCallingCodeLength } from './e164-country-codes.ts';

/** Formatting people put inside a number: any whitespace (NBSP from copy-paste too), `-`, `.`, `(`, `)`. */
const SEPARATORS = /[\s().-]/g;

/** The national trunk prefix written as `(0)`, as in `+44 (0)20 7946 0958`. */
const TRUNK_ZERO = /\(\s*0\s*\)/;

/**
 * A number already in the platform's form: digits, the first not 0 (`00` is a prefix). Most numbers of a bulk
 * send are, so they skip the other expressions.
 */
const PLAIN = /^[1-9]\d*$/;

/** What is left once separators are gone: an optional international prefix (`+` or `00`), then digits. */
const COMPACT = /^(\+|00)?(\d+)$/;

/** Digits of every +1 (North America) and +7 (Russia, Kazakhstan) number, country code included. */
const FIXED_LENGTH_ZONE_DIGITS = 11;
// What to fix, added to the platform's own texts for 150, 151 and 152.
const UNKNOWN_CODE_HINT = '(check the country code)';
const TOO_LONG_HINT = `(at most ${LIMITS.maxMsisdnDigits} digits with the country code; 11 for +1 and +7)`;
const TOO_SHORT_HINT = '(is the area code there?)';

/** Added to error 150 for a number with one leading `0`: its country is unknown, so say how to fix it. */
const NATIONAL_HINT =
  '(it looks like a national number: write it with its country calling code, e.g. +27 82 123 4567 ' +
  'rather than 082 123 4567)';

/**
 * Normalizes a phone number to the digits-only international form the platform expects in `to`
 * (`27999000001`: country calling code first, no `+`). It never throws: problems come back as issues carrying
 * the code the platform would answer with.
 *
 * Checks, in order (the first failure is the only issue):
 * 1. Not a string -> 158. Numbers are rejected too: a numeric phone number has already lost its `+`, `00` or
 *    national `0`, so a national `0821234567` would arrive as `821234567` and pass as a Korean (+82) number.
 * 2. Empty, a `(0)` trunk prefix, or any character other than digits, whitespace, `-`, `.`, `(`, `)` and one
 *    leading `+` -> 158. `(0)` is refused rather than dropped: Italian numbers, for one, keep their `0`.
 * 3. No `+` or `00` and a leading `0`: a national number -> 150, since its country cannot be known.
 * 4. No assigned E.164 country calling code at the start -> 150.
 * 5. More than `LIMITS.maxMsisdnDigits` (15) digits -> 151.
 * 6. Fewer than the country code plus `LIMITS.minSubscriberDigits` (4) digits -> 152.
 *
 * Digits without a prefix are taken as already international (the spec's own `27999000001` form), so a
 * successful output normalizes to itself.
 *
 * @example normalizeMsisdn('+27 99 900-0001') // { success: true, output: '27999000001' }
 * @example normalizeMsisdn('0027999000001') // { success: true, output: '27999000001' }
 * @example normalizeMsisdn('0821234567') // { success: false, issues: [{ code: 150, ... }] }
 */
export function normalizeMsisdn(input: unknown): Result<string> {
  if (typeof input !== 'string') {
    return reject(158, invalidAddress(`expected a string, got ${kindOf(input)}`));
  }
  let prefix: string | undefined;
  let digits = input;
  if (!PLAIN.test(input)) {
    const match = TRUNK_ZERO.test(input) ? null : COMPACT.exec(input.replace(SEPARATORS, ''));
    if (!match) return reject(158, invalidAddress(whyInvalid(input.trim())));
    prefix = match[1];
    digits = match[2]!;
  }
  if (!prefix && digits.startsWith('0')) return refuse(150, input, NATIONAL_HINT);
  const codeLength = countryCallingCodeLength(digits);
  if (codeLength === 0) return refuse(150, input, UNKNOWN_CODE_HINT);
  // +1 (North America) and +7 (Russia, Kazakhstan) numbers always have 10 digits after the code: a shorter
  // one is missing its area code.
  const fixed = codeLength === 1 ? FIXED_LENGTH_ZONE_DIGITS : undefined;
  if (digits.length > (fixed ?? LIMITS.maxMsisdnDigits)) return refuse(151, input, TOO_LONG_HINT);
  if (digits.length < (fixed ?? codeLength + LIMITS.minSubscriberDigits))
    return refuse(152, input, TOO_SHORT_HINT);
  return ok(digits);
}

function reject(code: number, message: string): Result<string> {
  return fail([issue(message, { code })]);
}

/** Rejects the number as written, in the platform's wording for `code`. */
function refuse(code: number, input: string, hint?: string): Result<string> {
  const message = formatApiError(code, input.trim());
  return reject(code, hint ? `${message} ${hint}` : message);
}

function invalidAddress(reason: string): string {
  return `${formatApiError(158)}: ${reason}`;
}

function whyInvalid(shown: string): string {
  if (shown === '') return 'the phone number is empty';
  if (TRUNK_ZERO.test(shown)) return 'remove the "(0)" trunk prefix, which is not dialled from abroad';
  return 'use digits, spaces, "-", ".", "(", ")" and an optional leading "+" only';
}

/** `typeof`, with `null` named; never calls into the value, so a hostile object cannot make it throw. */
function kindOf(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
