import { readFile, writeFile } from 'node:fs/promises';

/** A row record of results.jsonl, as the tests read it. */
export interface ResultLine {
  readonly line: number;
  readonly to: string;
  readonly clientMessageId: string;
  readonly outcome: string;
  readonly messageId?: string;
  readonly error?: { readonly code: number | string; readonly description: string };
}

/** The distinct South African mobile number of row `i` (0-based). */
export const numberOf = (i: number, prefix = '2782'): string => `${prefix}${String(i).padStart(7, '0')}`;

/** Writes a CSV of `rows` recipients: to, amount, ref. */
export async function writeRecipients(path: string, rows: number, prefix = '2782'): Promise<void> {
  const lines = ['to,amount,ref'];
  for (let i = 0; i < rows; i++) lines.push(`+${numberOf(i, prefix)},$${i},${1000 + i}`);
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** Every row record of a results file, and each row's last one. */
export async function readResults(
  path: string,
): Promise<{ records: ResultLine[]; final: Map<number, ResultLine> }> {
  const records = (await readFile(path, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ResultLine & { type?: string })
    .filter((r) => r.type === undefined);
  const final = new Map<number, ResultLine>();
  for (const r of records) final.set(r.line, r);
  return { records, final };
}
