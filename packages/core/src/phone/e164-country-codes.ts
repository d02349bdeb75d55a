/**
 * The ITU-T E.164 country calling codes that are currently assigned, one space-separated string per world
 * zone so a diff against the ITU list reads zone by zone. A string (parsed once, on first use) keeps the
 * bundle small and costs nothing for consumers that never look a code up.
 *
 * Deliberately left out: spare codes (e.g. 210, 214, 215, 217, 219, 259, 28x, 292-296, 384, 422, 424-429,
 * 693-699, 801-807, 969, 978, 990, 999), codes returned to the ITU when their territory joined the NANP (671
 * Guam in 1998, 684 American Samoa in 2005: both are dialled as +1 now), 388 (the discontinued European
 * Telephony Numbering Space) and 991 (a closed ITPCS trial). 379 (Vatican City, reserved; it is reached
 * through +39 in practice) is kept because the ITU still lists it as assigned.
 */
const GEOGRAPHIC_CODES = [
  // Zone 1: the North American Numbering Plan.
  '1',
  // Zone 2: Africa and some Atlantic and Indian Ocean islands.
  '20 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239',
  '240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266',
  '267 268 269 27 290 291 297 298 299',
  // Zone 3 and 4: Europe.
  '30 31 32 33 34 350 351 352 353 354 355 356 357 358 359 36 370 371 372 373 374 375 376 377 378 379 380 381',
  '382 383 385 386 387 389 39',
  '40 41 420 421 423 43 44 45 46 47 48 49',
  // Zone 5: Central and South America.
  '500 501 502 503 504 505 506 507 508 509 51 52 53 54 55 56 57 58 590 591 592 593 594 595 596 597 598 599',
  // Zone 6: Southeast Asia and Oceania.
  '60 61 62 63 64 65 66 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692',
  // Zone 7: Russia and Kazakhstan.
  '7',
  // Zone 8: East Asia.
  '81 82 84 850 852 853 855 856 86 880 886',
  // Zone 9: West, Central and South Asia.
  '90 91 92 93 94 95 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 98 992 993 994 995',
  '996 997 998',
].join(' ');

/**
 * Non-geographic "global service" codes: 800 (international freephone), 808 (international shared cost),
 * 870 (Inmarsat), 878 (universal personal telecommunications), 881 (global mobile satellite systems), 882 and
 * 883 (international networks), 888 (UN OCHA disaster relief) and 979 (international premium rate). They are
 * accepted because the ITU assigns them and real subscribers (satellite phones, IoT SIMs) have them; whether
 * WhatsApp reaches them is for the platform to say.
 */
const GLOBAL_SERVICE_CODES = '800 808 870 878 881 882 883 888 979';

let table: ReadonlySet<string> | undefined;

function codes(): ReadonlySet<string> {
  table ??= new Set(`${GEOGRAPHIC_CODES} ${GLOBAL_SERVICE_CODES}`.split(' '));
  return table;
}

/**
 * Whether `code` (digits only, no `+`) is an assigned ITU-T E.164 country calling code, global service codes
 * (800, 808, 870, 878, 881, 882, 883, 888, 979) included.
 *
 * @example isCountryCallingCode('27') // true
 * @example isCountryCallingCode('210') // false (spare)
 */
export function isCountryCallingCode(code: string): boolean {
  return codes().has(code);
}

/**
 * Every assigned country calling code, in ascending numeric order, as a fresh array the caller may keep.
 *
 * @example listCountryCallingCodes().slice(0, 4) // ['1', '7', '20', '27']
 */
export function listCountryCallingCodes(): string[] {
  return [...codes()].sort((a, b) => Number(a) - Number(b));
}

// For every 3-digit prefix 000-999, the length of the country calling code it starts with (0: none). E.164
// codes are prefix-free and at most 3 digits long, so a number's first 3 digits decide its code in one
// array read: this runs for every message a client sends.
let lengthByPrefix: Uint8Array | undefined;

function codeLengths(): Uint8Array {
  if (!lengthByPrefix) {
    lengthByPrefix = new Uint8Array(1000);
    for (const code of codes()) {
      const span = 10 ** (3 - code.length);
      lengthByPrefix.fill(code.length, Number(code) * span, (Number(code) + 1) * span);
    }
  }
  return lengthByPrefix;
}

const digitAt = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};

/**
 * The length of the country calling code `digits` starts with, or 0 when it starts with none.
 *
 * @example countryCallingCodeLength('27999000001') // 2
 */
export function countryCallingCodeLength(digits: string): number {
  const prefix = digitAt(digits, 0) * 100 + digitAt(digits, 1) * 10 + digitAt(digits, 2);
  if (Number.isNaN(prefix)) {
    // Fewer than 3 digits (or not digits): look the 1- and 2-digit prefixes up directly.
    for (let length = 1; length <= 2 && length <= digits.length; length++) {
      if (codes().has(digits.slice(0, length))) return length;
    }
    return 0;
  }
  return codeLengths()[prefix]!;
}

/**
 * The country calling code `digits` (an international number without `+` or `00`) starts with, or `undefined`
 * when it starts with none. E.164 codes are prefix-free (no code is the start of another), so at most one
 * of the 1-, 2- and 3-digit prefixes is in the table.
 *
 * @example findCountryCallingCode('27999000001') // '27'
 * @example findCountryCallingCode('12125550100') // '1'
 * @example findCountryCallingCode('35818123456') // '358'
 * @example findCountryCallingCode('9991234567') // undefined
 */
export function findCountryCallingCode(digits: string): string | undefined {
  const length = countryCallingCodeLength(digits);
  return length === 0 ? undefined : digits.slice(0, length);
}
