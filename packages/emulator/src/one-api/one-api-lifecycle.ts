import type { FateInput } from '../lifecycle.ts';

/** One API's life of a delivered message: QUEUED 2 -> SENT_TO_SUPPLIER 4 -> DEVICE_ACK 5 -> READ 6. */
export const ONE_API_DELIVERED_PATH: readonly number[] = [2, 4, 5, 6];

/** READ in One API's catalog: where an auto-reply number answers. */
export const ONE_API_READ = 6;

/** EMULATED (24): where a sandbox integration ends messages to numbers that are not test phones. */
export const ONE_API_EMULATED = 24;

/** WHATSAPP_RE_ENGAGEMENT_REQUIRED (131): freeform messages outside the customer-care window. */
export const ONE_API_OUTSIDE_CARE_WINDOW = 131;

// Failures WhatsApp (the supplier) reports, so they follow SENT_TO_SUPPLIER; others follow QUEUED.
const AFTER_SUPPLIER = new Set([23, 29, 83, 130, 131, 132, 133, 139, 140, 141]);

/**
 * The One API statuses a message goes through to end in `finalCode`: a progress code (2, 4, 5, 6) cuts the
 * delivered path there; SCHEDULED (3) and UNKNOWN (1) come alone; WhatsApp's own failures come after
 * SENT_TO_SUPPLIER; every other code, known or not, follows QUEUED.
 *
 * @example oneApiStatusPath(23) // [2, 4, 23]
 */
export function oneApiStatusPath(finalCode: number): readonly number[] {
  const progress = ONE_API_DELIVERED_PATH.indexOf(finalCode);
  if (progress >= 0) return ONE_API_DELIVERED_PATH.slice(0, progress + 1);
  if (finalCode === 1 || finalCode === 3) return [finalCode];
  if (AFTER_SUPPLIER.has(finalCode)) return [2, 4, finalCode];
  return [2, finalCode];
}

/** The legacy precedence (magic status, sandbox, care window, delivery) with One API's codes. */
export function planOneApiStatuses(input: FateInput): readonly number[] {
  if (input.magic?.kind === 'status') return oneApiStatusPath(input.magic.statusCode);
  if (input.sandboxBlocked) return oneApiStatusPath(ONE_API_EMULATED);
  if (input.outsideCareWindow) return oneApiStatusPath(ONE_API_OUTSIDE_CARE_WINDOW);
  return ONE_API_DELIVERED_PATH;
}
