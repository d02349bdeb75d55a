import fc from 'fast-check';

/** How a fuzz body travels: a true length, chunked, a length that lies up or down, a body that stalls. */
export type FuzzTransport = 'length' | 'chunked' | 'lying-long' | 'lying-short' | 'stall';

/**
 * Who the sender claims to be: body keys, HTTP Basic, nobody, the wrong password, the URL token (as the
 * path's last segment), or a wrong URL token.
 */
export type FuzzAuth = 'body' | 'basic' | 'none' | 'wrong' | 'token' | 'wrong-token';

export type CallbackRoute = '/clickatell/status' | '/clickatell/inbound';

/** One generated request to a callback route. */
export interface FuzzCase {
  readonly route: CallbackRoute;
  readonly contentType: string | null;
  readonly auth: FuzzAuth;
  /** The body as generated; credentials go in at send time (body keys, when the body is an object's text). */
  readonly text: string | null;
  /** Raw bytes instead of text (invalid UTF-8 and the like). */
  readonly bytes: Uint8Array | null;
  readonly transport: FuzzTransport;
  /** Padding past the route's cap, in bytes (0: none). */
  readonly oversize: number;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  null,
  'application/vnd.clickatell+json',
  'text/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  '',
  ' APPLICATION/JSON ; q=1',
];

const NUMERALS = [
  '1e308',
  '-1e308',
  '1e400',
  '-1e400',
  '9'.repeat(400),
  '-1',
  '0',
  '-0',
  '1.5',
  '2e12',
  '946684800',
  '946684799999',
  '4102444800000',
  '4102444800001',
  '9007199254740993',
  '1e-320',
];

const deepArray = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;
const deepObject = (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`;

/** Any JSON value's text, chosen to break parsers and columns. */
const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMERALS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }).map((s) => JSON.stringify(s)) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 4000 }).map((s) => JSON.stringify(s)),
  },
  { weight: 1, arbitrary: fc.constantFrom('"\\ud800"', '"\\udfff\\ud800"', '"a\\u0000b"', '"\\r\\n"') },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(2, 63, 64, 65, 200, 5000)
      .chain((d) => fc.constantFrom(deepArray(d), deepObject(d))),
  },
);

const KEYS_STATUS = [
  'integrationId',
  'integrationName',
  'timestamp',
  'statusCode',
  'status',
  'messageId',
  'clientMessageId',
];
const KEYS_INBOUND = [
  'integrationId',
  'integrationName',
  'content',
  'contentType',
  'caption',
  'messageId',
  'relatedMessageId',
  'from',
  'timestamp',
];
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'extra',
  'event',
  '',
];

/** A valid legacy callback of the route, its ids unique to `n` (so what one case stores, no other does). */
function template(route: CallbackRoute, n: number, media: boolean): Record<string, unknown> {
  const id = `fz${n.toString(16).padStart(8, '0')}${route === '/clickatell/status' ? 's' : 'i'}`;
  if (route === '/clickatell/status') {
    return {
      integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
      integrationName: 'Fuzz',
      timestamp: 1_760_000_000_000 + n,
      statusCode: [2, 3, 4, 27, 9][n % 5],
      status: 'X',
      messageId: id,
      clientMessageId: null,
    };
  }
  return {
    integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
    integrationName: 'Fuzz',
    ...(media
      ? { content: btoa(`bytes of ${n}`), contentType: 'image/jpeg', caption: `c${n}` }
      : { content: `Hello ${n}` }),
    messageId: id,
    relatedMessageId: null,
    from: '27999000001',
    timestamp: 1_760_000_000 + n,
  };
}

/**
 * A valid One API body of the route for case `n`: its first item comes as `[key, value text]` pairs (to be
 * mutated), a second one, valid, follows it (two statuses, or a text then the case's message). Ids are `n`'s.
 */
function oneApiBody(route: CallbackRoute, n: number, media: boolean, first: string): string {
  const id = (k: string) => `fo${n.toString(16).padStart(8, '0')}${k}`;
  const status = route === '/clickatell/status';
  const second = status
    ? { channel: 'whatsapp', messageId: id('b'), statusCode: 5, timestamp: 1_760_000_000_000 + n }
    : {
        channel: 'whatsapp',
        messageId: id('b'),
        from: '27999000002',
        to: '27999000001',
        timestamp: 1_760_000_000_000 + n,
        content: `Second ${n}`,
        whatsapp: { profileName: 'Fuzz' },
      };
  const kind = status ? 'messageStatusUpdate' : media ? 'moMedia' : 'moText';
  const items =
    kind === 'moMedia'
      ? `[${first}],"moText":[${JSON.stringify(second)}]`
      : `[${first},${JSON.stringify(second)}]`;
  return `{"integrationId":"fa8090815f05d5ed015f0b5b56080cd2","integrationName":"Fuzz","event":{"${kind}":${items}}}`;
}

/** The first item of a One API body, as fields to mutate. */
function oneApiItem(route: CallbackRoute, n: number, media: boolean): Record<string, unknown> {
  const messageId = `fo${n.toString(16).padStart(8, '0')}a`;
  if (route === '/clickatell/status') {
    return {
      channel: 'whatsapp',
      messageId,
      clientMessageId: null,
      statusCode: [2, 4, 5, 6, 27][n % 5],
      status: 'X',
      timestamp: 1_760_000_000_000 + n,
    };
  }
  return {
    channel: 'whatsapp',
    messageId,
    relatedMessageId: null,
    from: '27999000002',
    to: '27999000001',
    timestamp: 1_760_000_000_000 + n,
    ...(media
      ? { content: btoa(`bytes of ${n}`), contentType: 'image/jpeg', caption: `c${n}` }
      : { content: `Hello ${n}` }),
  };
}

/** An object's text from `[key, value text]` pairs: duplicate keys and raw numerals survive. */
const objectText = (pairs: readonly (readonly [string, string])[]): string =>
  `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

/** The text of a body for case `n`: mostly a callback with some fields dropped, retyped, added or repeated. */
function bodyText(
  route: CallbackRoute,
  n: number,
  oneApi: boolean,
): fc.Arbitrary<{ text: string | null; bytes: Uint8Array | null }> {
  const keys = route === '/clickatell/status' ? KEYS_STATUS : KEYS_INBOUND;
  const text = (t: string) => ({ text: t, bytes: null });
  const itemKeys = Object.keys(oneApiItem(route, n, true));
  // One API bodies: the first item's fields dropped, retyped, added or repeated, inside a valid envelope.
  const oneApiMutated = fc
    .record({
      media: fc.boolean(),
      drop: fc.subarray(itemKeys, { maxLength: 3 }),
      retype: fc.array(fc.tuple(fc.constantFrom(...itemKeys), hostileValue), { maxLength: 3 }),
      added: fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 12 })), hostileValue),
        {
          maxLength: 2,
        },
      ),
    })
    .map(({ media, drop, retype, added }) => {
      const pairs: [string, string][] = Object.entries(oneApiItem(route, n, media))
        .filter(([k]) => !drop.includes(k))
        .map(([k, v]) => [k, JSON.stringify(v)]);
      for (const [k, v] of retype) pairs.push([k, v]);
      for (const [k, v] of added) pairs.push([k, v]);
      return text(oneApiBody(route, n, media, objectText(pairs)));
    });
  const oneApiValid = fc
    .boolean()
    .map((media) => text(oneApiBody(route, n, media, JSON.stringify(oneApiItem(route, n, media)))));
  const mutated = fc
    .record({
      media: fc.boolean(),
      drop: fc.subarray(keys, { maxLength: 3 }),
      retype: fc.array(fc.tuple(fc.constantFrom(...keys), hostileValue), { maxLength: 3 }),
      added: fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 12 })), hostileValue),
        {
          maxLength: 3,
        },
      ),
    })
    .map(({ media, drop, retype, added }) => {
      const base = template(route, n, media);
      const pairs: [string, string][] = Object.entries(base)
        .filter(([k]) => !drop.includes(k))
        .map(([k, v]) => [k, JSON.stringify(v)]);
      // A retyped key is written again after the good one: a duplicate key, the last one wins in JSON.parse.
      for (const [k, v] of retype) pairs.push([k, v]);
      for (const [k, v] of added) pairs.push([k, v]);
      return text(objectText(pairs));
    });
  const valid = fc.boolean().map((media) => text(JSON.stringify(template(route, n, media))));
  const badUtf8 = fc
    .constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82])
    .map((bad) => {
      const good = new TextEncoder().encode(JSON.stringify(template(route, n, false)));
      const at = good.indexOf(0x22, good.indexOf(0x3a) + 1) + 1; // inside the first string value
      return { text: null, bytes: new Uint8Array([...good.subarray(0, at), ...bad, ...good.subarray(at)]) };
    });
  const truncated = fc.nat().map((cut) => {
    const t = JSON.stringify(template(route, n, false));
    return text(t.slice(0, cut % t.length));
  });
  const oneApiBodies = oneApi
    ? [
        { weight: 7, arbitrary: oneApiMutated },
        { weight: 3, arbitrary: oneApiValid },
      ]
    : [];
  return fc.oneof(
    { weight: 14, arbitrary: mutated },
    { weight: 4, arbitrary: valid },
    ...oneApiBodies,
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => text(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => ({ text: null, bytes: b })) },
    { weight: 1, arbitrary: badUtf8 },
    { weight: 1, arbitrary: truncated },
  );
}

