import {
  type Client,
  LIMITS,
  normalizeMsisdn,
  type OutboundMessage,
  type SendEncryption,
  type SendResult,
} from '@clickwa/core';
import { openRows, type RowFormat } from '../input/open-rows.ts';
import { type PermissionDenial, permissionDenial } from '../permission-denial.ts';
import { type CheckOptions, checkRow } from './check-row.ts';
import type { Journal } from './journal.ts';
import { type RowError, type RowRecord, rowLine } from './journal-records.ts';
import type { LineSet } from './line-set.ts';
import type { RowMapper } from './row-mapping.ts';
import {
  outcomeOf,
  type RowOutcome,
  type RowState,
  type RowStates,
  shouldSend,
  stateOf,
} from './row-states.ts';

/** A row that needs reconciling with status callbacks: it may have been accepted, but no answer says so. */
export interface ReconcileRow {
  readonly line: number;
  readonly to: string;
  readonly clientMessageId: string;
}

/** Options of `sendRows`. */
export interface SendRowsOptions {
  readonly client: Client;
  /** With `--encrypt`: every message is encrypted before it is sent. */
  readonly encryption?: SendEncryption;
  readonly path: string;
  readonly format: RowFormat;
  readonly delimiter?: string;
  readonly mapper: RowMapper;
  /** The checks of the validation pass (templates, warnings), repeated on each row as it is sent. */
  readonly check?: CheckOptions;
  /** The wall clock (epoch ms) for the send times in the results file. Default `Date.now`. */
  readonly wallClock?: () => number;
  /**
   * Called once, for the first result that failed on a missing Deno permission: the caller stops the run
   * (every later request would fail the same way) and names the flag.
   */
  readonly onDenied?: (denial: PermissionDenial) => void;
  /** Outcomes so far (resume); updated as rows settle. */
  readonly states: RowStates;
  /** Lines the validation pass found invalid: recorded `rejected`, never sent. */
  readonly invalid: LineSet;
  readonly journal: Journal;
  /** The run's `clientMessageId` of a line. */
  readonly idOf: (line: number) => string;
  /** Hard stop: aborts the client, so requests in flight end `unknown` (a second Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Graceful stop: no more rows are read; what the client holds is sent and answered (a first Ctrl-C). */
  readonly stop?: AbortSignal;
  readonly concurrency?: number;
  /** Rows recorded `pending` (and synced) at a time before they are handed to the client. */
  readonly chunkRows?: number;
  /** Called once per row the client settles in this pass. */
  readonly onResult?: (outcome: RowOutcome) => void;
  /** Called for each row left `unknown`: from this pass, or pending/unknown from an earlier one. */
  readonly onReconcile?: (row: ReconcileRow) => void;
}

/**
 * Every row's final outcome after the pass (rows the pass never reached, after a stop, are not counted:
 * the caller counts them `not-sent`), and how many rows the client settled in this pass.
 */
export type OutcomeCounts = Record<Exclude<RowOutcome, 'pending'>, number> & {
  settledThisPass: number;
  /** Of the rejected rows, those safe to send again (`error.retryable`): a resume sends them. */
  rejectedRetryable: number;
};

interface Pending {
  readonly line: number;
  readonly to: string;
  readonly clientMessageId: string;
  readonly message: OutboundMessage;
}

const INTERRUPTED: RowError = {
  code: 'interrupted',
  description:
    'The run stopped while this row was being sent; it may have been accepted: check the status callbacks',
  retryable: false,
};

const STOPPED: RowError = {
  code: 'aborted',
  description: 'Sending stopped before this row was handed to the client; it was not sent',
  retryable: true,
};

function errorOf(result: SendResult): RowError | undefined {
  const e = result.error;
  return e ? { code: e.code, description: e.description, retryable: e.retryable } : undefined;
}

const shownTo = (to: unknown): string => {
  const normalized = normalizeMsisdn(to);
  return normalized.success ? normalized.output : String(to ?? '');
};

/**
 * The send pass. Streams the file again and feeds `client.sendAll` from an async generator, so memory holds
 * only the rows in flight. Before a chunk of rows is handed to the client, a `pending` line per row is
 * appended and synced: whatever happens after, a row that may have been sent has a record, and a resumed run
 * never sends it again. Result lines follow as batches settle (one write per batch).
 */
