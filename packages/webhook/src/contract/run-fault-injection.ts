import { isNewerStatus, type StatusPoint } from '@clickwa/core';
import { createGatewayApp } from '../create-gateway-app.ts';
import { createOutboxDrain } from '../outbox/create-outbox-drain.ts';
import type { HandOffMessage } from '../outbox/hand-off-message.ts';
import type { Store } from '../store.ts';
import { newId, prng, shuffle } from './fixtures.ts';

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

/** The methods a callback and a drain call; each may fail before it has any effect. */
const FALLIBLE = ['insertEvent', 'putBlob', 'quarantine', 'claimOutbox', 'completeOutbox'] as const;

/**
 * Drives the gateway on `store` with storage (failing before any effect) and the hand-off failing at random,
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
  const wrapped = { ...store } as Record<string, unknown>;
  for (const name of FALLIBLE) {
    const real = (store[name] as (...args: unknown[]) => Promise<unknown>).bind(store);
    wrapped[name] = (...args: unknown[]) =>
      fail() ? Promise.reject(new Error(`injected ${name} failure`)) : real(...args);
  }
  const faultyStore = wrapped as unknown as Store;
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

  const messageIds = Array.from({ length: Math.max(1, Math.floor(options.callbacks / 4)) }, newId);
  const callbacks = Array.from({ length: options.callbacks }, (_, i) => ({
    messageId: messageIds[i % messageIds.length]!,
    statusCode: [2, 3, 4, 27, 9][Math.floor(random() * 5)]!,
    timestamp: clock - 60_000 + i,
  }));
  const sends = shuffle(
    callbacks.flatMap((c) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => c)),
    random,
  );
  const acked = new Set<string>();
  const keyOf = (c: (typeof callbacks)[number]) => `status:${c.messageId}:${c.statusCode}:${c.timestamp}`;
  const violations: string[] = [];
  for (const c of sends) {
    const response = await app.request('/clickatell/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(c),
    });
    await response.arrayBuffer();
    if (response.status === 200) acked.add(keyOf(c));
    else if (response.status !== 503) violations.push(`${keyOf(c)} answered ${response.status}`);
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
  for (const messageId of messageIds) {
    let expected: StatusPoint | null = null;
    for (const c of callbacks) {
      const incoming = { code: c.statusCode, timestamp: c.timestamp };
      if (c.messageId === messageId && acked.has(keyOf(c)) && isNewerStatus(expected, incoming))
        expected = incoming;
    }
    const current = (await store.getMessage(messageId))?.current ?? null;
    const got = current ? { code: current.code, timestamp: current.timestamp } : null;
    if (JSON.stringify(got) !== JSON.stringify(expected))
      violations.push(
        `${messageId}: current status ${JSON.stringify(got)}, acknowledged fold ${JSON.stringify(expected)}`,
      );
  }
  const refused = new Set(callbacks.map(keyOf).filter((k) => !acked.has(k))).size;
  return { acknowledged: acked.size, refused, violations };
}
