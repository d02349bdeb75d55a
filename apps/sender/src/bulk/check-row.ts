import { type OutboundMessage, validateMessage } from '@clickwa/core';
import type { Row, RowProblem } from '../input/open-rows.ts';
import type { RowMapper } from './row-mapping.ts';

/** Why a row cannot be sent. */
export interface RowIssue {
  readonly line: number;
  /** The section-8 code of the row's first coded error, where there is one. */
  readonly code?: number;
  /** Every error of the row, `; `-separated, each with its code. */
  readonly text: string;
}

/** A row checked: the message to send (as mapped; the client normalizes it), or why it cannot be sent. */
export type CheckedRow =
  | { readonly ok: true; readonly line: number; readonly message: OutboundMessage }
  | { readonly ok: false; readonly issue: RowIssue };

/**
 * Maps a row to its message and validates it with the core's `validateMessage`, as the client will before
 * sending. Warnings are not issues: the platform accepts those messages.
 *
 * @example checkRow({ line: 2, values: { to: '0821234567' } }, mapper) // { ok: false, issue: { code: 150, ... } }
 */
export function checkRow(row: Row | RowProblem, mapper: RowMapper): CheckedRow {
  const { line } = row;
  if ('problem' in row) return { ok: false, issue: { line, text: row.problem } };
  const mapped = mapper.map(row.values);
  if ('problem' in mapped) return { ok: false, issue: { line, text: mapped.problem } };
  const checked = validateMessage(mapped.message);
  if (checked.success) return { ok: true, line, message: mapped.message };
  const errors = checked.issues.filter((i) => i.severity === 'error');
  const code = errors.find((i) => i.code !== undefined)?.code;
  const text = errors.map((i) => (i.code === undefined ? i.message : `${i.code} ${i.message}`)).join('; ');
  return { ok: false, issue: code === undefined ? { line, text } : { line, code, text } };
}
