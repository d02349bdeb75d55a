/** A free TCP port on 127.0.0.1. */
export declare function freePort(): Promise<number>;
/** Starts a throwaway Postgres cluster on a free port; `url` points at its `postgres` database. */
export declare function startEmbeddedPostgres(options?: {
  postgresFlags?: string[];
}): Promise<{ url: string; port: number; stop: () => Promise<void> }>;
