import type { DownloadOutcome, DownloadSchedule, MediaDownload } from '@clickwa/webhook';
import { fromColumn, toColumn } from './text-column.ts';

/** A `media_downloads` row, as both stores read it. */
export interface DownloadRow {
  readonly event_key: string;
  readonly file_index: number;
  readonly state: MediaDownload['state'];
  readonly attempts: number;
  readonly next_attempt_at: number | null;
  readonly last_error: string | null;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly updated_at: number;
}

/** The download of a row. */
export const toMediaDownload = (row: DownloadRow): MediaDownload => ({
  eventKey: fromColumn(row.event_key),
  fileIndex: row.file_index,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  sha256: row.sha256,
  size: row.size,
  updatedAt: row.updated_at,
});

/** One `[event key, file index]` pair per file, keys as their column holds them, sorted (one lock order). */
export function downloadPairs(schedules: readonly DownloadSchedule[]): [string, number][] {
  const pairs = schedules.flatMap(({ eventKey, files }) =>
    Array.from({ length: files }, (_, i): [string, number] => [toColumn(eventKey), i]),
  );
  return pairs.sort(([a, i], [b, j]) => (a < b ? -1 : a > b ? 1 : i - j));
}

/** The parameters of `RECORD_DOWNLOAD`, in its order. */
export function recordParams(outcome: DownloadOutcome): unknown[] {
  const stored = outcome.state === 'stored' ? outcome : undefined;
  return [
    outcome.state,
    outcome.state === 'pending' ? outcome.nextAttemptAt : null,
    stored ? null : (outcome as { error: string }).error,
    stored ? stored.sha256 : null,
    stored ? stored.size : null,
    outcome.at,
    toColumn(outcome.eventKey),
    outcome.fileIndex,
  ];
}
