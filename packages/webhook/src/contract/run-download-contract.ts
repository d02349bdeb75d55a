import { expect, it } from 'vitest';
import type { DownloadClaim, MediaDownload, Store } from '../store.ts';
import { inboundFiles, mediaFile, newId, newMsisdn } from './fixtures.ts';
import { runDownloadFaults } from './run-download-faults.ts';

const T0 = 1_700_000_000_000;
/** Later than anything another test leaves due. */
const LATER = T0 + 365 * 86_400_000;

/** Ends every download due by `now`, so a test sees only its own. */
async function settleAll(store: Store, now: number): Promise<void> {
  for (;;) {
    const claimed = await store.claimDownloads({ limit: 1000, leaseMs: 1, now });
    if (claimed.length === 0) return;
    for (const c of claimed)
      await store.recordDownload({ ...c, state: 'not-found', error: 'settled by the contract', at: now });
  }
}

const mine = (claims: readonly DownloadClaim[], keys: readonly string[]) =>
  claims.filter((c) => keys.includes(c.eventKey));

const byIndex = (downloads: readonly MediaDownload[]) =>
  [...downloads].sort((a, b) => a.eventKey.localeCompare(b.eventKey) || a.fileIndex - b.fileIndex);

/** The download tests of `runStoreContract`, inside its `describe`. */
export function downloadContract(makeStore: () => Store | Promise<Store>): void {
  it('schedules one pending download per file, once, however often and concurrently asked', async () => {
    const store = await makeStore();
    const key = `message:${newId()}`;
    const other = `message:${newId()}`;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        store.scheduleDownloads(
          [
            { eventKey: key, files: 3 },
            { eventKey: other, files: 1 },
          ],
          T0,
        ),
      ),
    );
    await store.scheduleDownloads([{ eventKey: key, files: 3 }], T0 + 99);
    const pending = {
      state: 'pending',
      attempts: 0,
      nextAttemptAt: T0,
      lastError: null,
      sha256: null,
      size: null,
      updatedAt: T0,
    };
    expect(byIndex(await store.getDownloads([key]))).toEqual(
      [0, 1, 2].map((fileIndex) => ({ eventKey: key, fileIndex, ...pending })),
    );
    expect(await store.getDownloads([key, other])).toHaveLength(4);
    expect(await store.getDownloads([`message:${newId()}`])).toEqual([]);
    expect(await store.getDownloads([])).toEqual([]);
  });

  it('leases due downloads, oldest due first: a claimed one comes back only when its lease ran out', async () => {
    const store = await makeStore();
    await settleAll(store, LATER);
    const early = `message:${newId()}`;
    const late = `message:${newId()}`;
    await store.scheduleDownloads([{ eventKey: late, files: 1 }], LATER + 500);
    await store.scheduleDownloads([{ eventKey: early, files: 2 }], LATER + 100);
    const keys = [early, late];
    expect(await store.claimDownloads({ limit: 10, leaseMs: 1000, now: LATER })).toEqual([]);
    const first = await store.claimDownloads({ limit: 2, leaseMs: 1000, now: LATER + 500 });
    expect(mine(first, keys).map((c) => [c.eventKey, c.fileIndex, c.attempts])).toEqual([
      [early, 0, 1],
      [early, 1, 1],
    ]);
    const second = await store.claimDownloads({ limit: 10, leaseMs: 1000, now: LATER + 600 });
    expect(mine(second, keys)).toEqual([{ eventKey: late, fileIndex: 0, attempts: 1 }]);
    expect(mine(await store.claimDownloads({ limit: 10, leaseMs: 1000, now: LATER + 1499 }), keys)).toEqual(
      [],
    );
    const again = await store.claimDownloads({ limit: 10, leaseMs: 1000, now: LATER + 1500 });
    expect(mine(again, keys).map((c) => [c.eventKey, c.fileIndex, c.attempts])).toEqual([
      [early, 0, 2],
      [early, 1, 2],
    ]);
    const [view] = (await store.getDownloads([early])).filter((d) => d.fileIndex === 0);
    expect(view).toMatchObject({ state: 'pending', attempts: 2, nextAttemptAt: LATER + 2500 });
    await settleAll(store, LATER + 10_000);
  });

  it('never hands one download to two concurrent claims', async () => {
    const store = await makeStore();
    await settleAll(store, LATER);
    const keys = Array.from({ length: 4 }, () => `message:${newId()}`);
    await store.scheduleDownloads(
      keys.map((eventKey) => ({ eventKey, files: 3 })),
      LATER,
    );
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => store.claimDownloads({ limit: 3, leaseMs: 60_000, now: LATER })),
    );
    const got = claims.flatMap((c) => mine(c, keys)).map((c) => `${c.eventKey}/${c.fileIndex}`);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toHaveLength(12);
    await settleAll(store, LATER + 120_000);
  });

  it('records each outcome on a pending download only: stored and ended downloads never change', async () => {
    const store = await makeStore();
    await settleAll(store, LATER);
    const key = `message:${newId()}`;
    await store.scheduleDownloads([{ eventKey: key, files: 3 }], LATER);
    await store.claimDownloads({ limit: 10, leaseMs: 1000, now: LATER });
    const sha256 = 'ab'.repeat(32);
    await store.recordDownload({
      eventKey: key,
      fileIndex: 0,
      state: 'stored',
      sha256,
      size: 10,
      at: LATER + 1,
    });
    await store.recordDownload({
      eventKey: key,
      fileIndex: 1,
      state: 'pending',
      nextAttemptAt: LATER + 30_000,
      error: 'HTTP 503',
      at: LATER + 2,
    });
    await store.recordDownload({
      eventKey: key,
      fileIndex: 2,
      state: 'hash-mismatch',
      error: 'other bytes',
      at: LATER + 3,
    });
    // Late and repeated outcomes: a lease that ran out, a second downloader.
    await store.recordDownload({
      eventKey: key,
      fileIndex: 0,
      state: 'not-found',
      error: 'late',
      at: LATER + 4,
    });
    await store.recordDownload({
      eventKey: key,
      fileIndex: 2,
      state: 'pending',
      nextAttemptAt: LATER,
      error: 'late',
      at: LATER + 5,
    });
    await store.scheduleDownloads([{ eventKey: key, files: 3 }], LATER + 6);
    const common = { eventKey: key, attempts: 1 };
    expect(byIndex(await store.getDownloads([key]))).toEqual([
      {
        ...common,
        fileIndex: 0,
        state: 'stored',
        nextAttemptAt: null,
        sha256,
        size: 10,
        updatedAt: LATER + 1,
        lastError: null,
      },
      {
        ...common,
        fileIndex: 1,
        state: 'pending',
        nextAttemptAt: LATER + 30_000,
        lastError: 'HTTP 503',
        sha256: null,
        size: null,
        updatedAt: LATER + 2,
      },
      {
        ...common,
        fileIndex: 2,
        state: 'hash-mismatch',
        nextAttemptAt: null,
        lastError: 'other bytes',
        sha256: null,
        size: null,
        updatedAt: LATER + 3,
      },
    ]);
    expect(mine(await store.claimDownloads({ limit: 10, leaseMs: 1, now: LATER + 29_999 }), [key])).toEqual(
      [],
    );
    expect(mine(await store.claimDownloads({ limit: 10, leaseMs: 1, now: LATER + 30_000 }), [key])).toEqual([
      { eventKey: key, fileIndex: 1, attempts: 2 },
    ]);
    await settleAll(store, LATER + 60_000);
  });

  it('keeps the downloads of a key with any characters apart from a key it starts with', async () => {
    const store = await makeStore();
    const id = newId();
    const keys = [`message:${id}`, `message:${id}%`, `message:${id}_`, `message:${id}:1`];
    await store.scheduleDownloads(
      keys.map((eventKey, i) => ({ eventKey, files: i + 1 })),
      T0,
    );
    for (const [i, key] of keys.entries()) expect(await store.getDownloads([key])).toHaveLength(i + 1);
  });

  it('keeps the promise of files sent by reference under storage, hand-off and download faults', async () => {
    const store = await makeStore();
    await settleAll(store, LATER);
    const report = await runDownloadFaults(store, { seed: 0xd0d0, messages: 24, failureRate: 0.3 });
    expect(report.stored).toBeGreaterThan(0);
    expect(report.violations).toEqual([]);
  });

  it('finds a stored message with files as it was written', async () => {
    const store = await makeStore();
    const message = inboundFiles(newMsisdn(), T0, [
      mediaFile('https://platform.clickatell.com/v1/media?fileId=a.jpeg', {
        byteSize: 12,
        declaredSha256: 'cd'.repeat(32),
      }),
      mediaFile('https://platform.clickatell.com/v1/media?fileId=b.pdf', {
        contentType: 'application/pdf',
        fileName: null,
      }),
    ]);
    expect(await store.insertEvents([message])).toEqual(['inserted']);
    expect(await store.getEvent(message.key)).toEqual(message);
  });
}
