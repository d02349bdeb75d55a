import type { RowFormat } from '../input/open-rows.ts';
import type { RowMapping } from './row-mapping.ts';
import type { RowOutcome } from './row-states.ts';

/** The first line of a results file: what a resumed run needs to rebuild the same messages and ids. */
export interface RunRecord {
  readonly type: 'run';
  readonly version: 1;
  readonly runId: string;
  /** Absolute path of the recipients file. */
  readonly file: string;
  readonly format: RowFormat;
  readonly delimiter?: string;
  readonly mapping: RowMapping;
  /** Whether invalid rows were recorded `rejected` and the rest sent (`--skip-invalid`). */
  readonly skipInvalid: boolean;
  /** `createFingerprint` of the file's lines, and its row count. */
  readonly fingerprint: string;
  readonly rows: number;
  readonly startedAt: string;
}

/** A later line marking a resume, for the reader of the file. */
export interface ResumeRecord {
  readonly type: 'resume';
  readonly at: string;
}

/** Why a row was not accepted: a section-8 code where there is one, else the client's kebab-case name. */
export interface RowError {
  readonly code: number | string;
  readonly description: string;
  readonly retryable: boolean;
}

/** One row's outcome; a row has a `pending` line before its batch is sent, then its result line. */
export interface RowRecord {
  readonly line: number;
  readonly to: string;
  readonly clientMessageId: string;
  readonly outcome: RowOutcome;
  readonly messageId?: string;
  readonly error?: RowError;
}

/** Serializes a row record as one JSON line (fields in the documented order). */
export function rowLine(record: RowRecord): string {
  return `${JSON.stringify(record)}\n`;
}
