// A One API client against a fetch that answers as One API does: what goes on the wire, how answers map back to
// messages, the transport rules, and the methods only One API has.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../bytes/sha256-hex.ts';
import { media, template, text } from './builders.ts';
import type { ClientOptions } from './client-options.ts';
import { createClient } from './create-client.ts';

interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Wire = { to: string; clientMessageId: string; [key: string]: unknown };

/** A fetch that records requests and answers `POST /v1/message` with `answer`, every other call with `other`. */
function oneApi(
  answer: (messages: Wire[], n: number) => Response = (messages) => accepted(messages),
  other: (url: URL, init: RequestInit) => Response | Promise<Response> = () =>
    new Response(null, { status: 404 }),
) {
  const requests: Recorded[] = [];
  let sends = 0;
  const fetch = async (url: string, init: RequestInit) => {
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    requests.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body,
    });
    const u = new URL(url);
    if (u.pathname === '/v1/message' && init.method === 'POST')
      return answer(body.messages as Wire[], sends++);
    return other(u, init);
  };
  const client = (options: Partial<ClientOptions> = {}) =>
    createClient({
      apiKey: 'one-key',
      baseUrl: 'https://one.test',
      fetch,
      retry: { baseMs: 0, maxMs: 0 },
      ...options,
      api: 'one',
    });
  return { requests, client };
}

/** One API's answer accepting every message, in reverse order and without `clientMessageId` (it is disputed). */
const accepted = (messages: Wire[], status = 202) =>
  Response.json(
    {
      messages: messages
        .map((m) => ({ apiMessageId: `api-${m.to}`, accepted: true, to: m.to, error: null }))
        .reverse(),
      error: null,
    },
    { status },
  );

const refusedEach =
  (code: number, description: string, status = 400) =>
  (messages: Wire[]) =>
    Response.json(
      {
        messages: messages.map((m) => ({ accepted: false, to: m.to, error: { code, description } })),
        error: null,
      },
      { status },
    );
const refusedAll = (code: number, description: string, status: number) => () =>
  Response.json({ error: { code, description } }, { status });

describe('a One API client: the wire', () => {
  it("sends One API's form to /v1/message, and maps answers back by number when they carry no id", async () => {
    const { requests, client } = oneApi();
    const c = client();
    expect(c.api).toBe('one');
    const results = await c.send([
      text('+27 99 900 0001', 'Hello'),
      template('27999000002', 'payment_alert', ['$150', '1234']),
      media('27999000003', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), {
        caption: 'receipt',
      }),
      media('27999000004', { fileId: '3f1c2a9e-8b1d-4f7e-9c55-0d2a7b6e1f00.jpg' }, { caption: 'photo' }),
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('https://one.test/v1/message');
    const sent = (requests[0]!.body as { messages: Wire[] }).messages;
    expect(sent.map(({ clientMessageId, ...m }) => m)).toEqual([
      { channel: 'whatsapp', to: '27999000001', content: 'Hello' },
      {
        channel: 'whatsapp',
        to: '27999000002',
        template: { templateName: 'payment_alert', body: { parameters: { 1: '$150', 2: '1234' } } },
      },
      {
        channel: 'whatsapp',
        to: '27999000003',
        contentType: 'image/png',
        content: 'iVBORw0KGgoAAAAN',
        caption: 'receipt',
      },
      {
        channel: 'whatsapp',
        to: '27999000004',
        media: { fileId: '3f1c2a9e-8b1d-4f7e-9c55-0d2a7b6e1f00.jpg', caption: 'photo' },
      },
    ]);
    expect(results.map((r) => [r.outcome, r.messageId, r.clientMessageId])).toEqual(
      sent.map((m) => ['accepted', `api-${m.to}`, m.clientMessageId]),
    );
  });

  it('never carries one number twice in a request, so an answer without an id is never ambiguous', async () => {
    const { requests, client } = oneApi();
    const results = await client().send([
      text('27999000001', 'a'),
      text('27999000001', 'b'),
      text('27999000002', 'c'),
    ]);
    expect(requests.map((r) => (r.body as { messages: Wire[] }).messages.map((m) => m.content))).toEqual([
      ['a'],
      ['b', 'c'],
    ]);
    expect(results.every((r) => r.accepted)).toBe(true);
  });

  it("validates by One API's rules: its codes, video, and media by fileId", async () => {
    const { requests, client } = oneApi();
    const results = await client().send([
      text('27999000001', ''),
      text('0821234567', 'national number'),
      text('27999000002', 'x'.repeat(4097)),
      media('27999000003', 'AAAAIGZ0eXBpc29t', { contentType: 'video/mp4' }),
    ]);
    expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
      ['rejected', 23],
      ['rejected', 25],
      ['rejected', 24],
      ['accepted', undefined],
    ]);
    expect(requests).toHaveLength(1);
    // The legacy API has no media by reference, and no video.
    const legacy = createClient({ apiKey: 'k', fetch: async () => new Response(null, { status: 500 }) });
    const [byId, video] = await legacy.send([
      media('27999000004', { fileId: 'f.jpg' }),
      media('27999000003', 'AAAAIGZ0eXBpc29t', { contentType: 'video/mp4' }),
    ]);
    expect([byId!.outcome, byId!.error?.code, video!.error?.code]).toEqual(['rejected', 103, 103]);
  });
});

