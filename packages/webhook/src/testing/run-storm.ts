import { checkCurrentStatuses, drainUntilHandedOff, tallyStored } from './check-stored.ts';
import { pool, postStatuses } from './gateway-calls.ts';
import { type PartReport, violationLog } from './part-report.ts';
import type { ReliabilityTarget } from './reliability-target.ts';
import { type StormCallback, statusStorm } from './status-storm.ts';

/** Options of `runStorm`. */
export interface StormOptions {
  /** Distinct status callbacks. */
  readonly callbacks: number;
  /** Share sent twice. Default 0.25. */
  readonly duplicateShare?: number;
  /** Default 50. */
  readonly concurrency?: number;
  readonly seed: number;
}

/**
 * The storm part: status callbacks with duplicates, shuffled, many in flight (legacy ones, and One API ones
 * several to a body when the target takes a URL token). Every one answered 2xx, each
 * distinct callback stored exactly once (one outbox entry, handed off once drained), and every message's
 * current status the fold of the core's `isNewerStatus`, whatever the order.
 */
export async function runStorm(target: ReliabilityTarget, options: StormOptions): Promise<PartReport> {
  const started = Date.now();
  const violations = violationLog();
  const share = options.duplicateShare ?? 0.25;
  const concurrency = options.concurrency ?? 50;
  const { callbacks, sends } = statusStorm(
    options.callbacks,
    share,
    options.seed,
    `st${options.seed.toString(36)}x`,
    target.callbackToken !== undefined,
  );
  // One API callbacks travel several to a body (up to three, as they come in the shuffled order).
  const bodies: StormCallback[][] = [];
  let open: StormCallback[] = [];
  for (const c of sends) {
    if (c.api !== 'one') bodies.push([c]);
    else {
      open.push(c);
      if (open.length === 3) {
        bodies.push(open);
        open = [];
      }
    }
  }
  if (open.length > 0) bodies.push(open);
  const byStatus = new Map<number, number>();
  const sendStarted = Date.now();
  await pool(bodies, concurrency, async (body) => {
    const { status } = await postStatuses(
      target,
      body.map((c) => ({
        integrationId: 'i1',
        integrationName: 'Storm',
        clientMessageId: null,
        status: 'X',
        ...c,
      })),
    );
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  });
  const sendSeconds = (Date.now() - sendStarted) / 1000;
  await drainUntilHandedOff(target, callbacks, 30, 500);
  const tally = await tallyStored(target, callbacks, violations.add);
  const messageIds = [...new Set(callbacks.map((c) => c.messageId))];
  const wrong = await checkCurrentStatuses(target, callbacks, messageIds, violations.add);
  const ok = byStatus.get(200) ?? 0;
  const fiveHundreds = [...byStatus].filter(([s]) => s >= 500 || s === 0).reduce((n, [, v]) => n + v, 0);
  const answers = [...byStatus]
    .sort()
    .map(([s, n]) => `${s === 0 ? 'no answer' : s}: ${n}`)
    .join(', ');
  return {
    part: 'storm',
    summary: `${sends.length} status callbacks (${callbacks.length} distinct, ${sends.length - callbacks.length} duplicates, ${messageIds.length} messages, ${callbacks.filter((c) => c.api === 'one').length} of One API, up to three a body) in ${bodies.length} bodies, shuffled, ${concurrency} in flight, sent in ${sendSeconds.toFixed(1)} s (${Math.round(bodies.length / sendSeconds)}/s); answers ${answers}`,
    checks: [
      {
        what: 'distinct callbacks (25 % sent twice, shuffled, 50 in flight)',
        target: '>= 10,000 (full run)',
        result: String(callbacks.length),
        ok: true,
      },
      {
        what: '5xx answers (or none)',
        target: '0',
        result: String(fiveHundreds),
        ok: fiveHundreds === 0 && ok === bodies.length,
      },
      {
        what: 'distinct callbacks stored exactly once, with one outbox entry',
        target: 'every one',
        result: `${tally.once} of ${callbacks.length} (${tally.doubled} doubled, ${tally.absent} missing)`,
        ok: tally.once === callbacks.length,
      },
      {
        what: 'handed off once drained',
        target: 'every one',
        result: `${tally.handedOff} of ${callbacks.length}`,
        ok: tally.handedOff === callbacks.length,
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
