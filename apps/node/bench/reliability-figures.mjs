// Reliability figures of the Node gateway, at larger counts than its tests (test/two-instances.test.ts,
// test/sigkill.test.ts) and printed as Markdown for RELIABILITY.md: the `clickwa-gateway` server (built
// dist/server.js) as child processes, a signed-webhook receiver, an embedded Postgres. MESSAGES lifecycles of
// four statuses, a quarter sent twice, shuffled. Exits 1 when a promise broke.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng, shuffle } from '@clickwa/webhook/contract';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER = join(here, '..', 'dist', 'server.js');
const MESSAGES = Number(process.env.MESSAGES ?? 1000);
const SECRET = `whsec_${Buffer.from('clickwa-reliability-forward-key!').toString('base64')}`;
const CALLBACK = { username: 'clickatell', password: 'reliability-password' };
const API_TOKEN = 'reliability-token';
const dir = mkdtempSync(join(tmpdir(), 'clickwa-node-reliability-'));
let broken = false;

// The business's endpoint: counts deliveries by webhook-id, checks signatures.
const counts = new Map();
let badSignatures = 0;
const key = Buffer.from(SECRET.slice(6), 'base64');
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    const id = req.headers['webhook-id'];
    const mac = createHmac('sha256', key)
      .update(`${id}.${req.headers['webhook-timestamp']}.${body}`)
      .digest('base64');
    if (req.headers['webhook-signature'] !== `v1,${mac}`) badSignatures++;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    res.writeHead(204).end();
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const forward = `http://127.0.0.1:${receiver.address().port}/events`;

function start(env) {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      API_TOKEN,
      CALLBACK_USERNAME: CALLBACK.username,
      CALLBACK_PASSWORD: CALLBACK.password,
      FORWARD_URL: forward,
      FORWARD_SECRET: SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      const stop = (signal = 'SIGTERM') => {
        child.kill(signal);
        return exited;
      };
      if (m) resolve({ url: m[1], stop });
    });
  });
}

function storm(prefix, seed) {
  const random = prng(seed);
  const distinct = [];
  for (let i = 0; i < MESSAGES; i++)
    for (const [step, statusCode] of [2, 3, 4, 27].entries())
      distinct.push({
        messageId: `${prefix}${i}`,
        statusCode,
        timestamp: 1_760_000_000_000 + i + step * 60_000,
      });
  return { distinct, sends: shuffle([...distinct, ...distinct.filter(() => random() < 0.25)], random) };
}
const keyOf = (c) => `status:${c.messageId}:${c.statusCode}:${c.timestamp}`;

async function send(urls, sends, concurrency, onAck) {
  const acked = new Set();
  let next = 0;
  let failed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < sends.length) {
        const i = next++;
        try {
          const r = await fetch(`${urls[i % urls.length]}/clickatell/status`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...sends[i], ...CALLBACK }),
          });
          await r.arrayBuffer();
          if (r.status === 200) acked.add(keyOf(sends[i]));
          else failed++;
        } catch {
          failed++;
        }
        onAck?.(acked.size);
      }
    }),
  );
  return { acked, failed, seconds: (Date.now() - started) / 1000 };
}

