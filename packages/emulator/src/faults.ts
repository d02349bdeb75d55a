import type { Random } from './random.ts';

/**
 * What a send request can be made to suffer. `901`, `500` and `429` answer before anything is recorded;
 * `timeout` holds the answer and records nothing, `timeout-after` holds it after the messages were accepted;
 * `reset-before` drops the connection before anything is recorded and `reset-after` after the messages were
 * accepted. The `-after` kinds are the cases where a blind retry would send twice.
 */
export const FAULT_KINDS = [
  '901',
  '500',
  '429',
  'timeout',
  'timeout-after',
  'reset-before',
  'reset-after',
] as const;

/** One kind of injected fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The request header that injects a fault into that one request. */
export const FAULT_HEADER = 'X-Emulator-Fault';

/**
 * The kinds seeded chaos picks from unless told otherwise. `timeout` and `timeout-after` are left out: a held
 * answer stalls a test suite for `faultTimeoutMs`, which nobody wants by surprise; ask for them in
 * `chaos.kinds`.
 */
export const DEFAULT_CHAOS_KINDS: readonly FaultKind[] = ['901', '500', '429', 'reset-before', 'reset-after'];

/** Chaos: each send request suffers a fault with probability `rate`, its kind drawn from `kinds`. */
export interface ChaosOptions {
  readonly rate: number;
  readonly kinds?: readonly FaultKind[];
}

/** Whether `value` names a fault kind. */
export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

/** The fault a request asks for, none, or `invalid` with the header's value when it names no fault. */
export type FaultPick = { readonly fault?: FaultKind; readonly invalid?: string };

/**
 * Decides the fault of each send request: the header wins; otherwise seeded chaos. Exactly one random draw is
 * made per request whatever the header says, so the n-th request's chaos decision depends only on the seed.
 */
export function createFaultPicker(
  chaos: ChaosOptions,
  random: () => Random,
): (request: Request) => FaultPick {
  const kinds = chaos.kinds ?? DEFAULT_CHAOS_KINDS;
  return (request) => {
    const roll = chaos.rate > 0 ? random().next() : 1;
    const header = request.headers.get(FAULT_HEADER);
    if (header !== null) {
      const value = header.trim().toLowerCase();
      return isFaultKind(value) ? { fault: value } : { invalid: header };
    }
    if (roll >= chaos.rate || kinds.length === 0) return {};
    // Reuse the roll for the kind: below `rate` it is uniform on [0, rate), so scaling keeps it uniform.
    return { fault: kinds[Math.min(kinds.length - 1, Math.floor((roll / chaos.rate) * kinds.length))] };
  };
}