/**
 * The fuzz cases of one route: `count` of them, case `n` with ids of its own. With `oneApi` (a gateway that
 * takes a URL token), One API bodies (two events each) and URL tokens, right and wrong, are among them.
 */
export function fuzzCases(route: CallbackRoute, count: number, seed: number, oneApi = false): FuzzCase[] {
  const auths: FuzzAuth[] = ['body', 'body', 'body', 'basic', 'basic', 'none', 'wrong'];
  if (oneApi) auths.push('token', 'token', 'token', 'wrong-token');
  const one = (n: number): fc.Arbitrary<FuzzCase> =>
    fc
      .record({
        route: fc.constant(route),
        contentType: fc.constantFrom(...CONTENT_TYPES),
        auth: fc.constantFrom<FuzzAuth>(...auths),
        body: bodyText(route, n, oneApi),
        transport: fc.oneof(
          { weight: 40, arbitrary: fc.constant<FuzzTransport>('length') },
          { weight: 6, arbitrary: fc.constant<FuzzTransport>('chunked') },
          { weight: 1, arbitrary: fc.constant<FuzzTransport>('lying-short') },
          { weight: 1, arbitrary: fc.constant<FuzzTransport>('lying-long') },
          { weight: 1, arbitrary: fc.constant<FuzzTransport>('stall') },
        ),
        oversize: fc.oneof(
          { weight: 30, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.integer({ min: 1, max: 4096 }) },
        ),
      })
      .map(({ body, ...rest }) => ({ ...rest, ...body }));
  return Array.from({ length: count }, (_, n) => fc.sample(one(n), { seed: seed + n, numRuns: 1 })[0]!);
}
