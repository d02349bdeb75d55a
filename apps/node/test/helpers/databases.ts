import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@clickwa/webhook';
import postgres from 'postgres';
import { createPostgresStore } from '../../src/postgres/create-postgres-store.ts';
import { createSqliteStore } from '../../src/sqlite/create-sqlite-store.ts';

let counter = 0;

/** A new, empty database in the test run's cluster, for one test file; answers its URL. */
export async function createDatabase(clusterUrl: string, name: string): Promise<string> {
  const database = `${name}_${process.pid}_${++counter}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${database}`;
  return url.href;
}

/**
 * A SQLite store in a temporary directory and a migrated Postgres store in a new database of the cluster, for
 * one test file: `[name, open]` pairs for `describe.each`, and `close` for `afterAll`.
 */
export function bothStores(clusterUrl: string, name: string) {
  const dir = mkdtempSync(join(tmpdir(), `clickwa-${name}-`));
  const sqlite = createSqliteStore({ path: join(dir, `${name}.db`), mediaDir: join(dir, 'media') });
  const pg = createDatabase(clusterUrl, name).then(async (url) => {
    const store = createPostgresStore({ url });
    await store.migrate();
    return store;
  });
  return {
    stores: [
      ['SQLite', async () => sqlite as Store],
      ['Postgres', async () => (await pg) as Store],
    ] as [string, () => Promise<Store>][],
    close: async () => {
      await sqlite.close();
      await (await pg).close();
    },
  };
}
