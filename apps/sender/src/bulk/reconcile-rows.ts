import { stat } from 'node:fs/promises';
import { readLines } from '../input/read-lines.ts';
import type { GatewayAnswer } from './gateway-lookup.ts';
import { openJournal } from './journal.ts';
import { type ReconcileRecord, type RowRecord, rowLine } from './journal-records.ts';
import { readJournal } from './read-journal.ts';

/** Options of `reconcileRows`. */
export interface ReconcileRowsOptions {
  /** The results file; reconcile only appends to it. */
  readonly path: string;
  readonly gateway: string;
  readonly lookup: (clientMessageId: string) => Promise<GatewayAnswer>;
  /** The quiet period after a row's send time past which no status means never accepted; none: never. */
  readonly resendAfterMs?: number;
  /** The wall clock, epoch ms. */
  readonly now: () => number;
  /** Lookups in flight at once. */
  readonly concurrency?: number;
}

/** What reconcile did. */
export interface ReconcileReport {
  /** Rows that were `unknown` or `pending` before. */
  readonly unsettled: number;
  /** Found at the gateway: now `accepted`, with their `messageId` and status. */
  readonly accepted: number;
  /** No status after the quiet period: now `not-sent`, safe to send again (`--resume` sends them). */
  readonly unanswered: number;
  /** No status yet, but sent less than the quiet period ago (or no `--resend-after`): still `unknown`. */
  readonly waiting: number;
  /** No status and quiet long enough, but left `unknown` because the gateway holds no status of this run. */
  readonly guarded: number;
  /** Whether the gateway holds a status for some row of this run (the guard). */
  readonly runSeen: boolean;
  /** Rows whose send time is not in the file (an older file): measured from the file's last change. */
  readonly undated: number;
  /** The earliest time (epoch ms) a waiting row's quiet period ends, if any. */
  readonly nextAt?: number;
}

interface Unsettled {
  to: string;
  clientMessageId: string;
  sentAt?: number;
}

/** Accepted rows asked about when no unsettled row is found: proof that callbacks of this run reach the gateway. */
const PROBES = 20;

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const timeOf = (at: unknown): number | undefined => {
  const ms = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * Settles the `unknown` and `pending` rows of a results file by asking the gateway that receives the
 * integration's status callbacks. The platform sends at least one status callback for every message it
 * accepts, so:
 * - a row the gateway has a status for was accepted: it becomes `accepted`, with its `messageId` and status;
 * - a row with no status a quiet period after it was sent was never accepted: it becomes `not-sent` (error
 *   `unanswered`, retryable), and the next `--resume` sends it;
 * - otherwise it stays `unknown` (its callbacks may still come).
 * The second rule trusts that the gateway sees this run's callbacks at all, so it applies only when the
 * gateway holds a status for some row of the run. Changes are appended (synced), never rewritten.
 */
export async function reconcileRows(options: ReconcileRowsOptions): Promise<ReconcileReport> {
  const { path, now } = options;
  const { states } = await readJournal(path);
  // The file's last change is at or after any row's send time: the fallback for rows written without one.
  const changedAt = (await stat(path)).mtimeMs;
  const rows = new Map<number, Unsettled>();
  const accepted: { line: number; clientMessageId: string }[] = [];
  for await (const { text } of readLines(path)) {
    let value: Partial<RowRecord> & { type?: unknown };
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null || value.type !== undefined) continue;
    const { line, clientMessageId } = value;
    if (typeof line !== 'number' || typeof clientMessageId !== 'string') continue;
    const state = states.get(line);
    if (state === 'unknown' || state === 'pending') {
      const row = rows.get(line) ?? { to: '', clientMessageId };
      if (typeof value.to === 'string' && value.to !== '') row.to = value.to;
      row.clientMessageId = clientMessageId;
      const at = timeOf(value.at);
      if (at !== undefined && (row.sentAt === undefined || at > row.sentAt)) row.sentAt = at;
      rows.set(line, row);
    } else if (state === 'accepted' && value.outcome === 'accepted') {
      accepted.push({ line, clientMessageId });
      if (accepted.length > PROBES * 4) accepted.splice(0, accepted.length - PROBES);
    }
  }

  const lines = [...rows.keys()].sort((a, b) => a - b);
  const concurrency = options.concurrency ?? 16;
  const answers = await mapLimit(lines, concurrency, (line) =>
    options.lookup(rows.get(line)!.clientMessageId),
  );
  let runSeen = answers.some((a) => a.found);
  const at = now();
  const quiet = (row: Unsettled) =>
    options.resendAfterMs !== undefined && (row.sentAt ?? changedAt) + options.resendAfterMs <= at;
  const wouldResend = lines.some((line, i) => !answers[i]!.found && quiet(rows.get(line)!));
  if (!runSeen && wouldResend) {
    for (const probe of accepted.slice(-PROBES)) {
      if ((await options.lookup(probe.clientMessageId)).found) {
        runSeen = true;
        break;
      }
    }
  }

  let out = '';
  let acceptedNow = 0;
  let unanswered = 0;
  let waiting = 0;
  let guarded = 0;
  let undated = 0;
  let nextAt: number | undefined;
  const stamp = new Date(at).toISOString();
  const quietText =
    options.resendAfterMs === undefined ? '' : `${Math.round(options.resendAfterMs / 1000)} s`;
  lines.forEach((line, i) => {
    const row = rows.get(line)!;
    const answer = answers[i]!;
    if (row.sentAt === undefined) undated++;
    const base = { line, to: row.to, clientMessageId: row.clientMessageId };
    if (answer.found) {
      acceptedNow++;
      out += rowLine({
        ...base,
        outcome: 'accepted',
        messageId: answer.messageId,
        status: answer.status,
        at: stamp,
        reconciled: true,
      });
    } else if (!quiet(row)) {
      waiting++;
      if (options.resendAfterMs !== undefined) {
        const end = (row.sentAt ?? changedAt) + options.resendAfterMs;
        if (nextAt === undefined || end < nextAt) nextAt = end;
      }
    } else if (!runSeen) {
      guarded++;
    } else {
      unanswered++;
      out += rowLine({
        ...base,
        outcome: 'not-sent',
        error: {
          code: 'unanswered',
          description: `No status callback reached ${options.gateway} within ${quietText} of sending: the platform never accepted it, so it is safe to send again`,
          retryable: true,
        },
        at: stamp,
        reconciled: true,
      });
    }
  });
  if (out !== '') {
    const journal = await openJournal(path, { create: false });
    try {
      const record: ReconcileRecord = {
        type: 'reconcile',
        at: stamp,
        gateway: options.gateway,
        ...(options.resendAfterMs === undefined ? {} : { resendAfterMs: options.resendAfterMs }),
      };
      await journal.writeDurably(`${JSON.stringify(record)}\n${out}`);
    } finally {
      await journal.close();
    }
  }
  return {
    unsettled: lines.length,
    accepted: acceptedNow,
    unanswered,
    waiting,
    guarded,
    runSeen,
    undated,
    ...(nextAt === undefined ? {} : { nextAt }),
  };
}
