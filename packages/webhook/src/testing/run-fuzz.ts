import { isJsonContentType } from '../internal/is-json-content-type.ts';
import { type CallbackRoute, type FuzzCase, fuzzCases } from './fuzz-case.ts';
import { apiGet, pool } from './gateway-calls.ts';
import { type PartReport, violationLog } from './part-report.ts';
import { type Kept, predictKept, readBody } from './predict-callback.ts';
import { openRawConnection, type RawPart } from './raw-connection.ts';
import type { ReliabilityTarget } from './reliability-target.ts';

/** Options of `runFuzz`. */
export interface FuzzOptions {
  /** Bodies per callback route. */
  readonly bodies: number;
  readonly seed: number;
  /** Requests in flight. Default 16. */
  readonly concurrency?: number;
}

const encoder = new TextEncoder();
const ROUTES: readonly CallbackRoute[] = ['/clickatell/status', '/clickatell/inbound'];

/** The request of a case as it goes on the wire, and what the gateway must answer it. */
interface Wire {
  readonly parts: RawPart[];
  /** The body the gateway reads (a lying short length cuts it). */
  readonly read: Uint8Array;
  readonly expected: number;
}

const cap = (target: ReliabilityTarget, route: CallbackRoute) =>
  route === '/clickatell/status' ? target.limits.statusCallbackBytes : target.limits.inboundCallbackBytes;

/** The body bytes of a case, with the credentials as body keys when it is an object's text. */
function bodyBytes(target: ReliabilityTarget, c: FuzzCase): Uint8Array {
  if (c.bytes) return c.bytes;
  let text = c.text ?? '';
  if (c.auth === 'body' && text.startsWith('{')) {
    const keys = `"username":${JSON.stringify(target.callback.username)},"password":${JSON.stringify(target.callback.password)}`;
    text = text === '{}' ? `{${keys}}` : `{${keys},${text.slice(1)}`;
  }
  return encoder.encode(text);
}

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    const piece = bytes.subarray(at, at + size);
    parts.push(encoder.encode(`${piece.length.toString(16)}\r\n`), piece, encoder.encode('\r\n'));
  }
  return parts;
}

/**
 * Whether the gateway would take the sender as Clickatell: the URL token, Basic, or (a legacy body, not One
 * API's `event` envelope) the body's own keys.
 */
