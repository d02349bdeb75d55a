import { normalizeMsisdn } from '@clickwa/core';
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

/** The requests a run-time fault acts on: sends, or One API media downloads (`GET /v1/media`). */
export const FAULT_ROUTES = ['send', 'media'] as const;

/** One of `FAULT_ROUTES`. */
export type FaultRoute = (typeof FAULT_ROUTES)[number];

/**
 * A fault set at run time (`POST /_emulator/faults`): the next `times` send requests, or only those with a
 * message to `to`, suffer `fault`. A test makes some sends fail this way and then lets a resume succeed. With
 * `route: 'media'`, the next `times` One API media downloads suffer it instead: a download fails, then recovers.
 */
export interface FaultRule {
  readonly id: number;
  readonly fault: FaultKind;
  readonly route: FaultRoute;
  /** Requests left to fault. */
  readonly times: number;
  /** Only requests with a message to this number (normalized digits). */
  readonly to?: string;
}

/** The run-time fault rules; see `createFaultRules`. */
export interface FaultRules {
  /** Adds a rule; a bad one is refused with what to fix. */
  add(input: unknown): { readonly rule: FaultRule } | { readonly error: string };
  list(): readonly FaultRule[];
  clear(): void;
  /** The fault of a request of `route` (default a send), using up one of the first matching rule's times. */
  take(request: Request, route?: FaultRoute): Promise<FaultKind | undefined>;
}

const recipientsOf = (body: unknown): string[] => {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((m: { to?: unknown } | null) => {
    const to = normalizeMsisdn(m?.to);
    return to.success ? [to.output] : [];
  });
};

/**
 * Makes the run-time fault rules, first added first used. The body is read (a copy) only while a rule
 * names a recipient, so the send path costs nothing when none does.
 */
export function createFaultRules(): FaultRules {
  let rules: { id: number; fault: FaultKind; route: FaultRoute; times: number; to?: string }[] = [];
  let nextId = 1;
  return {
    add(input) {
      const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      const { fault, times = 1, to, route = 'send' } = body;
      if (!isFaultKind(fault)) return { error: `fault must be one of ${FAULT_KINDS.join(', ')}` };
      if (!(FAULT_ROUTES as readonly unknown[]).includes(route))
        return { error: `route must be one of ${FAULT_ROUTES.join(', ')}` };
      if (route === 'media' && to !== undefined) return { error: 'to applies to sends only' };
      if (typeof times !== 'number' || !Number.isInteger(times) || times < 1)
        return { error: 'times must be an integer of at least 1' };
      let recipient: string | undefined;
      if (to !== undefined) {
        const normalized = normalizeMsisdn(to);
        if (!normalized.success) return { error: `to is not a phone number: ${String(to)}` };
        recipient = normalized.output;
      }
      const rule = {
        id: nextId++,
        fault,
        route: route as FaultRoute,
        times,
        ...(recipient ? { to: recipient } : {}),
      };
      rules.push(rule);
      return { rule: { ...rule } };
    },
    list: () => rules.map((r) => ({ ...r })),
    clear() {
      rules = [];
    },
    async take(request, route = 'send') {
      const mine = rules.filter((r) => r.route === route);
      if (mine.length === 0) return undefined;
      let recipients: string[] | undefined;
      if (mine.some((r) => r.to !== undefined)) {
        try {
          recipients = recipientsOf(JSON.parse(await request.clone().text()));
        } catch {
          recipients = [];
        }
      }
      const rule = mine.find((r) => r.to === undefined || recipients!.includes(r.to));
      if (!rule) return undefined;
      rule.times--;
      if (rule.times === 0) rules = rules.filter((r) => r !== rule);
      return rule.fault;
    },
  };
}
