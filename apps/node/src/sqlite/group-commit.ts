/** One write waiting for the next commit. */
interface Pending<T> {
  readonly write: () => T;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

/** The transaction control a group commit needs (a libsql `Database`). */
export interface TransactionControl {
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

/**
 * Group commit: the writes queued within one turn of the event loop run in one transaction, each under a
 * savepoint (one that fails is undone whole and alone, and rejects alone), and each promise settles only
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
      // A write may be several statements (the events of one body): under a savepoint, one that fails undoes
      // its own statements alone (their triggers included) and the transaction goes on. An I/O error may roll
      // the whole transaction back: then nothing of the group is kept, and nothing more runs outside it.
      try {
        db.exec('SAVEPOINT write');
        const value = p.write();
        db.exec('RELEASE write');
        outcomes.push({ ok: true, value });
      } catch (error) {
        if (!db.inTransaction) {
          for (const q of group) q.reject(error);
          return;
        }
        try {
          db.exec('ROLLBACK TO write');
          db.exec('RELEASE write');
        } catch (undo) {
          for (const q of group) q.reject(undo);
          try {
            db.exec('ROLLBACK');
          } catch {
            // Already rolled back by SQLite.
          }
          return;
        }
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