function authenticated(target: ReliabilityTarget, c: FuzzCase, read: Uint8Array): boolean {
  if (c.auth === 'basic' || c.auth === 'token') return true;
  const { json, parsed } = readBody(read);
  if (!parsed || typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const body = json as Record<string, unknown>;
  if (Object.hasOwn(body, 'event') && body.statusCode === undefined && body.from === undefined) return false;
  return body.username === target.callback.username && body.password === target.callback.password;
}

/** Builds the wire form of a case and the answer the gateway owes it (the handler's order of refusals). */
function toWire(target: ReliabilityTarget, c: FuzzCase, n: number): Wire {
  const limit = cap(target, c.route);
  let body = bodyBytes(target, c);
  // Padding past the cap: sent for the status route; the inbound cap (20 MB) is only declared.
  const declaredOversize = c.oversize > 0 && c.route === '/clickatell/inbound';
  if (c.oversize > 0 && !declaredOversize) {
    const padded = new Uint8Array(limit + c.oversize);
    padded.fill(0x20);
    padded.set(body.subarray(0, Math.min(body.length, padded.length)));
    body = padded;
  }
  const token =
    c.auth === 'token'
      ? `/${target.callbackToken}`
      : c.auth === 'wrong-token'
        ? `/${target.callbackToken}x`
        : '';
  const headers = [`POST ${c.route}${token} HTTP/1.1`, 'host: gateway.test', 'connection: close'];
  if (c.contentType !== null) headers.push(`content-type: ${c.contentType}`);
  const basic = (password: string) =>
    `authorization: Basic ${btoa(String.fromCharCode(...encoder.encode(`${target.callback.username}:${password}`)))}`;
  if (c.auth === 'basic') headers.push(basic(target.callback.password));
  if (c.auth === 'wrong') headers.push(basic(`${target.callback.password}-wrong`));

  let declared: number | null = body.length;
  let sent: Uint8Array[] = [body];
  let read = body;
  let stalls = false;
  switch (c.transport) {
    case 'chunked':
      declared = null;
      sent = [...chunked(body, 1 + (n % 4096)), encoder.encode('0\r\n\r\n')];
      break;
    case 'lying-long':
      declared = body.length + 1 + (n % 64);
      stalls = true;
      break;
    case 'lying-short': {
      declared = Math.max(0, body.length - 1 - (n % 16));
      read = body.subarray(0, declared);
      break;
    }
    case 'stall': {
      declared = null;
      const half = body.subarray(0, Math.ceil(body.length / 2));
      sent = chunked(half, half.length || 1);
      read = half;
      stalls = true;
      break;
    }
  }
  if (declaredOversize) declared = limit + c.oversize;
  headers.push(declared === null ? 'transfer-encoding: chunked' : `content-length: ${declared}`);
  const parts: RawPart[] = [encoder.encode(`${headers.join('\r\n')}\r\n\r\n`), ...sent];

  let expected: number;
  if (!isJsonContentType(c.contentType)) expected = 415;
  else if (declared !== null ? declared > limit : read.length > limit) expected = 413;
  else if (stalls) expected = 408;
  else expected = authenticated(target, c, read) ? 200 : 401;
  return { parts, read, expected };
}

/**
 * The fuzz part: `bodies` generated requests per callback route over raw sockets (wrong types, missing and
 * duplicate fields, prototype keys, huge and non-finite numbers, deep nesting, long and non-ASCII strings,
 * invalid UTF-8, wrong content types, chunked bodies, lengths that lie, bodies that stall). Holds every
 * answer to the handler's rules, and checks through `/api` that each authenticated body is an event or in
 * quarantine, and that a refused body left neither. A connection answered 413 mid-body carries a next request.
 */
export async function runFuzz(target: ReliabilityTarget, options: FuzzOptions): Promise<PartReport> {
  const started = Date.now();
  const violations = violationLog();
  const secrets = [
    target.callback.username,
    target.callback.password,
    ...(target.callbackToken ? [target.callbackToken] : []),
  ];
  const byStatus = new Map<string, number>();
  let fiveHundreds = 0;
  let hangs = 0;
  let mismatches = 0;
  let events = 0;
  let quarantined = 0;
  let missing = 0;
  let traces = 0;
  const kept = new Set<string>();
  const refused: { route: CallbackRoute; bytes: Uint8Array; n: number }[] = [];
  const answerTimeout = target.limits.bodyStallMs + 15_000;

  for (const route of ROUTES) {
    const cases = fuzzCases(
      route,
      options.bodies,
      options.seed + (route === '/clickatell/status' ? 0 : 1_000_000),
      target.callbackToken !== undefined,
    );
    await pool(cases, options.concurrency ?? 16, async (c, n) => {
      const wire = toWire(target, c, n);
      const connection = await openRawConnection(target.baseUrl);
      let answer: Awaited<ReturnType<typeof connection.read>>;
      try {
        await connection.write(wire.parts);
        answer = await connection.read(answerTimeout);
      } finally {
        connection.close();
      }
      const label = answer.status === null ? (answer.timedOut ? 'hang' : 'closed') : String(answer.status);
      byStatus.set(`${route} ${label}`, (byStatus.get(`${route} ${label}`) ?? 0) + 1);
      if (answer.timedOut) {
        hangs++;
        violations.add(`${route} case ${n} (${c.transport}): no answer within ${answerTimeout} ms`);
        return;
      }
      if (answer.status !== null && answer.status >= 500) fiveHundreds++;
      if (answer.status !== wire.expected) {
        mismatches++;
        violations.add(
          `${route} case ${n} (${c.transport}, ${c.auth}, ${c.contentType}): answered ${answer.status}, owed ${wire.expected}: ${answer.body.slice(0, 200)}`,
        );
        return;
      }
      if (answer.status !== 200) {
        refused.push({ route, bytes: wire.read, n });
        return;
      }
      const said = JSON.parse(answer.body) as {
        events?: { key: string }[];
        quarantined?: boolean;
        id?: string;
        unrecognized?: { id: string };
      };
      const predicted = await predictKept(route, wire.read, secrets, target.limits.maxJsonDepth);
      const got: Kept = said.quarantined
        ? { quarantineId: said.id! }
        : {
            keys: (said.events ?? []).map((e) => e.key),
            ...(said.unrecognized ? { quarantineId: said.unrecognized.id } : {}),
          };
      if (JSON.stringify(got) !== JSON.stringify(predicted)) {
        violations.add(
          `${route} case ${n}: kept ${JSON.stringify(got)}, predicted ${JSON.stringify(predicted)}`,
        );
      }
      const found = await lookUp(target, got);
      if (found !== 200) {
        missing++;
        violations.add(`${route} case ${n}: acknowledged ${JSON.stringify(got)}, but /api answers ${found}`);
      }
      if ('keys' in got) events += got.keys.length;
      if (got.quarantineId !== undefined) quarantined++;
      kept.add(JSON.stringify(got));
    });
  }

  // Nothing refused left a trace: neither the event nor the quarantine entry it would have made.
  await pool(refused, options.concurrency ?? 16, async ({ route, bytes, n }) => {
    const would = await predictKept(route, bytes, secrets, target.limits.maxJsonDepth);
    if (kept.has(JSON.stringify(would))) return; // another, accepted case kept the same thing
    const found = await lookUp(target, would);
    if (found !== 404) {
      traces++;
      violations.add(`${route} case ${n}: refused, but ${JSON.stringify(would)} answers ${found}`);
    }
  });

  const keepAlive = await oversizeThenNext(target, violations.add);
  const total = options.bodies * ROUTES.length;
  const counts = [...byStatus.entries()]
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return {
    part: 'fuzz',
    summary: `${options.bodies} bodies per callback route (${total} in all); answers ${counts}`,
    checks: [
      {
        what: 'generated bodies per route',
        target: '>= 10,000 (full run)',
        result: String(options.bodies),
        ok: true,
      },
      { what: '5xx answers', target: '0', result: String(fiveHundreds), ok: fiveHundreds === 0 },
      {
        what: 'hangs (no answer within the stall bound + 15 s)',
        target: '0',
        result: String(hangs),
        ok: hangs === 0,
      },
      {
        what: "answers other than the handler's rules owe (415, 413, 408, 401, 200)",
        target: '0',
        result: String(mismatches),
        ok: mismatches === 0,
      },
      {
        what: 'authenticated bodies acknowledged: an event or in quarantine, found through /api',
        target: 'every one',
        result: `${events} events, ${quarantined} quarantined, ${missing} not found`,
        ok: missing === 0,
      },
      {
        what: 'refused bodies that left an event or a quarantine entry',
        target: '0',
        result: `${traces} of ${refused.length}`,
        ok: traces === 0,
      },
      {
        what: 'a request after a chunked body answered 413, on the same connection',
        target: 'answered 200',
        result: keepAlive,
        ok: keepAlive === 'answered 200',
      },
    ],
    violations: violations.list(),
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * The status of the `/api` routes that show what was kept: 200 when all of it is found, 404 when none of it
 * is, else the first other answer (a body of no events and no quarantine entry counts as found).
 */
async function lookUp(target: ReliabilityTarget, kept: Kept): Promise<number> {
  const paths = [
    ...('keys' in kept ? kept.keys.map((key) => `/events/${encodeURIComponent(key)}`) : []),
    ...(kept.quarantineId !== undefined ? [`/quarantine/${encodeURIComponent(kept.quarantineId)}`] : []),
  ];
  const statuses = await Promise.all(paths.map(async (path) => (await apiGet(target, path)).status));
  if (statuses.every((s) => s === 200)) return 200;
  if (statuses.every((s) => s === 404)) return 404;
  return statuses.find((s) => s !== 200 && s !== 404) ?? 207;
}

/** A chunked status body past the cap, then a valid callback on the same keep-alive connection. */
async function oversizeThenNext(target: ReliabilityTarget, violation: (m: string) => void): Promise<string> {
  const connection = await openRawConnection(target.baseUrl);
  try {
    const big = new Uint8Array(target.limits.statusCallbackBytes + 50_000).fill(0x20);
    await connection.write([
      encoder.encode(
        'POST /clickatell/status HTTP/1.1\r\nhost: gateway.test\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n',
      ),
      ...chunked(big, 16_384),
      encoder.encode('0\r\n\r\n'),
    ]);
    const first = await connection.read(target.limits.bodyStallMs + 15_000);
    if (first.status !== 413) {
      violation(`keep-alive: the oversized chunked body answered ${first.status}`);
      return `first answered ${first.status}`;
    }
    const body = encoder.encode(
      JSON.stringify({
        integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
        timestamp: 1_760_000_000_000,
        statusCode: 4,
        status: 'X',
        messageId: `keepalive${Date.now().toString(16)}`,
        clientMessageId: null,
        ...target.callback,
      }),
    );
    await connection.write([
      encoder.encode(
        `POST /clickatell/status HTTP/1.1\r\nhost: gateway.test\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
      ),
      body,
    ]);
    const second = await connection.read(15_000);
    if (second.status !== 200)
      violation(
        `keep-alive: the next request answered ${second.status ?? (second.timedOut ? 'nothing' : 'closed')}`,
      );
    return second.status === 200
      ? 'answered 200'
      : `answered ${second.status ?? (second.timedOut ? 'nothing' : 'closed')}`;
  } finally {
    connection.close();
  }
}
