import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreContract } from '@clickwa/webhook/contract';
import { afterAll, inject } from 'vitest';
import { createPostgresStore } from '../src/postgres/create-postgres-store.ts';
import { createSqliteStore } from '../src/sqlite/create-sqlite-store.ts';
import { createDatabase } from './helpers/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'clickwa-contract-'));
const sqlite = createSqliteStore({ path: join(dir, 'gateway.db'), mediaDir: join(dir, 'media') });
runStoreContract('SQLite (libsql, WAL, synchronous FULL, group commit) + media directory', () => sqlite);

const postgres = createDatabase(inject('postgresUrl'), 'contract').then(async (url) => {
  const store = createPostgresStore({ url });
  await store.migrate();
  return store;
});
runStoreContract('Postgres', () => postgres);

afterAll(async () => {
  await sqlite.close();
  await (await postgres).close();
});
