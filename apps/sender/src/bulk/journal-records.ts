import type { ClickatellApi } from '@clickwa/core';
import type { RowFormat } from '../input/open-rows.ts';
import type { RowMapping } from './row-mapping.ts';
import type { RowOutcome } from './row-states.ts';

/** The first line of a results file: what a resumed run needs to rebuild the same messages and ids. */
export interface RunRecord {
  readonly type: 'run';
  readonly version: 1;
  readonly runId: string;
  /** The API the run sends through; absent in files written before One API (the legacy API). */
  readonly api?: ClickatellApi;
  /** Absolute path of the recipients file. */
  readonly file: string;
  readonly format: RowFormat;
  readonly delimiter?: string;
  readonly mapping: RowMapping;
  /** Whether invalid rows were recorded `rejected` and the rest sent (`--skip-invalid`). */
  readonly skipInvalid: boolean;
  /** Whether rows with warnings WhatsApp refuses at delivery were sent anyway (`--allow-warnings`). */
  readonly allowWarnings?: boolean;
  /** The approved templates rows were checked against (`--templates`), name -> body. */
  readonly templates?: Readonly<Record<string, string>>;
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

/** A later line marking a reconcile against a gateway, before the rows it settled. */
export interface ReconcileRecord {
  readonly type: 'reconcile';
  readonly at: string;
  readonly gateway: string;
  readonly resendAfterMs?: number;
}

/** Why a row was not accepted: a section-8 code where there is one, else the client's kebab-case name. */
export interface RowError {
  readonly code: number | string;
  readonly description: string;
  readonly retryable: boolean;
}

/** A message's status as the gateway reported it to reconcile. */
export interface RowStatus {
  readonly code: number;
  readonly status: string;
  readonly timestamp: number;
}

/** One row's outcome; a row has a `pending` line before its batch is sent, then its result line. */
export interface RowRecord {
  readonly line: number;
  readonly to: string;
  readonly clientMessageId: string;
  readonly outcome: RowOutcome;
  readonly messageId?: string;
  readonly error?: RowError;
  /**
   * When the row was handed over for sending (on `pending` lines) or left unanswered (on `unknown` lines),
   * ISO 8601: reconcile measures its quiet period from the latest.
   */
  readonly at?: string;
  /** Set by reconcile: the gateway's current status of the message. */
  readonly status?: RowStatus;
  /** Set on the lines reconcile appends. */
  readonly reconciled?: true;
}

/** Serializes a row record as one JSON line (fields in the documented order). */
export function rowLine(record: RowRecord): string {
  return `${JSON.stringify(record)}\n`;
}
