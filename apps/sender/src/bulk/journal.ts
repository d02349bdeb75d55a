import { type FileHandle, open } from 'node:fs/promises';

/** An append-only results file; see `openJournal`. */
export interface Journal {
  readonly path: string;
  /** Queues text (whole lines) for appending, in call order; a failure surfaces at the next `flush`. */
  write(text: string): void;
  /** Waits for every queued write; rejects with the first write failure, if any. */
  flush(): Promise<void>;
  /** Writes, then waits until the file is on disk (`FileHandle.sync`). */
  writeDurably(text: string): Promise<void>;
  /** Flushes, syncs and closes. */
  close(): Promise<void>;
}

/**
 * Opens the results file for appending. `create: true` refuses an existing file (a second run must not
 * interleave with the first); `create: false` continues one, adding a line break first if the last line was
 * cut by a crash, so the next record starts on a line of its own.
 *
 * Writes are chained, so records land in call order. After the first failure (disk full...) nothing more is
 * written and every `flush` rejects, so a caller that waits for `writeDurably` before sending can never send a
 * row without its record.
 */
export async function openJournal(path: string, options: { create: boolean }): Promise<Journal> {
  const file: FileHandle = await open(path, options.create ? 'wx' : 'a+');
  let tail: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const write = (text: string): void => {
    tail = tail.then(async () => {
      if (failure) return;
      try {
        await file.write(text);
      } catch (error) {
        failure = { error };
      }
    });
  };
  const flush = async (): Promise<void> => {
    await tail;
    if (failure) throw failure.error;
  };
  if (!options.create) {
    const { size } = await file.stat();
    if (size > 0) {
      const last = new Uint8Array(1);
      await file.read(last, 0, 1, size - 1);
      if (last[0] !== 10) write('\n');
    }
  }
  return {
    path,
    write,
    flush,
    async writeDurably(text) {
      write(text);
      await flush();
      await file.sync();
    },
    async close() {
      try {
        await flush();
        await file.sync();
      } finally {
        await file.close();
      }
    },
  };
}
