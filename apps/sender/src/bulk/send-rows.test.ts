import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickwa/core';
import { createEmulator } from '@clickwa/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageIds } from '../message-id.ts';
import { openJournal } from './journal.ts';
import { createLineSet } from './line-set.ts';
import { compileMapping } from './row-mapping.ts';
import { createRowStates } from './row-states.ts';
import { type SendRowsOptions, sendRows } from './send-rows.ts';

const API_KEY = 'send-rows-key';
const RUN_ID = '00112233445566778899aabbccddeeff';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clickwa-send-rows-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function csv(name: string, rows: number, bad: number[] = []): Promise<string> {
  let text = 'to,name\n';
  for (let i = 0; i < rows; i++)
    text += `${bad.includes(i) ? '0821234567' : `+2782${String(i).padStart(7, '0')}`},N${i}\n`;
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

// Result lines may be mid-write while a request reads the file: a cut last line is skipped.
const records = async (path: string) => {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  return lines.flatMap((l, i) => {
    try {
      return [
        JSON.parse(l) as {
          line: number;
          outcome: string;
          clientMessageId: string;
          error?: { code: unknown };
        },
      ];
    } catch (error) {
      if (i === lines.length - 1) return [];
      throw error;
    }
  });
};

function setup(path: string, journalPath: string, fetch: typeof globalThis.fetch) {
  const client = createClient({
    apiKey: API_KEY,
    baseUrl: 'http://emulator.test',
    fetch,
    retry: { baseMs: 1, maxMs: 2 },
  });
  return async (extra: Partial<SendRowsOptions> = {}) => {
    const journal = await openJournal(journalPath, { create: false });
    const states = extra.states ?? createRowStates();
    const counts = await sendRows({
      client,
      path,
      format: 'csv',
      mapper: compileMapping({ kind: 'text', toColumn: 'to', text: 'Hi {{name}}' }, 'csv'),
      states,
      invalid: createLineSet(),
      journal,
      idOf: createMessageIds(RUN_ID),
      chunkRows: 50,
      ...extra,
    });
    await journal.close();
    return { counts, states };
  };
}

describe('sendRows', () => {
  it('records every row pending, on disk, before any request carrying it leaves', async () => {
    const emulator = createEmulator({ apiKey: API_KEY, callbacks: false, seed: 1 });
    const path = await csv('a.csv', 1_000);
    const journalPath = join(dir, 'a.jsonl');
    let requests = 0;
    const checkingFetch = (async (url: string, init: RequestInit) => {
      requests++;
      const pending = new Set(
        (await records(journalPath)).filter((r) => r.outcome === 'pending').map((r) => r.clientMessageId),
      );
      const body = JSON.parse(String(init.body)) as { messages: { clientMessageId: string }[] };
      for (const m of body.messages) expect(pending.has(m.clientMessageId)).toBe(true);
      return emulator.fetch(url, init);
    }) as typeof fetch;
    await writeFile(journalPath, '');
    const { counts } = await setup(path, journalPath, checkingFetch)();
    expect(counts).toEqual({
      accepted: 1_000,
      rejected: 0,
      unknown: 0,
      'not-sent': 0,
      settledThisPass: 1_000,
      rejectedRetryable: 0,
    });
    expect(requests).toBe(5);
    const final = new Map((await records(journalPath)).map((r) => [r.line, r.outcome]));
    expect(final.size).toBe(1_000);
    expect([...final.values()].every((o) => o === 'accepted')).toBe(true);
    emulator.close();
  });

  it('on resume, skips rows with an outcome, turns pending into unknown, and sends the rest once', async () => {
    const emulator = createEmulator({ apiKey: API_KEY, callbacks: false, seed: 2 });
    const path = await csv('b.csv', 300);
    const journalPath = join(dir, 'b.jsonl');
    await writeFile(journalPath, '');
    const states = createRowStates();
    for (let line = 2; line <= 101; line++) states.set(line, 'accepted');
    states.set(102, 'pending');
    states.set(103, 'unknown');
    states.set(104, 'rejected');
    states.set(105, 'not-sent');
    // A 901 that outlasted its retries: certainly not accepted, and may succeed now.
    states.set(106, 'rejected-retryable');
    const reconcile: number[] = [];
    const { counts } = await setup(
      path,
      journalPath,
      emulator.fetch as typeof fetch,
    )({
      states,
      onReconcile: (r) => reconcile.push(r.line),
    });
    expect(counts).toEqual({
      accepted: 100 + 197,
      rejected: 1,
      unknown: 2,
      'not-sent': 0,
      settledThisPass: 197,
      rejectedRetryable: 0,
    });
    expect(reconcile).toEqual([102, 103]);
    const written = await records(journalPath);
    expect(written.find((r) => r.line === 102)).toMatchObject({
      outcome: 'unknown',
      error: { code: 'interrupted' },
    });
    const sentLines = new Set(written.filter((r) => r.outcome === 'accepted').map((r) => r.line));
    expect(sentLines.size).toBe(197);
    expect([...sentLines].every((l) => l >= 105)).toBe(true);
    expect(sentLines.has(105) && sentLines.has(106)).toBe(true);
    emulator.close();
  });

  it('on abort, records rows that never reached the client as not-sent', async () => {
    const emulator = createEmulator({ apiKey: API_KEY, callbacks: false, seed: 3 });
    const path = await csv('c.csv', 2_000);
    const journalPath = join(dir, 'c.jsonl');
    await writeFile(journalPath, '');
    const controller = new AbortController();
    let calls = 0;
    const abortingFetch = (async (url: string, init: RequestInit) => {
      if (++calls === 3) controller.abort();
      return emulator.fetch(url, init);
    }) as typeof fetch;
    const { counts, states } = await setup(
      path,
      journalPath,
      abortingFetch,
    )({ signal: controller.signal, concurrency: 1 });
    const total = counts.accepted + counts.rejected + counts.unknown + counts['not-sent'];
    expect(total).toBeLessThan(2_000);
    expect(counts.accepted).toBeGreaterThanOrEqual(200);
    // Every row that got a pending line has a later outcome, except at most the one the client may have taken.
    const final = new Map<number, string>();
    for (const r of await records(journalPath)) final.set(r.line, r.outcome);
    const stillPending = [...final.values()].filter((o) => o === 'pending').length;
    expect(stillPending).toBeLessThanOrEqual(1);
    for (const [line, outcome] of final) if (outcome !== 'pending') expect(states.get(line)).toBe(outcome);
    emulator.close();
  });

  it('records a rejection that is safe to resend as such, and says so once for a missing Deno permission', async () => {
    const emulator = createEmulator({ apiKey: API_KEY, callbacks: false, seed: 4 });
    const path = await csv('d.csv', 100);
    const journalPath = join(dir, 'd.jsonl');
    await writeFile(journalPath, '');
    const faulting = (async (url: string, init: RequestInit) =>
      emulator.fetch(url, {
        ...init,
        headers: { ...(init.headers as object), 'X-Emulator-Fault': '901' },
      })) as typeof fetch;
    const client = createClient({
      apiKey: API_KEY,
      baseUrl: 'http://emulator.test',
      fetch: faulting,
      maxRetries: 0,
    });
    const { counts, states } = await setup(path, journalPath, faulting)({ client });
    expect(counts).toMatchObject({ rejected: 100, rejectedRetryable: 100 });
    expect(states.get(2)).toBe('rejected-retryable');
    expect((await records(journalPath)).at(-1)).toMatchObject({
      outcome: 'rejected',
      error: { code: 901, retryable: true },
    });

    // Deno without --allow-net: fetch throws NotCapable; the run is told once, with the permission named.
    const denyingPath = join(dir, 'e.jsonl');
    await writeFile(denyingPath, '');
    const denying = (async () => {
      throw Object.assign(
        new Error('Requires net access to "emulator.test:80", run again with the --allow-net flag'),
        {
          name: 'NotCapable',
        },
      );
    }) as typeof fetch;
    const denials: unknown[] = [];
    await setup(
      path,
      denyingPath,
      denying,
    )({
      client: createClient({
        apiKey: API_KEY,
        baseUrl: 'http://emulator.test',
        fetch: denying,
        maxRetries: 0,
      }),
      onDenied: (d) => denials.push(d),
    });
    expect(denials).toEqual([
      { permission: 'net', target: 'emulator.test:80', message: expect.stringMatching(/--allow-net/) },
    ]);
    emulator.close();
  });
});
