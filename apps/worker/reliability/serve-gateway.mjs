// The gateway in workerd for the reliability suite: Miniflare on a real loopback port, run as a process of
// its own so the suite can SIGKILL it (with workerd) and start it again on the same persisted state.
// Usage: node serve-gateway.mjs <bundle.js> <config.json>; prints {"url": ...} on its first stdout line.
import { readFileSync } from 'node:fs';
import { Miniflare } from 'miniflare';

const [bundlePath, configPath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const persist = config.persistDir
  ? {
      d1Persist: `${config.persistDir}/d1`,
      r2Persist: `${config.persistDir}/r2`,
      queuesPersist: `${config.persistDir}/queues`,
    }
  : {};
const mf = new Miniflare({
  modules: true,
  script: readFileSync(bundlePath, 'utf8'),
  compatibilityDate: config.compatibilityDate,
  host: '127.0.0.1',
  port: 0,
  d1Databases: { DB: 'reliability' },
  r2Buckets: { MEDIA: 'reliability-media' },
  queueProducers: { EVENTS: { queueName: 'clickwa-events' } },
  // GET /cdn-cgi/handler/scheduled fires the Cron Trigger's handler, as Cloudflare would.
  unsafeTriggerHandlers: true,
  bindings: config.bindings,
  ...persist,
});
const url = await mf.ready;
const db = await mf.getD1Database('DB');
const migrated = await db
  .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'outbox'")
  .first();
if (migrated.n === 0) {
  for (const migration of config.migrations) await db.batch(migration.queries.map((q) => db.prepare(q)));
}
process.stdout.write(`${JSON.stringify({ url: url.href })}\n`);
process.on('SIGTERM', async () => {
  await mf.dispose();
  process.exit(0);
});
