import postgres from 'postgres';

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
