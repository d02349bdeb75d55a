// The reliability suite's Node gateway: the real `createNodeGateway` on a store whose writes (and the hand-off)
// fail at a rate the suite sets, plus routes the suite reads storage through and runs one drain with. Only
// `run-reliability.mjs` starts it, so nothing here can be switched on in a deployed gateway.
// `node serve-gateway.mjs <DATABASE_URL>`; prints `{ "url": ... }` once it listens.
import { createGatewayServer, createNodeGateway, isPostgresUrl, openStore } from '@clickwa/node';
import { createOutboxDrain } from '@clickwa/webhook';
import Database from 'libsql';
import postgres from 'postgres';
import { fromColumn, toColumn } from '../dist/internal/text-column.js';

const databaseUrl = process.argv[2];
const faults = { rate: 0 };
const maybeFail = (what) => {
  if (faults.rate > 0 && Math.random() < faults.rate) throw new Error(`injected ${what} failure`);
};

// Every call a callback or a drain makes may fail, before it reaches the database.
const FALLIBLE = ['insertEvents', 'putBlob', 'quarantine', 'claimOutbox', 'completeOutbox'];
const real = await openStore({ databaseUrl });
const store = { ...real };
for (const name of FALLIBLE) {
  store[name] = async (...args) => {
    maybeFail(name);
    return real[name](...args);
  };
}
const handOff = async () => maybeFail('hand-off');
const leaseMs = Number(process.env.OUTBOX_LEASE_MS);
const gateway = await createNodeGateway({
  store,
  auth: {
    apiToken: process.env.API_TOKEN,
    callbackUsername: process.env.CALLBACK_USERNAME,
    callbackPassword: process.env.CALLBACK_PASSWORD,
    callbackTokens: [{ token: process.env.CALLBACK_TOKEN }],
  },
  onEvent: handOff,
  leaseMs,
  limits: { bodyStallMs: Number(process.env.BODY_STALL_MS) },
  onError: () => {},
});
// The suite's "scheduled drain": a drain of its own (not coalesced with the requests'), run to the end.
const scheduled = createOutboxDrain({ store, handOff: async () => handOff(), leaseMs });

const INSPECT = `SELECT e.key AS key, COUNT(DISTINCT e.id) AS events, COUNT(o.id) AS outbox, COUNT(o.done_at) AS handed
  FROM events e LEFT JOIN outbox o ON o.event_id = e.id WHERE e.key IN `;
let inspect;
if (isPostgresUrl(databaseUrl)) {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  inspect = async (keys) =>
    (await sql.unsafe(`${INSPECT}(SELECT unnest($1::text[])) GROUP BY e.key`, [keys.map(toColumn)])).map(
      (r) => ({
        key: fromColumn(r.key),
        events: Number(r.events),
        outbox: Number(r.outbox),
        handedOff: Number(r.handed),
      }),
    );
} else {
  const db = new Database(databaseUrl);
  const statement = db.prepare(`${INSPECT}(SELECT value FROM json_each(?)) GROUP BY e.key`);
  inspect = async (keys) =>
    statement
      .all(JSON.stringify(keys.map(toColumn)))
      .map((r) => ({ key: fromColumn(r.key), events: r.events, outbox: r.outbox, handedOff: r.handed }));
}

const readJson = (req) =>
  new Promise((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(JSON.parse(text || 'null')));
  });
const reply = (res, value) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));

const server = createGatewayServer(async (req, res) => {
  if (req.url === '/__reliability/faults') {
    faults.rate = Number((await readJson(req)).rate);
    return reply(res, { rate: faults.rate });
  }
  if (req.url === '/__reliability/inspect') return reply(res, await inspect(await readJson(req)));
  if (req.url === '/__reliability/drain') {
    await scheduled.run().catch(() => {});
    return reply(res, { ok: true });
  }
  gateway.handler(req, res);
});
server.listen(0, '127.0.0.1', () =>
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })),
);