describe("a One API client: One API's answers", () => {
  it('reads a 207 message by message', async () => {
    const { client } = oneApi((messages) =>
      Response.json(
        {
          messages: [
            {
              apiMessageId: 'cd2d90701afe42cdb15e2670218d8567',
              accepted: true,
              to: messages[0]!.to,
              error: null,
            },
            {
              accepted: false,
              to: messages[1]!.to,
              error: { code: 23, description: 'Invalid or missing parameter: to .' },
            },
          ],
          error: null,
        },
        { status: 207 },
      ),
    );
    const [ok, refused] = await client().send([text('27999000001', 'a'), text('27999000002', 'b')]);
    expect(ok).toMatchObject({ outcome: 'accepted', messageId: 'cd2d90701afe42cdb15e2670218d8567' });
    expect(refused).toMatchObject({
      outcome: 'rejected',
      error: { name: 'ApiError', api: 'one', code: 23, status: 207, retryable: false },
    });
  });

  const cases: [string, (messages: Wire[], n: number) => Response, string, number, boolean][] = [
    // name, answer, outcome of the first request's messages, attempts of it, whether the send stopped
    ['400, global 21 (malformed)', refusedAll(21, 'Payload data is malformed.', 400), 'rejected', 1, false],
    ['400, message-level 25', refusedEach(25, 'Invalid recipient address'), 'rejected', 1, false],
    ['401, code 1', refusedAll(1, 'Invalid or missing integration API Key', 401), 'rejected', 1, true],
    ['401 without a body', () => new Response(null, { status: 401 }), 'rejected', 1, true],
    ['402, out of funds', () => new Response('Payment Required', { status: 402 }), 'rejected', 1, true],
    ['404', () => new Response('Not Found', { status: 404 }), 'rejected', 1, true],
    ['500, code 18: never resent', refusedAll(18, 'Internal error', 500), 'unknown', 1, false],
    ['503, code 19: retried', refusedAll(19, 'Internal error, please retry', 503), 'rejected', 3, false],
    ['message-level 19: retried', refusedEach(19, 'Internal error, please retry', 207), 'rejected', 3, false],
    ['43 "Rate limit" as HTTP 400: a throttle', refusedAll(43, 'Rate limit', 400), 'not-sent', 3, true],
  ];
  for (const [name, answer, outcome, attempts, stops] of cases) {
    it(`${name}: ${outcome}${stops ? ', stops the send' : ''}`, async () => {
      const { requests, client } = oneApi((messages, n) =>
        n < attempts ? answer(messages, n) : accepted(messages),
      );
      const messages = Array.from({ length: 201 }, (_, i) =>
        text(`2799900${String(i).padStart(4, '0')}`, `m${i}`),
      );
      const results = await client({ concurrency: 1 }).send(messages);
      expect(new Set(results.slice(0, 200).map((r) => r.outcome))).toEqual(new Set([outcome]));
      // Resendable exactly when the platform certainly did not take it.
      expect(results[0]!.error?.retryable).toBe(outcome !== 'unknown' && attempts > 1);
      expect(requests.length).toBe(stops ? attempts : attempts + 1);
      expect(results[200]!.outcome).toBe(stops ? 'not-sent' : 'accepted');
    });
  }
});

