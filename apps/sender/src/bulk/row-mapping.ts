import type { OutboundMessage } from '@clickwa/core';
import type { RowFormat } from '../input/open-rows.ts';

/**
 * How a row becomes a message. Plain data: it is written into the results file so that `--resume` rebuilds
 * exactly the messages of the run that started.
 * - `text`: `--text`, with `{{column}}` placeholders filled from the row;
 * - `template`: `--template`, parameters from `--param-column` (1..N in order) and `--param N=value`;
 * - `row`: the row is the message (JSONL: a spec message object; CSV: a `content` column of text).
 */
export type RowMapping =
  | {
      readonly kind: 'text';
      readonly toColumn: string;
      readonly text: string;
      readonly previewFirstUrl?: boolean;
    }
  | {
      readonly kind: 'template';
      readonly toColumn: string;
      readonly template: string;
      readonly paramColumns: readonly string[];
      readonly params: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'row'; readonly toColumn: string };

/** A row as a message, or why it cannot be one. */
export type Mapped = { readonly message: OutboundMessage } | { readonly problem: string };

/** A compiled mapping; see `compileMapping`. */
export interface RowMapper {
  /** The column of the recipient's number. */
  readonly toColumn: string;
  /** Columns every row must have. */
  readonly columns: readonly string[];
  map(values: Readonly<Record<string, unknown>>): Mapped;
}

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

function cell(values: Readonly<Record<string, unknown>>, column: string): string | { problem: string } {
  const value = values[column];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return { problem: `no value for column "${column}"` };
  return { problem: `column "${column}" holds ${Array.isArray(value) ? 'a list' : 'an object'}, not text` };
}

function compileText(text: string): {
  columns: string[];
  fill: (v: Readonly<Record<string, unknown>>) => string | { problem: string };
} {
  const parts = text.split(PLACEHOLDER);
  // split with one capture group alternates: literal, column, literal, column, ..., literal.
  const columns = parts.filter((_, i) => i % 2 === 1);
  return {
    columns,
    fill(values) {
      if (columns.length === 0) return text;
      let out = parts[0]!;
      for (let i = 1; i < parts.length; i += 2) {
        const value = cell(values, parts[i]!);
        if (typeof value !== 'string') return value;
        out += value + parts[i + 1]!;
      }
      return out;
    },
  };
}

/**
 * Compiles a mapping for a file format. The `to` column is passed on as found (a JSON number stays a
 * number, which the core rejects with 158 rather than guess its country); validation is the core's.
 *
 * @example compileMapping({ kind: 'text', toColumn: 'to', text: 'Hi {{name}}' }, 'csv').map({ to: '+27...', name: 'Ann' })
 */
export function compileMapping(mapping: RowMapping, format: RowFormat): RowMapper {
  const { toColumn } = mapping;
  const to = (values: Readonly<Record<string, unknown>>) => values[toColumn];
  const missingTo = { problem: `no value for column "${toColumn}"` };
  if (mapping.kind === 'text') {
    const body = compileText(mapping.text);
    return {
      toColumn,
      columns: [toColumn, ...body.columns],
      map(values) {
        if (to(values) === undefined || to(values) === '') return missingTo;
        const content = body.fill(values);
        if (typeof content !== 'string') return content;
        const message = { to: to(values), content } as OutboundMessage & { previewFirstUrl?: boolean };
        if (mapping.previewFirstUrl !== undefined) message.previewFirstUrl = mapping.previewFirstUrl;
        return { message };
      },
    };
  }
  if (mapping.kind === 'template') {
    const { paramColumns, params, template } = mapping;
    return {
      toColumn,
      columns: [toColumn, ...paramColumns],
      map(values) {
        if (to(values) === undefined || to(values) === '') return missingTo;
        const parameters: Record<string, string> = { ...params };
        for (let i = 0; i < paramColumns.length; i++) {
          const value = cell(values, paramColumns[i]!);
          if (typeof value !== 'string') return value;
          parameters[String(i + 1)] = value;
        }
        return { message: { to: to(values), hsm: { template, parameters } } as OutboundMessage };
      },
    };
  }
  if (format === 'csv') {
    return {
      toColumn,
      columns: [toColumn, 'content'],
      map(values) {
        if (to(values) === undefined || to(values) === '') return missingTo;
        return { message: { to: to(values), content: values.content } as OutboundMessage };
      },
    };
  }
  return {
    toColumn,
    columns: [],
    map(values) {
      if (to(values) === undefined) return missingTo;
      // The row's own clientMessageId is replaced by the run's: resume depends on ids derived from lines.
      const { clientMessageId: _ignored, ...message }: Record<string, unknown> = values;
      if (toColumn !== 'to') delete message[toColumn];
      return { message: { ...message, to: to(values) } as OutboundMessage };
    },
  };
}
