import { type ClickatellApi, isNewerStatus, type StatusPoint } from '@clickwa/core';
import { createGatewayApp } from '../create-gateway-app.ts';
import { createOutboxDrain } from '../outbox/create-outbox-drain.ts';
import type { HandOffMessage } from '../outbox/hand-off-message.ts';
import type { Store } from '../store.ts';
import { newId, prng, shuffle } from './fixtures.ts';
import { withFaults } from './with-faults.ts';

/** Options of `runFaultInjection`. */
export interface FaultInjectionOptions {
  readonly seed: number;
  /** Distinct status callbacks sent (each of them one to three times). */
  readonly callbacks: number;
  /** Share of store calls and hand-offs that fail. */
  readonly failureRate: number;
}

/** What a fault-injection run saw; `violations` says each broken promise. */
export interface FaultInjectionReport {
  readonly acknowledged: number;
  readonly refused: number;
  readonly violations: readonly string[];
}

interface Callback {
  readonly api: ClickatellApi;
  readonly messageId: string;
  readonly statusCode: number;
  readonly timestamp: number;
}

const keyOf = (c: Callback) => `status:${c.messageId}:${c.statusCode}:${c.timestamp}`;

/** A legacy body of one status, or a One API body of several. */
function toBody(callbacks: readonly Callback[]): unknown {
  const [first] = callbacks;
  if (first!.api === 'wa') {
    const { api: _, ...legacy } = first!;
    return legacy;
  }
  return {
    integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
    event: {
      messageStatusUpdate: callbacks.map(({ api: _, ...c }) => ({ ...c, channel: 'whatsapp' })),
    },
  };
}

/** The methods a callback and a drain call; each may fail before it has any effect. */
const FALLIBLE = ['insertEvents', 'putBlob', 'quarantine', 'claimOutbox', 'completeOutbox'] as const;

/**
 * Drives the gateway on `store` with legacy and One API (several statuses per body) callbacks, storage (failing before any effect) and the hand-off failing at random,
 * then drains on a healthy path, and checks the promise: every callback answered 2xx is stored and handed off
 * at least once; every callback never answered 2xx left no event and no change of its message's status.
 */
export async function runFaultInjection(
  store: Store,
  options: FaultInjectionOptions,
): Promise<FaultInjectionReport> {
  const random = prng(options.seed);
  let faulty = true;
  const fail = () => faulty && random() < options.failureRate;
  const faultyStore = withFaults(store, FALLIBLE, fail);
  const handedOff = new Set<string>();
  let clock = 1_800_000_000_000;
  const drain = createOutboxDrain({
    store: faultyStore,
    leaseMs: 1_000,
    now: () => clock,
    handOff: async (messages: readonly HandOffMessage[]) => {
      if (fail()) throw new Error('injected hand-off failure');
      for (const m of messages) handedOff.add(m.key);
    },
  });
  const deferred: Promise<unknown>[] = [];
  const app = createGatewayApp({
    store: faultyStore,
    auth: {},
    drain,
    defer: (task) => deferred.push(task),
    now: () => clock,
  });

  // Legacy bodies carry one status; One API bodies carry one to three, of their own messages.
  const waIds = Array.from({ length: Math.max(1, Math.floor(options.callbacks / 8)) }, newId);
  const oneIds = Array.from({ length: Math.max(1, Math.floor(options.callbacks / 8)) }, newId);
  const callbacks: Callback[] = Array.from({ length: options.callbacks }, (_, i) => {
    const api = i % 2 === 0 ? 'wa' : 'one';
    const ids = api === 'wa' ? waIds : oneIds;
    return {
      api,
      messageId: ids[Math.floor(i / 2) % ids.length]!,
      statusCode: (api === 'wa' ? [2, 3, 4, 27, 9] : [2, 4, 5, 6, 27, 23])[Math.floor(random() * 5)]!,
      timestamp: clock - 60_000 + i,
    };
  });
  const bodies: Callback[][] = [];
  const oneApi = callbacks.filter((c) => c.api === 'one');
  for (const c of callbacks.filter((c) => c.api === 'wa')) bodies.push([c]);
  for (let i = 0; i < oneApi.length; ) {
    const n = 1 + Math.floor(random() * 3);
    bodies.push(oneApi.slice(i, i + n));
    i += n;
  }
  const sends = shuffle(
    bodies.flatMap((b) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => b)),
    random,
  );
  const acked = new Set<string>();
  const violations: string[] = [];
  for (const body of sends) {
    const response = await app.request('/clickatell/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toBody(body)),
    });
    await response.arrayBuffer();
    if (response.status === 200) for (const c of body) acked.add(keyOf(c));
    else if (response.status !== 503) violations.push(`${keyOf(body[0]!)} answered ${response.status}`);
    clock += 10;
  }
  await Promise.all(deferred);

  // Healthy again: drain until the outbox is empty, past every lease.
  faulty = false;
  for (let round = 0; round < 100 && (await store.pendingOutbox()) > 0; round++) {
    clock += 2_000;
    await drain.run();
  }
  if ((await store.pendingOutbox()) > 0) violations.push('the outbox did not empty once healthy');

  for (const c of callbacks) {
    const key = keyOf(c);
    const stored = await store.getEvent(key);
    if (acked.has(key)) {
      if (!stored) violations.push(`${key}: acknowledged but not stored`);
      if (!handedOff.has(key)) violations.push(`${key}: acknowledged but never handed off`);
    } else if (stored) violations.push(`${key}: never acknowledged but stored`);
  }
  for (const messageId of [...waIds, ...oneIds]) {
    let expected: StatusPoint | null = null;
    for (const c of callbacks) {
      const incoming = { code: c.statusCode, timestamp: c.timestamp, api: c.api };
      if (c.messageId === messageId && acked.has(keyOf(c)) && isNewerStatus(expected, incoming))
        expected = incoming;
    }
    const current = (await store.getMessage(messageId))?.current ?? null;
    const got = current ? { code: current.code, timestamp: current.timestamp, api: current.api } : null;
    if (JSON.stringify(got) !== JSON.stringify(expected))
      violations.push(
        `${messageId}: current status ${JSON.stringify(got)}, acknowledged fold ${JSON.stringify(expected)}`,
      );
  }
  const refused = new Set(callbacks.map(keyOf).filter((k) => !acked.has(k))).size;
  return { acknowledged: acked.size, refused, violations };
}