describe('a One API client: media, status and read receipts', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

  it('uploads a file and sends it by its id', async () => {
    const { requests, client } = oneApi(undefined, () =>
      Response.json({ fileId: 'abc.png', accepted: true }),
    );
    const c = client();
    const { fileId } = await c.uploadMedia(PNG, {
      fileName: 'receipt.png',
      contentType: 'image/png',
      to: '+27 99 900 0001',
    });
    expect(fileId).toBe('abc.png');
    const upload = requests[0]!;
    expect(upload.method).toBe('POST');
    expect(upload.url).toBe('https://one.test/v1/media?fileName=receipt.png&to=27999000001');
    expect(upload.headers).toMatchObject({ Authorization: 'one-key', 'Content-Type': 'image/png' });
    expect(upload.body).toEqual(PNG);
    expect((await c.send(media('27999000001', { fileId }))).outcome).toBe('accepted');
    // Too big, or not media: refused before anything is sent.
    await expect(
      c.uploadMedia(new Uint8Array(30_000_001), { fileName: 'big.png', contentType: 'image/png' }),
    ).rejects.toThrow(/30000000 at most/);
    await expect(c.uploadMedia(PNG, { fileName: 'x', contentType: 'nonsense' })).rejects.toThrow(
      /not a media type/,
    );
    expect(requests).toHaveLength(2);
  });

  it("reads a file's expiry, in ms whatever unit it came in", async () => {
    const { client } = oneApi(undefined, (url) =>
      Response.json({
        expirationTime: url.pathname.endsWith('/seconds.png') ? 1583845974 : 1583845974123,
        broadcastAllowed: true,
      }),
    );
    expect(await client().mediaInfo('seconds.png')).toEqual({
      expiresAt: 1583845974000,
      broadcastAllowed: true,
    });
    expect(await client().mediaInfo('millis.png')).toEqual({
      expiresAt: 1583845974123,
      broadcastAllowed: true,
    });
  });

  it('downloads only from its own origin, and refuses bytes of another size or hash', async () => {
    const hash = await sha256Hex(PNG);
    const { requests, client } = oneApi(
      undefined,
      () => new Response(PNG, { headers: { 'content-type': 'image/png' } }),
    );
    const c = client();
    const url = `https://one.test/v1/media?fileId=UUID-1.png&sha256Hash=${hash}&source=client`;
    expect(await c.downloadMedia(url, { byteSize: PNG.length })).toEqual({
      bytes: PNG,
      contentType: 'image/png',
    });
    await expect(c.downloadMedia(url.replace(hash, 'ab'.repeat(32)))).rejects.toMatchObject({
      code: 'integrity',
    });
    await expect(c.downloadMedia(url, { byteSize: 3 })).rejects.toMatchObject({ code: 'integrity' });
    const sent = requests.length;
    // A forged callback's URL never gets the key.
    await expect(c.downloadMedia('https://attacker.test/v1/media?fileId=x')).rejects.toThrow(
      /only fetches from https:\/\/one.test/,
    );
    expect(requests).toHaveLength(sent);
  });

  it("reads a message's status, and a message One API does not know", async () => {
    const { client } = oneApi(undefined, (url) =>
      url.pathname.endsWith('/known')
        ? Response.json({ whatsapp: { status: 'DEVICE_ACK', timestamp: 1506607698000 } })
        : Response.json({}),
    );
    expect(await client().getStatus('known')).toEqual({
      messageId: 'known',
      channel: 'whatsapp',
      status: 'DEVICE_ACK',
      timestamp: 1506607698000,
    });
    expect(await client().getStatus('other')).toMatchObject({ channel: null, status: 'UNKNOWN' });
  });

  it('marks a message read, and says why the platform refused to', async () => {
    const { requests, client } = oneApi(undefined, (_url, init) =>
      String(init.body).includes('"unknown-id"')
        ? Response.json(
            { messages: [{ accepted: false, error: { code: 33, description: 'Resource not found' } }] },
            { status: 400 },
          )
        : Response.json({ messages: [{ accepted: true }] }, { status: 202 }),
    );
    await client().markRead('m-1');
    expect(requests[0]).toMatchObject({
      url: 'https://one.test/v1/notification',
      method: 'POST',
      body: { messages: [{ channel: 'whatsapp', messageId: 'm-1', statusCode: 1001 }] },
    });
    await expect(client().markRead('unknown-id')).rejects.toMatchObject({
      name: 'ApiError',
      code: 33,
      status: 400,
    });
  });

  it('exists only on a One API client', () => {
    const legacy = createClient({ apiKey: 'k' });
    expect('uploadMedia' in legacy).toBe(false);
    expect(JSON.stringify(legacy)).toBe('{"api":"wa","baseUrl":"https://platform.clickatell.com"}');
  });
});
