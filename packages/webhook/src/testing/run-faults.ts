import { prng, shuffle } from '../contract/fixtures.ts';
import { checkCurrentStatuses, drainUntilHandedOff, tallyStored } from './check-stored.ts';
import { pool, postStatus } from './gateway-calls.ts';
import { type PartReport, violationLog } from './part-report.ts';
import type { ReliabilityTarget } from './reliability-target.ts';
import { type StormCallback, statusStorm, stormKey } from './status-storm.ts';

/** Options of `runFaults`. */
export interface FaultsOptions {
  /** Distinct status callbacks, each sent one to three times. */
  readonly callbacks: number;
  /** Share of storage and hand-off calls that fail. Default 0.2. */
  readonly failureRate?: number;
  readonly seed: number;
}

/**
 * The faults part, over HTTP: with storage and the hand-off failing at random (the target's test-only
 * switch), callbacks sent one to three times. Every answer is 200 or 503; once healthy and drained, every
 * callback answered 200 is stored once and handed off, every callback never answered 200 left no event, and
 * every current status is the fold over the acknowledged callbacks alone.
 */
export async function runFaults(target: ReliabilityTarget, options: FaultsOptions): Promise<PartReport> {
  if (!target.setFaultRate) throw new TypeError('The faults part needs a target with setFaultRate');
  const started = Date.now();
  const violations = violationLog();
  const rate = options.failureRate ?? 0.2;
  const random = prng(options.seed);
  const { callbacks } = statusStorm(options.callbacks, 0, options.seed, `ft${options.seed.toString(36)}x`);
  const sends = shuffle(
    callbacks.flatMap((c) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => c)),
    random,
  );
  const acked = new Set<string>();
  const byStatus = new Map<number, number>();
  let wrongAnswers = 0;
  await target.setFaultRate(rate);
  try {
    await pool(sends, 10, async (c) => {
      const { status } = await postStatus(target, {
        integrationId: 'i1',
        integrationName: 'Faults',
        clientMessageId: null,
        status: 'X',
        ...c,
      });
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      if (status === 200) acked.add(stormKey(c));
      else if (status !== 503) {
        wrongAnswers++;
        violations.add(`${stormKey(c)} answered ${status}`);
      }
    });
  } finally {
    await target.setFaultRate(0);
  }
  const ackedCallbacks = callbacks.filter((c) => acked.has(stormKey(c)));
  const neverAcked = callbacks.filter((c) => !acked.has(stormKey(c)));
  await drainUntilHandedOff(target, ackedCallbacks, 60, 500);
  const stored = await tallyStored(target, ackedCallbacks, violations.add);
  const traces = await tallyStored(target, neverAcked, violations.add);
  if (traces.once + traces.doubled > 0)
    violations.add(`${traces.once + traces.doubled} callbacks never acknowledged were stored`);
  const messageIds = [...new Set(callbacks.map((c) => c.messageId))];
  const wrong = await checkCurrentStatuses(target, ackedCallbacks, messageIds, violations.add);
  const answers = [...byStatus]
    .sort()
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  const left = (cs: readonly StormCallback[]) => cs.length;
  return {
    part: 'faults',
    summary: `${sends.length} sends of ${callbacks.length} distinct status callbacks with storage and hand-off failing at ${Math.round(rate * 100)} %; answers ${answers}`,
    checks: [
      {
        what: 'answers other than 200 or 503',
        target: '0',
        result: String(wrongAnswers),
        ok: wrongAnswers === 0,
      },
      {
        what: 'acknowledged callbacks stored once and handed off (after healing and draining)',
        target: 'every one',
        result: `${stored.handedOff} of ${left(ackedCallbacks)} (${stored.absent} missing, ${stored.doubled} doubled)`,
        ok: stored.handedOff === ackedCallbacks.length && stored.doubled === 0,
      },
      {
        what: 'callbacks never acknowledged that left an event',
        target: '0',
        result: `${traces.once + traces.doubled} of ${left(neverAcked)}`,
        ok: traces.once + traces.doubled === 0,
      },
      {
        what: 'current status equal to the fold over acknowledged callbacks only',
        target: 'every message',
        result: `${messageIds.length - wrong} of ${messageIds.length}`,
        ok: wrong === 0,
      },
    ],
    violations: violations.list(),
    seconds: (Date.now() - started) / 1000,
  };
}
