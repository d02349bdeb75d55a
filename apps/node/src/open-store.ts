import { dirname, join } from 'node:path';
import type { Store } from '@clickwa/webhook';
import { createPostgresStore } from './postgres/create-postgres-store.ts';
import { createSqliteStore, type SqliteSynchronous } from './sqlite/create-sqlite-store.ts';

/** A store the Node gateway can stop. */
export interface ClosableStore extends Store {
  close(): Promise<void>;
}

/** Options of `openStore`. */
export interface OpenStoreOptions {
  /** A `postgres://` (or `postgresql://`) URL, or a SQLite file path. Default `.clickwa/gateway.db`. */
  readonly databaseUrl?: string;
  /** SQLite only: where media go. Default `media/` beside the database file. */
  readonly mediaDir?: string;
  readonly synchronous?: SqliteSynchronous;
  readonly busyTimeoutMs?: number;
}

/** The default database: a file in `.clickwa/` under the working directory. */
export const DEFAULT_DATABASE = join('.clickwa', 'gateway.db');

/** Whether a `DATABASE_URL` names Postgres rather than a SQLite file. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

/**
 * Opens (and migrates) the store a `DATABASE_URL` names: Postgres for a `postgres://` URL, else SQLite at that
 * path (a `file:` prefix is allowed).
 *
 * @example const store = await openStore({ databaseUrl: process.env.DATABASE_URL });
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<ClosableStore> {
  const url = options.databaseUrl || DEFAULT_DATABASE;
  if (isPostgresUrl(url)) {
    const store = createPostgresStore({ url });
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return createSqliteStore({
    path,
    mediaDir: options.mediaDir || join(dirname(path), 'media'),
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
  });
}
