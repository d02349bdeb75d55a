import { LIMITS } from '@clickwa/core';

const WINDOW_MS = LIMITS.careWindowHours * 3_600_000;

/** Who wrote to which integration last, for the 24-hour customer-care window (spec 3.3). */
export interface CareWindows {
  /** Records that `msisdn` wrote to the integration at `at` (epoch ms). */
  open(integrationId: string, msisdn: string, at: number): void;
  /** Whether `msisdn` wrote to the integration within 24 hours before `at`. */
  isOpen(integrationId: string, msisdn: string, at: number): boolean;
  clear(): void;
}

/** Makes the window book, bounded to `limit` users (the oldest is forgotten first). */
export function createCareWindows(limit: number): CareWindows {
  let lastWrote = new Map<string, number>();
  return {
    open(integrationId, msisdn, at) {
      const key = `${integrationId}:${msisdn}`;
      // Delete first so the key moves to the end: the map's order is then least recently written first.
      lastWrote.delete(key);
      lastWrote.set(key, at);
      if (lastWrote.size > limit) lastWrote.delete(lastWrote.keys().next().value as string);
    },
    isOpen(integrationId, msisdn, at) {
      const wrote = lastWrote.get(`${integrationId}:${msisdn}`);
      return wrote !== undefined && at - wrote < WINDOW_MS && at >= wrote;
    },
    clear() {
      lastWrote = new Map();
    },
  };
}
