import { checkCurrentStatuses, drainUntilHandedOff, tallyStored } from './check-stored.ts';
import { pool, postStatus } from './gateway-calls.ts';
import { type PartReport, violationLog } from './part-report.ts';
import type { KillableTarget } from './reliability-target.ts';
import { statusStorm, stormKey } from './status-storm.ts';

/** Options of `runSigkill`. */
export interface SigkillOptions {
  /** Distinct status callbacks of the storm. */
  readonly callbacks: number;
  /** The gateway is killed once this share of the sends was answered. Default 0.4. */
  readonly killAt?: number;
  readonly seed: number;
}

/**
 * The SIGKILL part: a storm (25 % duplicates, 50 in flight) into a gateway that is killed hard partway, then
 * started again on the same state. Every callback answered 200 before the kill must be stored once with its
 * outbox entry (pending or done); then the platform's retries (every send not answered 200, and the rest of
 * the storm) go to the restarted gateway, and every distinct callback ends stored once and handed off.
 */
export async function runSigkill(gateway: KillableTarget, options: SigkillOptions): Promise<PartReport> {
  const started = Date.now();
  const violations = violationLog();
  const { callbacks, sends } = statusStorm(
    options.callbacks,
    0.25,
    options.seed,
    `sk${options.seed.toString(36)}x`,
  );
  const killAfter = Math.floor(sends.length * (options.killAt ?? 0.4));
  let target = await gateway.start();
  const acked = new Set<string>();
  const unanswered: typeof sends = [];
  let answered = 0;
  let killing: Promise<void> | undefined;
  let next = 0;
  let inFlightAtKill = 0;
  await pool(sends, 50, async (c) => {
    if (killing) {
      unanswered.push(c);
      return;
    }
    next++;
    const { status } = await postStatus(target, {
      integrationId: 'i1',
      integrationName: 'Kill',
      clientMessageId: null,
      status: 'X',
      ...c,
    });
    if (status === 200) acked.add(stormKey(c));
    else unanswered.push(c);
    if (++answered >= killAfter && !killing) {
      inFlightAtKill = next - answered;
      killing = gateway.kill();
    }
  });
  await killing;

  target = await gateway.start();
  const ackedCallbacks = callbacks.filter((c) => acked.has(stormKey(c)));
  const afterRestart = await tallyStored(target, ackedCallbacks, violations.add);
  if (afterRestart.absent > 0)
    violations.add(`${afterRestart.absent} acknowledged callbacks were lost by the kill`);

  // The platform retries what was not acknowledged; the rest of the storm follows.
  let retryFailures = 0;
  await pool(unanswered, 50, async (c) => {
    const { status } = await postStatus(target, {
      integrationId: 'i1',
      integrationName: 'Kill',
      clientMessageId: null,
      status: 'X',
      ...c,
    });
    if (status !== 200) {
      retryFailures++;
      violations.add(`${stormKey(c)}: retry answered ${status}`);
    }
  });
  await drainUntilHandedOff(target, callbacks, 30, 500);
  const end = await tallyStored(target, callbacks, violations.add);
  const messageIds = [...new Set(callbacks.map((c) => c.messageId))];
  const wrong = await checkCurrentStatuses(target, callbacks, messageIds, violations.add);
  return {
    part: 'sigkill',
    summary: `${sends.length} sends of ${callbacks.length} distinct status callbacks; SIGKILL to the gateway's process group after ${answered} answers (${acked.size} distinct acknowledged, about ${inFlightAtKill} in flight), restarted on the same state, then ${unanswered.length} sends retried`,
    checks: [
      {
        what: 'acknowledged before the kill: stored once, with an outbox entry (pending or handed off), after the restart',
        target: 'every one',
        result: `${afterRestart.once} of ${ackedCallbacks.length} (${afterRestart.absent} lost, ${afterRestart.doubled} doubled)`,
        ok: afterRestart.once === ackedCallbacks.length,
      },
      {
        what: 'retries after the restart answered 200',
        target: 'every one',
        result: `${unanswered.length - retryFailures} of ${unanswered.length}`,
        ok: retryFailures === 0,
      },
      {
        what: 'every distinct callback stored once and handed off, in the end',
        target: 'every one',
        result: `${end.handedOff} of ${callbacks.length} (${end.absent} missing, ${end.doubled} doubled)`,
        ok: end.handedOff === callbacks.length && end.doubled === 0,
      },
      {
        what: "current status equal to the fold of the core's isNewerStatus",
        target: 'every message',
        result: `${messageIds.length - wrong} of ${messageIds.length}`,
        ok: wrong === 0,
      },
    ],
    violations: violations.list(),
    seconds: (Date.now() - started) / 1000,
  };
}
