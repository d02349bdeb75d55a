import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireRunLock, RunLockedError } from './run-lock.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clickwa-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('acquireRunLock', () => {
  it('refuses a second run while the first holds the lock, and frees it on release', async () => {
    const path = join(dir, 'a.jsonl');
    const lock = await acquireRunLock(path);
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8')).pid).toBe(process.pid);
    await expect(acquireRunLock(path)).rejects.toBeInstanceOf(RunLockedError);
    await lock.release();
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
    await (await acquireRunLock(path)).release();
  });

  it('takes over the lock of a process that is gone (a run killed with SIGKILL)', async () => {
    const path = join(dir, 'b.jsonl');
    // Pids are below 2^22 on Linux: this one cannot exist.
    await writeFile(`${path}.lock`, JSON.stringify({ pid: 2 ** 30 }));
    const lock = await acquireRunLock(path);
    await lock.release();
  });

  it('takes over a lock not touched for staleMs when its process cannot be checked', async () => {
    const path = join(dir, 'c.jsonl');
    await writeFile(`${path}.lock`, 'not json');
    await expect(acquireRunLock(path, { staleMs: 60_000 })).rejects.toBeInstanceOf(RunLockedError);
    await new Promise((r) => setTimeout(r, 30));
    const lock = await acquireRunLock(path, { staleMs: 10 });
    await lock.release();
  });
});
