import { csvRecords } from './csv-records.ts';
import type { Fingerprint } from './fingerprint.ts';
import { type Line, readLines } from './read-lines.ts';

/** The formats `bulk` reads. */
export type RowFormat = 'csv' | 'jsonl';

/** A row of the file: its line number and its values by column (CSV: strings; JSONL: any JSON). */
export interface Row {
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A line that is not a row (a malformed JSON line, a CSV row with the wrong number of fields). */
export interface RowProblem {
  readonly line: number;
  readonly problem: string;
}

/** An opened recipients file. */
export interface RowSource {
  readonly format: RowFormat;
  /** CSV: the header's column names. JSONL: undefined (each line has its own keys). */
  readonly columns: readonly string[] | undefined;
  /** The rows after the header, one at a time; read once. */
  readonly rows: AsyncGenerator<Row | RowProblem>;
  /** Closes the file when the rows are not read to the end (a `for await` that breaks does it too). */
  close(): Promise<void>;
}

/** Options of `openRows`. */
export interface OpenRowsOptions {
  /** Default: from the extension (`.csv`; `.jsonl`, `.ndjson`). */
  readonly format?: RowFormat;
  /** CSV delimiter. Default `,`. */
  readonly delimiter?: string;
  /** Fed every line of the file, blank ones too. */
  readonly fingerprint?: Fingerprint;
}

/** The format a file name implies, if any. */
export function formatOf(path: string): RowFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return undefined;
}

async function* tap(lines: AsyncIterable<Line>, fingerprint: Fingerprint | undefined): AsyncGenerator<Line> {
  if (!fingerprint) return yield* lines;
  for await (const l of lines) {
    fingerprint.update(l.number, l.text);
    yield l;
  }
}

async function* jsonlRows(lines: AsyncIterable<Line>): AsyncGenerator<Row | RowProblem> {
  for await (const { number, text } of lines) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line: number, problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
      continue;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      yield { line: number, values: value as Record<string, unknown> };
    } else yield { line: number, problem: 'a JSON line must be an object, e.g. {"to":"+27..."}' };
  }
}

/**
 * Opens a CSV (with a header row) or JSONL recipients file for streaming: nothing but the current row is
 * held. Throws (from the file system) when the file cannot be opened, and `Error` for an empty CSV or a header
 * with blank or repeated names.
 *
 * @example const { columns, rows } = await openRows('recipients.csv');
 */
export async function openRows(path: string, options: OpenRowsOptions = {}): Promise<RowSource> {
  const format = options.format ?? formatOf(path);
  if (!format) throw new Error(`cannot tell the format of ${path}; name it .csv or .jsonl, or pass --format`);
  const lines = tap(readLines(path), options.fingerprint);
  if (format === 'jsonl') {
    const rows = jsonlRows(lines);
    return { format, columns: undefined, rows, close: async () => void (await rows.return(undefined)) };
  }
  const records = csvRecords(lines, options.delimiter ?? ',');
  const first = await records.next();
  const refuse = async (message: string): Promise<never> => {
    await records.return(undefined); // closes the file
    throw new Error(message);
  };
  if (first.done) return refuse(`${path} is empty; a CSV needs a header row, e.g. "to,name"`);
  if ('problem' in first.value) return refuse(`${path} line ${first.value.line}: ${first.value.problem}`);
  const columns = first.value.fields.map((f) => f.trim());
  const blank = columns.indexOf('');
  if (blank !== -1) return refuse(`${path}: column ${blank + 1} of the header has no name`);
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
  if (repeated) return refuse(`${path}: the header names column "${repeated}" twice`);
  async function* rows(): AsyncGenerator<Row | RowProblem> {
    for await (const record of records) {
      if ('problem' in record) {
        yield record;
        continue;
      }
      const { fields, line } = record;
      if (fields.length !== columns.length) {
        yield {
          line,
          problem: `${fields.length} fields where the header has ${columns.length} (an unquoted delimiter?)`,
        };
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) values[columns[i]!] = fields[i]!;
      yield { line, values };
    }
  }
  return { format, columns, rows: rows(), close: async () => void (await records.return(undefined)) };
}
