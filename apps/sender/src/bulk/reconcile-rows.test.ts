import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayAnswer } from './gateway-lookup.ts';
import { readJournal } from './read-journal.ts';
import { reconcileRows } from './reconcile-rows.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clickwa-reconcile-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const RUN = {
  type: 'run',
  version: 1,
  runId: '0123456789abcdef0123456789abcdef',
  file: '/x/r.csv',
  format: 'csv',
  mapping: { kind: 'text', toColumn: 'to', text: 'Hi' },
  skipInvalid: false,
  fingerprint: '0011223344556677',
  rows: 4,
  startedAt: '2026-01-01T00:00:00.000Z',
};
const id = (line: number) => String(line).padStart(32, '0');
const row = (line: number, outcome: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ line, to: `2782000000${line}`, clientMessageId: id(line), outcome, ...extra });
const HOUR = 3_600_000;
const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

/** A gateway that knows the given ids, recording what it was asked. */
function gateway(known: readonly number[]) {
  const asked: string[] = [];
  const lookup = async (clientMessageId: string): Promise<GatewayAnswer> => {
    asked.push(clientMessageId);
    return known.some((l) => id(l) === clientMessageId)
      ? {
          found: true,
          messageId: 'f'.repeat(32),
          status: { code: 4, status: 'RECEIVED_BY_RECIPIENT', timestamp: T0 },
        }
      : { found: false };
  };
  return { asked, lookup };
}

describe('reconcileRows', () => {
  it('accepts what the gateway knows, resends only what is quiet past the period, appends only', async () => {
    const path = join(dir, 'a.jsonl');
    const lines = [
      JSON.stringify(RUN),
      row(2, 'pending', { at: at(T0) }),
      row(3, 'pending', { at: at(T0) }),
      row(4, 'pending', { at: at(T0 + 2 * HOUR) }),
      row(5, 'pending', { at: at(T0) }),
      row(2, 'unknown'),
      row(3, 'unknown', { at: at(T0 + HOUR / 2) }),
      row(5, 'accepted', { messageId: 'a'.repeat(32) }),
    ];
    await writeFile(path, `${lines.join('\n')}\n`);
    const before = await readFile(path, 'utf8');
    const { lookup, asked } = gateway([2]);
    const report = await reconcileRows({
      path,
      gateway: 'http://gw',
      lookup,
      resendAfterMs: HOUR,
      now: () => T0 + 1.25 * HOUR,
    });
    // 2: known. 3: sent at T0 but last unanswered at T0+30m: quiet for 45 min only. 4: sent later. 5: settled.
    expect(report).toMatchObject({
      unsettled: 3,
      accepted: 1,
      unanswered: 0,
      waiting: 2,
      guarded: 0,
      runSeen: true,
    });
    expect(report.nextAt).toBe(T0 + 1.5 * HOUR);
    expect(asked).toEqual([id(2), id(3), id(4)]);
    const later = await reconcileRows({
      path,
      gateway: 'http://gw',
      lookup,
      resendAfterMs: HOUR,
      now: () => T0 + 4 * HOUR,
    });
    expect(later).toMatchObject({ unsettled: 2, accepted: 0, unanswered: 2, waiting: 0 });
    const after = await readFile(path, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    const { states } = await readJournal(path);
    expect([2, 3, 4, 5].map((l) => states.get(l))).toEqual(['accepted', 'not-sent', 'not-sent', 'accepted']);
    expect(after).toMatch(/"type":"reconcile","at":"[^"]+","gateway":"http:\/\/gw","resendAfterMs":3600000/);
    expect(after).toMatch(
      /"outcome":"not-sent","error":\{"code":"unanswered","description":"No status callback reached http:\/\/gw within 3600 s of sending/,
    );
  });

  it('marks nothing to resend when the gateway knows no row of the run, asking the accepted rows too', async () => {
    const path = join(dir, 'b.jsonl');
    await writeFile(
      path,
      `${[JSON.stringify(RUN), row(2, 'pending', { at: at(T0) }), row(3, 'accepted', { messageId: 'a'.repeat(32) })].join('\n')}\n`,
    );
    const blind = gateway([]);
    const report = await reconcileRows({
      path,
      gateway: 'http://gw',
      lookup: blind.lookup,
      resendAfterMs: 0,
      now: () => T0,
    });
    expect(report).toMatchObject({ unsettled: 1, unanswered: 0, guarded: 1, runSeen: false });
    expect(blind.asked).toEqual([id(2), id(3)]);
    // The gateway that does know the run's accepted row proves it sees this run's callbacks.
    const seeing = gateway([3]);
    expect(
      await reconcileRows({
        path,
        gateway: 'http://gw',
        lookup: seeing.lookup,
        resendAfterMs: 0,
        now: () => T0,
      }),
    ).toMatchObject({
      unanswered: 1,
      runSeen: true,
    });
  });

  it("measures rows of an older file (no send times) from the file's last change", async () => {
    const path = join(dir, 'c.jsonl');
    await writeFile(path, `${[JSON.stringify(RUN), row(2, 'pending'), row(3, 'accepted')].join('\n')}\n`);
    await utimes(path, new Date(T0), new Date(T0));
    const { lookup } = gateway([3]);
    const early = await reconcileRows({
      path,
      gateway: 'http://gw',
      lookup,
      resendAfterMs: HOUR,
      now: () => T0 + HOUR - 1,
    });
    expect(early).toMatchObject({ waiting: 1, undated: 1, nextAt: T0 + HOUR });
    const late = await reconcileRows({
      path,
      gateway: 'http://gw',
      lookup,
      resendAfterMs: HOUR,
      now: () => T0 + HOUR,
    });
    expect(late).toMatchObject({ unanswered: 1, undated: 1 });
  });

  it('without a quiet period, only accepts', async () => {
    const path = join(dir, 'd.jsonl');
    await writeFile(path, `${[JSON.stringify(RUN), row(2, 'unknown', { at: at(T0) })].join('\n')}\n`);
    const { lookup } = gateway([]);
    expect(
      await reconcileRows({ path, gateway: 'http://gw', lookup, now: () => T0 + 100 * HOUR }),
    ).toMatchObject({
      waiting: 1,
      unanswered: 0,
    });
  });
});
