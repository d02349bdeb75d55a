import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test run's Postgres cluster (its `postgres` database); tests make their own databases in it. */
    postgresUrl: string;
  }
}

/** One embedded Postgres cluster per test run, stopped when the run ends. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startEmbeddedPostgres();
  project.provide('postgresUrl', cluster.url);
  return cluster.stop;
}