async function waitHandedOff(keys) {
  const deadline = Date.now() + 120_000;
  while (keys.some((k) => !counts.has(k)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
}

const check = (what, target, ok, result) => {
  if (!ok) broken = true;
  return `| ${what} | ${target} | ${result} |`;
};

const pg = await startEmbeddedPostgres();
const lines = [];
async function database(name) {
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  return pg.url.replace(/\/postgres$/, `/${name}`);
}

try {
  // Two instances on one Postgres.
  {
    const url = await database('twins');
    const env = { DATABASE_URL: url };
    const [a, b] = await Promise.all([start(env), start(env)]);
    const { distinct, sends } = storm('twin', 0x2222);
    const r = await send([a.url, b.url], sends, 64);
    const codes = await Promise.all([a.stop(), b.stop()]);
    const sql = postgres(url, { max: 1 });
    const [e] = await sql`SELECT count(*)::int AS n FROM events`;
    const [o] =
      await sql`SELECT count(*) FILTER (WHERE done_at IS NULL)::int AS pending, max(attempts)::int AS attempts FROM outbox`;
    await sql.end();
    const once = distinct.filter((c) => counts.get(keyOf(c)) === 1).length;
    lines.push(
      '### two instances on one Postgres under a storm',
      '',
      `${sends.length} status callbacks (${distinct.length} distinct, ${MESSAGES} messages), shuffled, alternating between two \`clickwa-gateway\` processes, 64 in flight, sent in ${r.seconds.toFixed(1)} s; both stopped with SIGTERM (exit ${codes.join(', ')})`,
      '',
      '| what it checks | target | result |',
      '| --- | --- | --- |',
      check(
        'answers other than 200',
        '0',
        r.failed === 0 && r.acked.size === distinct.length,
        String(r.failed),
      ),
      check('events stored', `${distinct.length}, once each`, e.n === distinct.length, String(e.n)),
      check(
        'outbox entries claimed more than once (SKIP LOCKED)',
        '0',
        o.attempts === 1,
        `max attempts ${o.attempts}`,
      ),
      check('outbox entries pending after the graceful stops', '0', o.pending === 0, String(o.pending)),
      check(
        'events handed off exactly once (signed webhook)',
        'every one',
        once === distinct.length,
        `${once} of ${distinct.length}`,
      ),
      '',
    );
  }
  // SIGKILL mid-storm, on each store.
  for (const store of ['sqlite', 'postgres']) {
    const env = {
      DATABASE_URL: store === 'sqlite' ? join(dir, 'gateway.db') : await database('sigkill'),
      OUTBOX_LEASE_MS: '1000',
      OUTBOX_DRAIN_INTERVAL_MS: '200',
    };
    const first = await start(env);
    const { sends } = storm(`kill${store}`, 0x5161);
    const killAt = Math.floor(sends.length / 2);
    let killed;
    const r = await send([first.url], sends, 32, (n) => {
      if (n >= killAt && !killed) killed = first.stop('SIGKILL');
    });
    await killed;
    const second = await start(env);
    const keys = [...r.acked];
    let missing = 0;
    for (let i = 0; i < keys.length; i += 64) {
      const found = await Promise.all(
        keys.slice(i, i + 64).map(async (k) => {
          const res = await fetch(`${second.url}/api/events/${encodeURIComponent(k)}`, {
            headers: { authorization: `Bearer ${API_TOKEN}` },
          });
          return res.status === 200 && (await res.json()).key === k;
        }),
      );
      missing += found.filter((f) => !f).length;
    }
    await waitHandedOff(keys);
    const notHanded = keys.filter((k) => !counts.has(k)).length;
    const code = await second.stop();
    lines.push(
      `### SIGKILL mid-storm on ${store === 'sqlite' ? 'SQLite (synchronous FULL, group commit)' : 'Postgres'}`,
      '',
      `${sends.length} sends, 32 in flight; SIGKILL after ${killAt} acknowledged (${r.acked.size} acknowledged in all, ${r.failed} failed with the process gone); restarted on the same ${store === 'sqlite' ? 'file' : 'database'} (lease 1 s), stopped with SIGTERM (exit ${code})`,
      '',
      '| what it checks | target | result |',
      '| --- | --- | --- |',
      check(
        'acknowledged callbacks readable after the restart (`GET /api/events/:key`)',
        'every one',
        missing === 0,
        `${keys.length - missing} of ${keys.length}`,
      ),
      check(
        'acknowledged callbacks handed off (signed webhook), claims of the killed process included',
        'every one',
        notHanded === 0,
        `${keys.length - notHanded} of ${keys.length}`,
      ),
      '',
    );
  }
} finally {
  await pg.stop();
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
}
lines.push(
  check('webhook signatures that did not verify', '0', badSignatures === 0, String(badSignatures)).replace(
    /^/,
    '',
  ),
);
console.log(
  [
    '<!-- reliability:node -->',
    '## apps/node: the `clickwa-gateway` server on SQLite and Postgres',
    '',
    `Run: \`pnpm --filter @clickwa/node exec node bench/reliability-figures.mjs\` (MESSAGES=${MESSAGES}) · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}, shared with other work. The Node adapter's own checks (two instances on one Postgres, SIGKILL against the production server entry with its signed-webhook hand-off), at larger counts than its tests; the \`@clickwa/webhook/testing\` parts follow, one section per store.`,
    '',
    ...lines,
    `Every forwarded event's Standard Webhooks signature verified: ${badSignatures === 0 ? 'yes' : `no (${badSignatures} bad)`}.`,
    '<!-- /reliability:node -->',
  ].join('\n'),
);
if (broken) process.exit(1);
