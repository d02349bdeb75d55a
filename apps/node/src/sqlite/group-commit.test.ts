import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

describe('createGroupCommit', () => {
  it('writes the callbacks of one turn in one transaction; a failing one is undone and rejected alone', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    const statements: string[] = [];
    const control = {
      exec: (sql: string) => {
        statements.push(sql);
        return db.exec(sql);
      },
      get inTransaction() {
        return db.inTransaction;
      },
    };
    const group = createGroupCommit(control);
    const insert = db.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
    const outcomes = await Promise.allSettled([
      group.enqueue(() => insert.run('a', 1).changes),
      group.enqueue(() => insert.run('b', null).changes),
      group.enqueue(() => insert.run('c', 3).changes),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(statements.filter((s) => !s.includes('write'))).toEqual(['BEGIN IMMEDIATE', 'COMMIT']);
    expect(db.prepare('SELECT k FROM t ORDER BY k').all()).toEqual([{ k: 'a' }, { k: 'c' }]);
    // The next turn is the next group.
    statements.length = 0;
    await group.enqueue(() => insert.run('d', 4));
    expect(statements.filter((s) => !s.includes('write'))).toEqual(['BEGIN IMMEDIATE', 'COMMIT']);
  });

  it('undoes every statement of a write that fails part way, and only that write', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    const group = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
    const outcomes = await Promise.allSettled([
      group.enqueue(() => [insert.run('a', 1).changes, insert.run('b', 2).changes]),
      group.enqueue(() => [insert.run('c', 3).changes, insert.run('d', null).changes]),
      group.enqueue(() => [insert.run('e', 5).changes]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT k FROM t ORDER BY k').all()).toEqual([{ k: 'a' }, { k: 'b' }, { k: 'e' }]);
  });

  it('rejects the whole group when the COMMIT fails, and keeps none of it', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
    const control = {
      exec: (sql: string) => {
        if (sql === 'COMMIT') throw new Error('disk I/O error');
        return db.exec(sql);
      },
      get inTransaction() {
        return db.inTransaction;
      },
    };
    const group = createGroupCommit(control);
    const insert = db.prepare('INSERT INTO t (k) VALUES (?)');
    const outcomes = await Promise.allSettled([
      group.enqueue(() => insert.run('a')),
      group.enqueue(() => insert.run('b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toMatchObject({ n: 0 });
  });
});
