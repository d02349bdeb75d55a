import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from './journal.ts';
import { readJournal } from './read-journal.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clickwa-journal-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const RUN = {
  type: 'run',
  version: 1,
  runId: '0123456789abcdef0123456789abcdef',
  file: '/x/r.csv',
  format: 'csv',
  mapping: { kind: 'row', toColumn: 'to' },
  skipInvalid: false,
  fingerprint: '0011223344556677',
  rows: 3,
  startedAt: '2026-01-01T00:00:00.000Z',
};
const row = (line: number, outcome: string) =>
  `${JSON.stringify({ line, to: '27821234567', clientMessageId: 'x'.repeat(32), outcome })}\n`;

describe('openJournal', () => {
  it('appends in order, durably, and refuses to create over an existing file', async () => {
    const path = join(dir, 'a.jsonl');
    const journal = await openJournal(path, { create: true });
    journal.write('one\n');
    await journal.writeDurably('two\n');
    journal.write('three\n');
    await journal.close();
    expect(await readFile(path, 'utf8')).toBe('one\ntwo\nthree\n');
    await expect(openJournal(path, { create: true })).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('starts a new line after a record cut by a crash', async () => {
    const path = join(dir, 'b.jsonl');
    await writeFile(path, `${JSON.stringify(RUN)}\n${row(2, 'pending')}{"line":2,"to":"2782`);
    const journal = await openJournal(path, { create: false });
    await journal.writeDurably(row(3, 'pending'));
    await journal.close();
    const { states, unreadable } = await readJournal(path);
    expect(unreadable).toBe(1);
    expect([states.get(2), states.get(3), states.get(4)]).toEqual(['pending', 'pending', undefined]);
  });
});

describe('readJournal', () => {
  it('keeps the last outcome of each row and the run it belongs to', async () => {
    const path = join(dir, 'c.jsonl');
    await writeFile(
      path,
      [
        JSON.stringify(RUN),
        row(2, 'pending').trim(),
        row(3, 'pending').trim(),
        row(2, 'accepted').trim(),
        '{"type":"resume"}',
        row(4, 'not-sent').trim(),
      ].join('\n'),
    );
    const { run, states, records } = await readJournal(path);
    expect(run.runId).toBe(RUN.runId);
    expect(records).toBe(4);
    expect([states.get(2), states.get(3), states.get(4)]).toEqual(['accepted', 'pending', 'not-sent']);
  });

  it('refuses a file that is not a results file', async () => {
    const path = join(dir, 'd.jsonl');
    await writeFile(path, '{"to":"27821234567"}\n');
    await expect(readJournal(path)).rejects.toThrow(/not a clickwa results file/);
    await writeFile(path, '');
    await expect(readJournal(path)).rejects.toThrow(/holds no run/);
  });
});
