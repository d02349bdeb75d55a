import { readLines } from '../input/read-lines.ts';
import { isRunId } from '../message-id.ts';
import type { RunRecord } from './journal-records.ts';
import { createRowStates, isRowOutcome, type RowStates, stateOf } from './row-states.ts';

/** What a results file says: the run it belongs to and every row's last outcome. */
export interface JournalState {
  readonly run: RunRecord;
  readonly states: RowStates;
  /** Row records read (pending and result lines). */
  readonly records: number;
  /** Lines that were not JSON: a line cut by a crash (harmless, see `readJournal`). */
  readonly unreadable: number;
}

function checkRun(value: unknown, path: string): RunRecord {
  const run = value as Partial<RunRecord> | null;
  if (
    typeof run !== 'object' ||
    run === null ||
    run.type !== 'run' ||
    run.version !== 1 ||
    !isRunId(run.runId) ||
    typeof run.file !== 'string' ||
    (run.format !== 'csv' && run.format !== 'jsonl') ||
    typeof run.mapping !== 'object' ||
    typeof run.fingerprint !== 'string' ||
    typeof run.rows !== 'number'
  ) {
    throw new Error(`${path} is not a clickwa results file (its first line does not describe a run)`);
  }
  return run as RunRecord;
}

/**
 * Reads a results file, streaming, into one byte per row (the last outcome wins).
 *
 * A line that is not JSON is skipped. It can only be a record cut by a crash mid-write, and that is safe:
 * a row's `pending` line is written and synced before the row is handed to the client, so a row that was
 * sent always has a complete `pending` line; a cut result line leaves its row `pending`, never sent again.
 *
 * @example const { run, states } = await readJournal('results.jsonl');
 */
export async function readJournal(path: string): Promise<JournalState> {
  const states = createRowStates();
  let run: RunRecord | undefined;
  let records = 0;
  let unreadable = 0;
  for await (const { text } of readLines(path)) {
    if (text.trim() === '') continue;
    let value: { line?: unknown; outcome?: unknown; type?: unknown; error?: { retryable?: unknown } };
    try {
      value = JSON.parse(text);
    } catch {
      if (!run) throw new Error(`${path} is not a clickwa results file (its first line is not JSON)`);
      unreadable++;
      continue;
    }
    if (!run) {
      run = checkRun(value, path);
      continue;
    }
    if (typeof value !== 'object' || value === null || value.type !== undefined) continue;
    const { line, outcome } = value;
    if (typeof line === 'number' && Number.isInteger(line) && line > 0 && isRowOutcome(outcome)) {
      states.set(line, stateOf(outcome, value.error?.retryable === true));
      records++;
    } else unreadable++;
  }
  if (!run) throw new Error(`${path} is empty: it holds no run to resume`);
  return { run, states, records, unreadable };
}
