import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFingerprint } from './fingerprint.ts';
import { formatOf, openRows } from './open-rows.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clickwa-rows-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function all(path: string) {
  const source = await openRows(path);
  const rows: unknown[] = [];
  for await (const r of source.rows) rows.push(r);
  return { columns: source.columns, rows };
}

describe('openRows', () => {
  it('reads CSV rows by header column, and flags a row with the wrong number of fields', async () => {
    const path = await file('a.csv', 'to, name\n+27821234567,Ann\n+27821234568,Bob,extra\n');
    expect(await all(path)).toEqual({
      columns: ['to', 'name'],
      rows: [
        { line: 2, values: { to: '+27821234567', name: 'Ann' } },
        { line: 3, problem: '3 fields where the header has 2 (an unquoted delimiter?)' },
      ],
    });
  });

  it('refuses an empty CSV and a header with a blank or repeated name', async () => {
    await expect(openRows(await file('e.csv', ''))).rejects.toThrow(/is empty/);
    await expect(openRows(await file('b.csv', 'to,,x\n'))).rejects.toThrow(
      /column 2 of the header has no name/,
    );
    await expect(openRows(await file('r.csv', 'to,to\n'))).rejects.toThrow(/names column "to" twice/);
  });

  it('reads JSONL objects and flags lines that are not JSON objects', async () => {
    const path = await file('a.jsonl', '{"to":"+27821234567","n":1}\n\nnot json\n[1]\n');
    const { columns, rows } = await all(path);
    expect(columns).toBeUndefined();
    expect(rows).toMatchObject([
      { line: 1, values: { to: '+27821234567', n: 1 } },
      { line: 3, problem: expect.stringMatching(/^not JSON/) },
      { line: 4, problem: expect.stringMatching(/must be an object/) },
    ]);
  });

  it('fingerprints every line, and tells formats by extension', async () => {
    const a = createFingerprint();
    const b = createFingerprint();
    for await (const _ of (await openRows(await file('f1.csv', 'to\n1\n'), { fingerprint: a })).rows);
    for await (const _ of (await openRows(await file('f2.csv', 'to\n2\n'), { fingerprint: b })).rows);
    expect(a.digest()).toMatch(/^[0-9a-f]{16}$/);
    expect(a.digest()).not.toBe(b.digest());
    expect([formatOf('x.CSV'), formatOf('x.ndjson'), formatOf('x.txt')]).toEqual(['csv', 'jsonl', undefined]);
    await expect(openRows(await file('x.txt', 'to\n'))).rejects.toThrow(/cannot tell the format/);
  });
});
