import { createFingerprint } from '../input/fingerprint.ts';
import { openRows, type RowFormat } from '../input/open-rows.ts';
import { type CheckOptions, checkRow, type RowIssue } from './check-row.ts';
import { createLineSet, type LineSet } from './line-set.ts';
import type { RowMapper } from './row-mapping.ts';
import { type RowStates, shouldSend } from './row-states.ts';

/** What the validation pass found. */
export interface RowsReport {
  readonly rows: number;
  readonly invalid: LineSet;
  /** Valid rows the send pass will send (all of them, or on resume those with no outcome yet). */
  readonly toSend: number;
  readonly fingerprint: string;
}

/** Options of `validateRows`. */
export interface ValidateRowsOptions {
  readonly path: string;
  readonly format: RowFormat;
  readonly delimiter?: string;
  readonly mapper: RowMapper;
  readonly check?: CheckOptions;
  /** On resume, rows that already have an outcome are not counted in `toSend`. */
  readonly states?: RowStates;
  /** Called for every invalid row, in file order, as it is found. */
  readonly onIssue: (issue: RowIssue) => void;
}

/** A CSV header that lacks columns the mapping reads. */
export class MissingColumnsError extends Error {
  constructor(
    readonly missing: readonly string[],
    readonly columns: readonly string[],
  ) {
    super(
      `the header has no column ${missing.map((c) => `"${c}"`).join(', ')} (columns: ${columns.join(', ')})${delimiterHint(columns)}`,
    );
    this.name = 'MissingColumnsError';
  }
}

/** Other delimiters spreadsheets write, by how `--delimiter` takes them. */
const OTHER_DELIMITERS: readonly (readonly [string, string])[] = [
  [';', '";"'],
  ['\t', "$'\\t' (a tab)"],
  ['|', '"|"'],
];

/** A header read as one column holding `;` or a tab was written with another delimiter: say which flag reads it. */
export function delimiterHint(columns: readonly string[]): string {
  const found = OTHER_DELIMITERS.find(([d]) => columns.some((c) => c.includes(d)));
  return found ? `; the header contains ${found[1]}: pass --delimiter ${found[1].split(' ')[0]}` : '';
}

/** A file with no rows to send (a CSV with only its header, an empty JSONL). */
export class NoRowsError extends Error {
  constructor() {
    super(
      'no rows: the file has no rows after its header (a CSV needs a header row, then one row per message)',
    );
    this.name = 'NoRowsError';
  }
}

/**
 * The validation pass: streams the whole file once, mapping and validating every row before anything is
 * sent, and fingerprints it. Holds one row at a time and one byte per line for the invalid ones.
 */
export async function validateRows(options: ValidateRowsOptions): Promise<RowsReport> {
  const fingerprint = createFingerprint();
  const source = await openRows(options.path, {
    format: options.format,
    delimiter: options.delimiter,
    fingerprint,
  });
  if (source.columns) {
    const missing = options.mapper.columns.filter((c) => !source.columns!.includes(c));
    if (missing.length > 0) {
      await source.close();
      throw new MissingColumnsError([...new Set(missing)], source.columns);
    }
  }
  const invalid = createLineSet();
  let rows = 0;
  let toSend = 0;
  for await (const row of source.rows) {
    rows++;
    const checked = checkRow(row, options.mapper, options.check);
    if (!checked.ok) {
      invalid.add(row.line);
      options.onIssue(checked.issue);
    } else if (shouldSend(options.states?.get(row.line))) toSend++;
  }
  if (rows === 0) throw new NoRowsError();
  return { rows, invalid, toSend, fingerprint: fingerprint.digest() };
}
