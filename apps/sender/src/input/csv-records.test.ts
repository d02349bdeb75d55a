import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.ts';

async function parse(text: string, delimiter?: string) {
  async function* lines() {
    let number = 0;
    for (const t of text.split('\n')) yield { number: ++number, text: t };
  }
  const out: unknown[] = [];
  for await (const r of csvRecords(lines(), delimiter)) out.push(r);
  return out;
}

describe('csvRecords', () => {
  it('splits plain rows and skips blank lines', async () => {
    expect(await parse('to,name\n\n+27821234567,Ann')).toEqual([
      { line: 1, fields: ['to', 'name'] },
      { line: 3, fields: ['+27821234567', 'Ann'] },
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, numbered by their first line', async () => {
    expect(await parse('a,"b, c","say ""hi""\nthere"\nd,e,f')).toEqual([
      { line: 1, fields: ['a', 'b, c', 'say "hi"\nthere'] },
      { line: 3, fields: ['d', 'e', 'f'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted field as text', async () => {
    expect(await parse('5" screen,x')).toEqual([{ line: 1, fields: ['5" screen', 'x'] }]);
  });

  it('reports a quote left open at the end of the file', async () => {
    expect(await parse('a,"b\nc')).toEqual([
      { line: 1, problem: 'a quoted field is not closed before the end of the file' },
    ]);
  });

  it('takes another delimiter', async () => {
    expect(await parse('a;"b;c"', ';')).toEqual([{ line: 1, fields: ['a', 'b;c'] }]);
  });
});
