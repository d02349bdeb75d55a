import type { MagicNumber } from './magic-numbers.ts';
import type { Random } from './random.ts';

/** The life of a message that reaches its recipient: QUEUED -> DELIVERED_TO_GATEWAY -> RECEIVED_BY_RECIPIENT -> READ. */
export const DELIVERED_PATH: readonly number[] = [2, 3, 4, 27];

/** Status 7 ERROR_DELIVERING: freeform text outside the customer-care window fails to send (spec 3.3). */
export const OUTSIDE_CARE_WINDOW_STATUS = 7;

/** Status 1006 EMULATED: where a sandbox integration ends messages to numbers that are not test phones. */
export const EMULATED_STATUS = 1006;

// Statuses reported by the platform itself before WhatsApp is involved: nothing is queued before them.
const PLATFORM_ONLY = new Set([1, 1001, 1002, 1004, 1005, 1006]);

/**
 * The statuses a message goes through to end in `finalCode`. A progress status (2, 3, 4, 27) cuts the
 * delivered path there; 9 ("WhatsApp accepted the message, but could not deliver") fails after the gateway;
 * platform statuses (1, 1001, 1002, 1004-1006) come alone; every other failure, and any code the catalog does
 * not know, follows QUEUED.
 *
 * @example statusPath(28) // [2, 28]
 */
export function statusPath(finalCode: number): readonly number[] {
  const progress = DELIVERED_PATH.indexOf(finalCode);
  if (progress >= 0) return DELIVERED_PATH.slice(0, progress + 1);
  if (finalCode === 9) return [2, 3, 9];
  if (PLATFORM_ONLY.has(finalCode)) return [finalCode];
  return [2, finalCode];
}

/** What decides a message's fate once it is accepted. */
export interface FateInput {
  readonly magic: MagicNumber | undefined;
  /** A sandbox integration sending to a number that is not one of its test phones. */
  readonly sandboxBlocked: boolean;
  /** Care-window mode is on, the message is freeform, and the recipient has not written in 24 hours. */
  readonly outsideCareWindow: boolean;
}

/**
 * The statuses an accepted message will report. A magic status number wins (it is an explicit instruction),
 * then the sandbox rule, then the care window; everything else is delivered and read.
 */
export function planStatuses(input: FateInput): readonly number[] {
  if (input.magic?.kind === 'status') return statusPath(input.magic.statusCode);
  if (input.sandboxBlocked) return statusPath(EMULATED_STATUS);
  if (input.outsideCareWindow) return statusPath(OUTSIDE_CARE_WINDOW_STATUS);
  return DELIVERED_PATH;
}

/** Timing of a message's life. */
export interface LifecycleTiming {
  /** Delay from acceptance to the first status. */
  readonly firstStatusMs: number;
  /** Delay between consecutive statuses. */
  readonly stepMs: number;
  /** Each callback leaves up to this much later than its status happened, so arrival order differs. */
  readonly jitterMs: number;
}

/** One status of a message's life: when it happened (offset from acceptance) and when its callback leaves. */
export interface ScheduledStatus {
  readonly statusCode: number;
  readonly offsetMs: number;
  readonly sendAfterMs: number;
}

/**
 * Places each status of `path` in time. Statuses happen in order, `stepMs` apart; each callback is sent
 * after a random jitter, so with `jitterMs` above `stepMs` they can arrive out of order (spec 3.4), while
 * their timestamps keep the logical order.
 */
export function scheduleStatuses(
  path: readonly number[],
  timing: LifecycleTiming,
  random: Random,
): ScheduledStatus[] {
  return path.map((statusCode, i) => {
    const offsetMs = timing.firstStatusMs + i * timing.stepMs;
    const jitter = timing.jitterMs > 0 ? Math.floor(random.next() * timing.jitterMs) : 0;
    return { statusCode, offsetMs, sendAfterMs: offsetMs + jitter };
  });
}
