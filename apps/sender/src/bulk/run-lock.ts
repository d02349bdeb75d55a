import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import process from 'node:process';
import { isAlreadyExists } from '../fs-error.ts';

/** A held lock; see `acquireRunLock`. */
export interface RunLock {
  release(): Promise<void>;
}

/** Another live run holds the results file. */
export class RunLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly pid: number | undefined,
  ) {
    super(
      `another clickwa run${pid === undefined ? '' : ` (pid ${pid})`} is using this results file; ` +
        `if none is running, delete ${lockPath}`,
    );
    this.name = 'RunLockedError';
  }
}

/** Options of `acquireRunLock`. */
export interface RunLockOptions {
  /** How often the holder touches the lock. Default 2 s. */
  readonly heartbeatMs?: number;
  /** A lock untouched for this long is stale (its holder was killed). Default 10 s. */
  readonly staleMs?: number;
}

// true: the process exists; false: it does not; undefined: cannot tell. Deno is not asked: signalling
// needs --allow-run there, and an interactive Deno would stop to prompt for it; the heartbeat decides instead.
function alive(pid: number): boolean | undefined {
  if ('Deno' in globalThis) return undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ESRCH') return false;
    return code === 'EPERM' ? true : undefined;
  }
}

// The lock's holder and how long ago it touched the lock; undefined when the lock has just gone.
async function holder(lockPath: string): Promise<{ pid?: number; ageMs: number } | undefined> {
  let ageMs: number;
  try {
    ageMs = Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return undefined;
  }
  try {
    const pid = Number((JSON.parse(await readFile(lockPath, 'utf8')) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? { pid, ageMs } : { ageMs };
  } catch {
    return { ageMs };
  }
}

/**
 * Makes sure one run at a time writes a results file: two processes resuming the same campaign would each
 * send the rows the other has not recorded yet. The lock is `<results>.lock` with the holder's pid,
 * touched every `heartbeatMs`. A lock whose process is gone (a run killed with SIGKILL), or that was not
 * touched for `staleMs` when that cannot be told, is taken over; a live one is refused.
 */
export async function acquireRunLock(resultsPath: string, options: RunLockOptions = {}): Promise<RunLock> {
  const lockPath = `${resultsPath}.lock`;
  const staleMs = options.staleMs ?? 10_000;
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(lockPath, 'wx');
      await file.writeFile(JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
      await file.close();
      break;
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const held = await holder(lockPath);
      if (attempt >= 2) throw new RunLockedError(lockPath, held?.pid);
      if (!held) continue;
      const gone = held.pid !== undefined && alive(held.pid) === false;
      if (!gone && held.ageMs <= staleMs) throw new RunLockedError(lockPath, held.pid);
      await unlink(lockPath).catch(() => {});
    }
  }
  const timer = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => {});
  }, options.heartbeatMs ?? 2_000);
  return {
    async release() {
      clearInterval(timer);
      await unlink(lockPath).catch(() => {});
    },
  };
}
