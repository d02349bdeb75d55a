// 5,000 rows through the emulator's Node runner with 20 % of requests faulted (901, 500, 429, resets before
// and after acceptance): every row must end accepted, rejected with a code, or unknown, and nothing may be
// accepted twice, also across a run killed with SIGKILL halfway and resumed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runClickwa, spawnClickwa } from './helpers/clickwa.ts';
import { type EmulatorProcess, type EmulatorStats, startEmulator } from './helpers/emulator.ts';
import { numberOf, type ResultLine, readResults, writeRecipients } from './helpers/files.ts';

const API_KEY = 'sender-chaos-key';
const ROWS = 5_000;
const CHAOS = ['--chaos', '0.2', '--chaos-kinds', '901,500,429,reset-before,reset-after'];
const MAPPING = ['--template', 'payment_alert', '--param-column', 'amount', '--param-column', 'ref'];

let emulator: EmulatorProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function setup(seed: string) {
  emulator = await startEmulator(API_KEY, ['--seed', seed, ...CHAOS]);
  const cwd = await mkdtemp(join(tmpdir(), 'clickwa-chaos-'));
  dir = cwd;
  await writeRecipients(join(cwd, 'campaign.csv'), ROWS);
  const env = { CLICKATELL_API_KEY: API_KEY, CLICKATELL_BASE_URL: emulator.url };
  return { cwd, env, emulator };
}

/** The checks both scenarios share: final outcomes, and the emulator's counts against them. */
function expectSafe(final: Map<number, ResultLine>, stats: EmulatorStats) {
  expect(final.size).toBe(ROWS);
  for (let line = 2; line <= ROWS + 1; line++) {
    const row = final.get(line)!;
    expect(row.to).toBe(numberOf(line - 2));
    expect(['accepted', 'rejected', 'unknown']).toContain(row.outcome);
    if (row.outcome === 'rejected') expect(row.error?.code).toBeDefined();
    // What the journal calls accepted, the platform accepted exactly once.
    if (row.outcome === 'accepted') expect(stats.acceptedByClientMessageId[row.clientMessageId]).toBe(1);
  }
  expect(stats.countsTruncated).toBe(false);
  expect(stats.repeatedClientMessageIds).toEqual([]);
  expect(Object.values(stats.acceptedByRecipient).every((n) => n === 1)).toBe(true);
  // Whatever the platform accepted is accepted or unknown in the journal: never rejected, never to be resent.
  const byId = new Map([...final.values()].map((r) => [r.clientMessageId, r.outcome]));
  for (const id of Object.keys(stats.acceptedByClientMessageId))
    expect(['accepted', 'unknown']).toContain(byId.get(id));
}

