/** One write waiting for the next commit. */
interface Pending<T> {
  readonly write: () => T;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

/** The transaction control a group commit needs (a libsql `Database`). */
export interface TransactionControl {
  exec(sql: string): unknown;
}

/**
 * Group commit: the writes queued within one turn of the event loop run in one transaction, each inside its
 * own savepoint (a write that fails is rolled back alone and rejects alone), and each promise settles only
 * after the COMMIT, so an answer never goes out for a write that is not durable. One fsync serves them all.
 * A COMMIT that fails rejects every write of the group.
 */
export function createGroupCommit(db: TransactionControl): {
  enqueue<T>(write: () => T): Promise<T>;
  /** Resolves when no group is waiting. */
  idle(): Promise<void>;
} {
  let queue: Pending<unknown>[] = [];
  let scheduled: Promise<void> | undefined;

  function flush(): void {
    const group = queue;
    queue = [];
    scheduled = undefined;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    for (const p of group) {
      db.exec('SAVEPOINT w');
      try {
        outcomes.push({ ok: true, value: p.write() });
        db.exec('RELEASE w');
      } catch (error) {
        db.exec('ROLLBACK TO w');
        db.exec('RELEASE w');
        outcomes.push({ ok: false, error });
      }
    }
    try {
      db.exec('COMMIT');
    } catch (error) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // Already rolled back by SQLite.
      }
      for (const p of group) p.reject(error);
      return;
    }
    group.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }

  return {
    enqueue<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve, reject } as Pending<unknown>);
        scheduled ??= new Promise<void>((done) =>
          setImmediate(() => {
            flush();
            done();
          }),
        );
      });
    },
    idle: async () => {
      while (scheduled) await scheduled;
    },
  };
}
