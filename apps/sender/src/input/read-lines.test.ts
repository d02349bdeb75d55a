import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Line, LineTooLongError, readLines } from './read-lines.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clickwa-lines-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function lines(content: string | Uint8Array, options = {}): Promise<Line[]> {
  const path = join(dir, `f${Math.random()}`);
  await writeFile(path, content);
  const out: Line[] = [];
  for await (const l of readLines(path, options)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('numbers every line, blank ones too, with LF, CRLF and no final break', async () => {
    expect(await lines('a\r\n\nb\nc')).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: '' },
      { number: 3, text: 'b' },
      { number: 4, text: 'c' },
    ]);
  });

  it('drops a BOM and keeps characters split across chunks', async () => {
    const text = '\uFEFFto,name\n+27821234567,Zoë 😀\n';
    const got = await lines(new TextEncoder().encode(text), { chunkBytes: 3 });
    expect(got.map((l) => l.text)).toEqual(['to,name', '+27821234567,Zoë 😀']);
  });

  it('refuses a line longer than the limit instead of filling memory', async () => {
    await expect(lines('x'.repeat(100), { chunkBytes: 8, maxLineLength: 50 })).rejects.toBeInstanceOf(
      LineTooLongError,
    );
  });

  it('reads an empty file as no lines', async () => {
    expect(await lines('')).toEqual([]);
  });
});
