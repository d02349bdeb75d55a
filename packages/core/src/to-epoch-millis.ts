/**
 * Status callbacks carry milliseconds, inbound ones seconds (spec samples). A value below 10^11 is read as
 * seconds: as milliseconds it would be 1973, as seconds it is the year 5138.
 */
const SECONDS_BELOW = 1e11;

/** Epoch milliseconds from a callback timestamp in seconds or milliseconds. */
export function toEpochMillis(timestamp: number): number {
  return timestamp < SECONDS_BELOW ? Math.round(timestamp * 1000) : Math.round(timestamp);
}

/**
 * The times a callback may carry: 2000-01-01 to 2100-01-01 UTC, in epoch milliseconds. Anything else (an
 * infinity from `-1e308` seconds, a year 50,000) is a broken or hostile body, never a real event, and would
 * otherwise reach storage as a value no column can hold.
 */
export const PLAUSIBLE_TIMESTAMPS = { from: 946_684_800_000, to: 4_102_444_800_000 } as const;

/** Whether epoch milliseconds fall in `PLAUSIBLE_TIMESTAMPS` (a NaN or an infinity never does). */
export const isPlausibleTimestamp = (ms: number): boolean =>
  ms >= PLAUSIBLE_TIMESTAMPS.from && ms < PLAUSIBLE_TIMESTAMPS.to;
