// The reliability suite's Worker: the real gateway (src/index.ts) on bindings that fail at a rate the suite
// sets, plus two routes the suite reads storage through. Only `pnpm reliability` builds it (from this file,
// never from wrangler.jsonc), so nothing here can be switched on in a deployed gateway.
import gateway from '../src/index.ts';

const faults = { rate: 0 };

function maybeFail(what: string): void {
  if (faults.rate > 0 && Math.random() < faults.rate) throw new Error(`injected ${what} failure`);
}

/** `call`, failing at the set rate before it reaches the binding, so a failure never has an effect. */
const guarded =
  <A extends unknown[], R>(what: string, call: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    maybeFail(what);
    return call(...args);
  };

/** Real statements behind the wrapped ones, for `batch()`, which takes only real ones. */
const realStatement = new WeakMap<object, D1PreparedStatement>();

function faultyStatement(statement: D1PreparedStatement): D1PreparedStatement {
  const wrapped = {
    bind: (...values: unknown[]) => faultyStatement(statement.bind(...values)),
    run: guarded('D1 run', () => statement.run()),
    first: guarded('D1 first', (column?: string) =>
      column === undefined ? statement.first() : statement.first(column),
    ),
    all: guarded('D1 all', () => statement.all()),
    raw: guarded('D1 raw', () => statement.raw()),
  };
  realStatement.set(wrapped, statement);
  return wrapped as unknown as D1PreparedStatement;
}

function faultyD1(db: D1Database): D1Database {
  return {
    prepare: (query: string) => faultyStatement(db.prepare(query)),
    batch: guarded('D1 batch', (statements: D1PreparedStatement[]) =>
      db.batch(statements.map((s) => realStatement.get(s) ?? s)),
    ),
    exec: guarded('D1 exec', (query: string) => db.exec(query)),
  } as unknown as D1Database;
}

function faultyR2(bucket: R2Bucket): R2Bucket {
  return {
    head: guarded('R2 head', (key: string) => bucket.head(key)),
    get: guarded('R2 get', (key: string) => bucket.get(key)),
    put: guarded('R2 put', (key: string, value: Uint8Array, options?: R2PutOptions) =>
      bucket.put(key, value, options),
    ),
  } as unknown as R2Bucket;
}

function faultyQueue(queue: Queue): Queue {
  return {
    send: guarded('Queue send', (body: unknown) => queue.send(body)),
    sendBatch: guarded('Queue sendBatch', (messages: Iterable<MessageSendRequest>) =>
      queue.sendBatch(messages),
    ),
  } as unknown as Queue;
}

// One wrapped environment per real one: the gateway keeps one instance (and one drain) per environment object.
const wrappedEnvs = new WeakMap<Env, Env>();
function faultyEnv(env: Env): Env {
  let wrapped = wrappedEnvs.get(env);
  if (!wrapped) {
    wrapped = { ...env, DB: faultyD1(env.DB), MEDIA: faultyR2(env.MEDIA), EVENTS: faultyQueue(env.EVENTS) };
    wrappedEnvs.set(env, wrapped);
  }
  return wrapped;
}

/** Events, outbox entries and hand-offs by key, read on the real binding. */
async function inspect(env: Env, keys: string[]): Promise<Response> {
  const { results } = await env.DB.prepare(
    `SELECT e.key AS key, COUNT(DISTINCT e.id) AS events, COUNT(o.id) AS outbox, COUNT(o.done_at) AS handedOff
     FROM events e LEFT JOIN outbox o ON o.event_id = e.id
     WHERE e.key IN (SELECT value FROM json_each(?)) GROUP BY e.key`,
  )
    .bind(JSON.stringify(keys))
    .all();
  return Response.json(results);
}

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === '/__reliability/faults') {
      faults.rate = Number((await request.json<{ rate: number }>()).rate);
      return Response.json({ rate: faults.rate });
    }
    if (pathname === '/__reliability/inspect') return inspect(env, await request.json<string[]>());
    return gateway.fetch!(request, faultyEnv(env), ctx);
  },
  scheduled: (controller, env, ctx) => gateway.scheduled!(controller, faultyEnv(env), ctx),
} satisfies ExportedHandler<Env>;