describe('bulk under chaos', () => {
  it('settles all 5,000 rows, none accepted twice', async () => {
    const { cwd, env, emulator } = await setup('chaos-full');
    const r = await runClickwa('node', ['bulk', '--file', 'campaign.csv', ...MAPPING], { cwd, env });
    expect(r.stderr).not.toMatch(/clickwa:/);
    const { final } = await readResults(join(cwd, 'results.jsonl'));
    const stats = await emulator.stats();
    expectSafe(final, stats);
    // The faults happened, and the run reported them rather than hiding them.
    expect(Object.values(stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const unknown = [...final.values()].filter((x) => x.outcome === 'unknown').length;
    expect(r.code).toBe(unknown > 0 || stats.messages.accepted < ROWS ? 1 : 0);
    // The summary agrees with the results file.
    const count = (outcome: string) => [...final.values()].filter((x) => x.outcome === outcome).length;
    const summary = /^5,000 rows: accepted ([\d,]+), rejected ([\d,]+), unknown ([\d,]+), not sent 0$/m.exec(
      r.stdout,
    );
    expect(summary?.slice(1).map((n) => Number(n.replaceAll(',', '')))).toEqual([
      count('accepted'),
      count('rejected'),
      count('unknown'),
    ]);
  });

  it('resumes a run killed with SIGKILL halfway and finishes the rest, none accepted twice', async () => {
    const { cwd, env, emulator } = await setup('chaos-kill');
    const resultsPath = join(cwd, 'results.jsonl');
    const child = spawnClickwa('node', ['bulk', '--file', 'campaign.csv', ...MAPPING, '--concurrency', '1'], {
      cwd,
      env,
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    // Kill once about half the rows have a result line.
    for (;;) {
      const text = await readFile(resultsPath, 'utf8').catch(() => '');
      const settled = text.split('"outcome":"').length - 1 - (text.split('"outcome":"pending"').length - 1);
      if (settled >= ROWS / 2) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = await readResults(resultsPath);
    const pendingAtKill = [...before.final.values()]
      .filter((x) => x.outcome === 'pending')
      .map((x) => x.line);
    expect(before.final.size).toBeLessThan(ROWS);
    expect(pendingAtKill.length).toBeGreaterThan(0);

    const resumed = await runClickwa('node', ['bulk', '--resume', 'results.jsonl'], { cwd, env });
    expect(resumed.stderr).not.toMatch(/clickwa:/);
    const after = await readResults(resultsPath);
    const stats = await emulator.stats();
    expectSafe(after.final, stats);
    // Rows pending at the kill were not sent again: they are unknown, listed for reconciliation.
    for (const line of pendingAtKill) expect(after.final.get(line)!.outcome).toBe('unknown');
    expect(resumed.stdout).toMatch(/unknown rows \(may have been accepted/);
    // Rows the first run never reached were sent by the resume.
    const untouched = [...Array(ROWS).keys()].map((i) => i + 2).filter((line) => !before.final.has(line));
    expect(untouched.length).toBeGreaterThan(ROWS / 5);
    const sentByResume = untouched.filter((line) => after.final.get(line)!.outcome === 'accepted').length;
    expect(sentByResume).toBeGreaterThan(untouched.length / 2);
  });
});

describe('bulk under chaos, One API', () => {
  it('resumes a One API run killed with SIGKILL halfway, with the API it started with, none accepted twice', async () => {
    emulator = await startEmulator(API_KEY, ['--api', 'one', '--seed', 'one-api-kill', ...CHAOS]);
    const cwd = await mkdtemp(join(tmpdir(), 'clickwa-chaos-one-'));
    dir = cwd;
    const rows = 2_000;
    await writeRecipients(join(cwd, 'campaign.csv'), rows);
    const env = { CLICKATELL_API_KEY: API_KEY, CLICKATELL_BASE_URL: emulator.url };
    const resultsPath = join(cwd, 'results.jsonl');
    const child = spawnClickwa(
      'node',
      ['bulk', '--api', 'one', '--file', 'campaign.csv', ...MAPPING, '--concurrency', '1'],
      {
        cwd,
        env,
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    for (;;) {
      const text = await readFile(resultsPath, 'utf8').catch(() => '');
      const settled = text.split('"outcome":"').length - 1 - (text.split('"outcome":"pending"').length - 1);
      if (settled >= rows / 2) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(JSON.parse((await readFile(resultsPath, 'utf8')).split('\n')[0]!)).toMatchObject({
      type: 'run',
      api: 'one',
    });
    // Another API than the run's is refused; without --api the run's own is used.
    const wrong = await runClickwa('node', ['bulk', '--resume', 'results.jsonl', '--api', 'wa'], {
      cwd,
      env,
    });
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringMatching(/started with --api one/)]);
    const resumed = await runClickwa('node', ['bulk', '--resume', 'results.jsonl'], { cwd, env });
    expect(resumed.stderr).not.toMatch(/clickwa:/);
    const { final } = await readResults(resultsPath);
    const stats = await emulator.stats();
    expect(final.size).toBe(rows);
    for (const row of final.values()) {
      expect(['accepted', 'rejected', 'unknown']).toContain(row.outcome);
      if (row.outcome === 'accepted') expect(stats.acceptedByClientMessageId[row.clientMessageId]).toBe(1);
    }
    expect(stats.repeatedClientMessageIds).toEqual([]);
    expect(Object.values(stats.acceptedByRecipient).every((n) => n === 1)).toBe(true);
    expect([...final.values()].filter((r) => r.outcome === 'accepted').length).toBeGreaterThan(rows / 2);
  });
});
