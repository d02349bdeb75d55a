import {
  type ClickatellApi,
  type Issue,
  type OutboundMessage,
  type TemplateRegistry,
  validateMessage,
} from '@clickwa/core';
import type { Row, RowProblem } from '../input/open-rows.ts';
import type { RowMapper } from './row-mapping.ts';

/** Why a row cannot be sent. */
export interface RowIssue {
  readonly line: number;
  /** The section-8 code of the row's first coded issue, where there is one. */
  readonly code?: number;
  /** Every issue of the row, `; `-separated, each with its code: for people. */
  readonly text: string;
  /** Every issue of the row without codes: the results file's `error.description` (the code is apart). */
  readonly description: string;
}

/** How rows are checked besides the core's rules. */
export interface CheckOptions {
  /** The API rows are sent through: its rules and codes. Default `wa`. */
  readonly api?: ClickatellApi;
  /** Approved templates: an unknown name or a wrong parameter count is 106 before sending. */
  readonly templates?: TemplateRegistry;
  /** Send rows whose warnings mean WhatsApp will refuse them at delivery (`--allow-warnings`). */
  readonly allowWarnings?: boolean;
}

/** A row checked: the message to send (as mapped; the client normalizes it), or why it cannot be sent. */
export type CheckedRow =
  | { readonly ok: true; readonly line: number; readonly message: OutboundMessage }
  | { readonly ok: false; readonly issue: RowIssue };

/**
 * The issues that stop a message: errors (the platform rejects them), and warnings the core marks
 * `rejectedAtDelivery` (the platform takes the message, WhatsApp then refuses it) unless allowed. Other
 * warnings do not stop it: those messages may well be delivered.
 */
export function blockingIssues(issues: readonly Issue[], allowWarnings = false): Issue[] {
  return issues.filter((i) => i.severity === 'error' || (i.rejectedAtDelivery === true && !allowWarnings));
}

/** An issue for people: code, message, and for a warning the field and how to send it anyway. */
export function describeIssue(i: Issue): string {
  const code = i.code === undefined ? '' : `${i.code} `;
  if (i.severity === 'error') return `${code}${i.message}`;
  const field = (i.path ?? []).filter((p) => p !== 'messages' && typeof p !== 'number').join('.');
  return `${code}${i.message} (field ${field || '-'}; --allow-warnings sends it anyway)`;
}

/**
 * Maps a row to its message and validates it with the core's `validateMessage`, as the client will before
 * sending, with the approved templates when given.
 *
 * @example checkRow({ line: 2, values: { to: '0821234567' } }, mapper) // { ok: false, issue: { code: 150, ... } }
 */
export function checkRow(row: Row | RowProblem, mapper: RowMapper, options: CheckOptions = {}): CheckedRow {
  const { line } = row;
  if ('problem' in row) return { ok: false, issue: { line, text: row.problem, description: row.problem } };
  const mapped = mapper.map(row.values);
  if ('problem' in mapped)
    return { ok: false, issue: { line, text: mapped.problem, description: mapped.problem } };
  const checked = validateMessage(mapped.message, {
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.api ? { api: options.api } : {}),
  });
  const blocking = blockingIssues(checked.issues ?? [], options.allowWarnings);
  if (blocking.length === 0) return { ok: true, line, message: mapped.message };
  const code = blocking.find((i) => i.code !== undefined)?.code;
  const text = blocking.map(describeIssue).join('; ');
  const description = blocking.map((i) => i.message).join('; ');
  return {
    ok: false,
    issue: code === undefined ? { line, text, description } : { line, code, text, description },
  };
}