export async function sendRows(options: SendRowsOptions): Promise<OutcomeCounts> {
  const { states, journal, idOf, mapper, invalid } = options;
  const chunkRows = options.chunkRows ?? LIMITS.maxMessagesPerRequest;
  const counts: OutcomeCounts = {
    accepted: 0,
    rejected: 0,
    unknown: 0,
    'not-sent': 0,
    settledThisPass: 0,
    rejectedRetryable: 0,
  };
  const count = (state: RowState) => {
    const outcome = outcomeOf(state);
    counts[outcome === 'pending' ? 'unknown' : outcome]++;
    if (state === 'rejected-retryable') counts.rejectedRetryable++;
  };
  const wallClock = options.wallClock ?? Date.now;
  const nowIso = () => new Date(wallClock()).toISOString();
  let denied = false;
  const reconcile = (row: ReconcileRow) => options.onReconcile?.(row);
  // The rows handed to the client and not yet settled, by their position in the stream (`SendResult.index`).
  const inFlight = new Map<number, Pending>();
  let handed = 0;
  let results = '';
  let flushQueued = false;
  const flushResults = () => {
    flushQueued = false;
    if (results === '') return;
    journal.write(results);
    results = '';
  };
  const record = (r: RowRecord) => {
    results += rowLine(r);
    // Results of one batch arrive together; a zero timer fires after the last, so a batch is one write.
    if (!flushQueued) {
      flushQueued = true;
      setTimeout(flushResults, 0);
    }
  };

  const source = await openRows(options.path, { format: options.format, delimiter: options.delimiter });
  async function* messages(): AsyncGenerator<OutboundMessage> {
    const chunk: Pending[] = [];
    // The chunk being handed over, and the position of the row last yielded from it.
    let handing: Pending[] = [];
    let position = 0;
    // Whether the generator ended on the graceful stop, before yielding the row at `position`.
    let stoppedBefore = false;
    const stopping = () => options.stop?.aborted === true;
    async function* hand(): AsyncGenerator<OutboundMessage> {
      if (stopping()) return;
      flushResults();
      // One send time for the chunk: its rows leave right after this sync; reconcile's quiet period starts here.
      const at = nowIso();
      let text = '';
      for (const p of chunk) {
        text += rowLine({
          line: p.line,
          to: p.to,
          clientMessageId: p.clientMessageId,
          outcome: 'pending',
          at,
        });
      }
      await journal.writeDurably(text);
      handing = chunk.splice(0);
      for (position = 0; position < handing.length; position++) {
        if (stopping()) {
          stoppedBefore = true;
          return;
        }
        const p = handing[position]!;
        states.set(p.line, 'pending');
        inFlight.set(handed++, p);
        yield p.message;
      }
      handing = [];
    }
    try {
      for await (const row of source.rows) {
        if (stopping()) break;
        const { line } = row;
        const before = states.get(line);
        if (!shouldSend(before)) {
          count(before!);
          if (before === 'pending' || before === 'unknown') {
            const to = 'values' in row ? shownTo(row.values[mapper.toColumn]) : '';
            const clientMessageId = idOf(line);
            if (before === 'pending')
              record({ line, to, clientMessageId, outcome: 'unknown', error: INTERRUPTED });
            states.set(line, 'unknown');
            reconcile({ line, to, clientMessageId });
          }
          continue;
        }
        const checked = checkRow(row, mapper, options.check);
        if (!checked.ok || invalid.has(line)) {
          const issue: { code?: number; description: string } = checked.ok
            ? { description: 'The row changed since it was validated' }
            : checked.issue;
          const to = 'values' in row ? shownTo(row.values[mapper.toColumn]) : '';
          const error = {
            code: issue.code ?? 'invalid-row',
            description: issue.description,
            retryable: false,
          };
          record({ line, to, clientMessageId: idOf(line), outcome: 'rejected', error });
          states.set(line, 'rejected');
          count('rejected');
          continue;
        }
        const clientMessageId = idOf(line);
        chunk.push({
          line,
          to: shownTo(checked.message.to),
          clientMessageId,
          message: { ...checked.message, clientMessageId },
        });
        if (chunk.length >= chunkRows) yield* hand();
      }
      if (chunk.length > 0) yield* hand();
    } finally {
      // Rows recorded pending but never handed over were not sent. On a hard stop the row at `position` may
      // have reached the client (the generator was closed at its yield), so it stays `pending`.
      for (const p of handing.slice(stoppedBefore ? position : position + 1)) {
        record({
          line: p.line,
          to: p.to,
          clientMessageId: p.clientMessageId,
          outcome: 'not-sent',
          error: STOPPED,
        });
        states.set(p.line, 'not-sent');
      }
    }
  }

  const feed = messages();
  try {
    for await (const r of options.client.sendAll(feed, {
      signal: options.signal,
      ...(options.encryption ? { encryption: options.encryption } : {}),
      // A file is never quiet, only slow (the journal syncs each chunk): full requests, never partial ones.
      lingerMs: Number.POSITIVE_INFINITY,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    })) {
      const p = inFlight.get(r.index);
      if (!p) continue;
      inFlight.delete(r.index);
      const error = errorOf(r);
      const to = r.to || p.to;
      record({
        line: p.line,
        to,
        clientMessageId: r.clientMessageId,
        outcome: r.outcome,
        ...(r.messageId ? { messageId: r.messageId } : {}),
        ...(error ? { error } : {}),
        // An unknown row's quiet period (reconcile) starts no earlier than when the client gave up on it.
        ...(r.outcome === 'unknown' ? { at: nowIso() } : {}),
      });
      const state = stateOf(r.outcome, r.error?.retryable);
      states.set(p.line, state);
      if (!denied && r.outcome !== 'accepted' && r.error) {
        const denial = permissionDenial(r.error);
        if (denial) {
          denied = true;
          options.onDenied?.(denial);
        }
      }
      count(state);
      counts.settledThisPass++;
      options.onResult?.(r.outcome);
      if (r.outcome === 'unknown') reconcile({ line: p.line, to, clientMessageId: r.clientMessageId });
    }
  } finally {
    // After an abort the client closes the feed without waiting; wait here, so its last records are written.
    await feed.return(undefined).catch(() => {});
    flushResults();
    await source.close();
  }
  return counts;
}
