import { type CallbackBodyEvent, isNewerStatus, parseCallbackBody, type StatusEvent } from '@clickwa/core';
import { describe, expect, it } from 'vitest';
import { magicNumber } from '../../src/index.ts';
import { serveEmulator } from '../../src/node/index.ts';
import { closeAfterEach } from '../helpers/close-after-each.ts';
import { ONE_KEY, oneApi, whatsappText } from '../helpers/one-api.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { FAST, until } from '../helpers/send.ts';

const track = closeAfterEach();

async function start(
  receiver: Receiver,
  options: Record<string, unknown> = {},
  integration: Record<string, unknown> = {},
) {
  return track(
    await serveEmulator({
      port: 0,
      ...FAST,
      seed: 11,
      ...options,
      integrations: [
        {
          name: 'one',
          apiKey: ONE_KEY,
          api: 'one',
          statusCallback: `${receiver.url}/status`,
          inboundCallback: `${receiver.url}/mo`,
          ...integration,
        },
      ],
    }),
  );
}

/** Every event of every body the receiver got on `path`, parsed by the core. */
function events(receiver: Receiver, path: string): CallbackBodyEvent[] {
  return receiver.accepted(path).flatMap((r) => {
    const parsed = parseCallbackBody(r.body);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.output.api).toBe('one');
    return parsed.output.events;
  });
}

const statuses = (receiver: Receiver, messageId?: string) =>
  events(receiver, '/status').filter(
    (e): e is StatusEvent => e.kind === 'status' && (messageId === undefined || e.messageId === messageId),
  );

async function sendOne(url: string, to: string, clientMessageId = 'c-1'): Promise<string> {
  const answer = await oneApi<{ messages: { apiMessageId: string }[] }>(url, '/v1/message', {
    body: { messages: [whatsappText(to, { clientMessageId })] },
  });
  expect(answer.status).toBe(202);
  return answer.body.messages[0]!.apiMessageId;
}

describe('One API status callbacks', () => {
  it('QUEUED, SENT_TO_SUPPLIER, DEVICE_ACK, READ in the envelope, one event per body, ms timestamps', async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver);
    const messageId = await sendOne(platform.url, '27999000001');
    await until(() => receiver.received.length === 4);
    const [body] = receiver.received;
    expect(Object.keys(body!.body).sort()).toEqual(['event', 'integrationId', 'integrationName']);
    expect((body!.body.event as { messageStatusUpdate: unknown[] }).messageStatusUpdate).toHaveLength(1);
    const got = statuses(receiver, messageId).sort((a, b) => a.timestamp - b.timestamp);
    expect(got.map((s) => [s.statusCode, s.status])).toEqual([
      [2, 'QUEUED'],
      [4, 'SENT_TO_SUPPLIER'],
      [5, 'DEVICE_ACK'],
      [6, 'READ'],
    ]);
    for (const s of got) {
      expect(s).toMatchObject({
        api: 'one',
        channel: 'whatsapp',
        clientMessageId: 'c-1',
        integrationName: 'one',
      });
      expect(s.timestamp).toBeGreaterThan(1e12);
    }
  });

  it("with statusBatch 'message': a message's statuses in one body, repeats inside it", async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver, { duplicateRate: 1 }, { statusBatch: 'message' });
    const messageId = await sendOne(platform.url, '27999000001');
    await until(() => receiver.received.length === 1);
    await platform.emulator.idle();
    expect(receiver.received).toHaveLength(1);
    // Every status picked as a duplicate (rate 1) is in the body twice, in the order they happened.
    expect(statuses(receiver, messageId).map((s) => s.statusCode)).toEqual([2, 2, 4, 4, 5, 5, 6, 6]);
  });

  it('refuses statusBatch on a legacy integration, and a value it does not know', async () => {
    const receiver = track(await startReceiver());
    await expect(start(receiver, {}, { api: 'wa', statusBatch: 'message' })).rejects.toThrow(
      /only a One API integration/,
    );
    await expect(start(receiver, {}, { statusBatch: 'all' })).rejects.toThrow(/'single' or 'message'/);
  });

  it('ends a magic status number in that One API status, after the statuses that lead there', async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver);
    const cases: [number, number[]][] = [
      [23, [2, 4, 23]],
      [27, [2, 27]],
      [5, [2, 4, 5]],
      [142, [2, 142]],
    ];
    const ids = await Promise.all(
      cases.map(([code], i) => sendOne(platform.url, magicNumber.status(code), `m-${i}`)),
    );
    await until(() => receiver.received.length === 10);
    for (const [i, [, path]] of cases.entries()) {
      const got = statuses(receiver, ids[i]).sort((a, b) => a.timestamp - b.timestamp);
      expect(got.map((s) => s.statusCode)).toEqual(path);
    }
    const last = (id: string | undefined) =>
      statuses(receiver, id)
        .sort((a, b) => a.timestamp - b.timestamp)
        .at(-1)?.status;
    expect(last(ids[1])).toBe('VOLUME_LIMIT_DAILY');
    expect(last(ids[3])).toBe('UNKNOWN');
  });

  it('ends messages of a sandbox integration to other numbers in EMULATED (24); test phones are delivered', async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver, {}, { sandbox: true, testPhones: ['27999000001'] });
    const blocked = await sendOne(platform.url, '27999000002', 'a');
    const test = await sendOne(platform.url, '27999000001', 'b');
    await until(() => receiver.received.length === 6);
    expect(
      statuses(receiver, blocked)
        .map((s) => s.statusCode)
        .sort(),
    ).toEqual([2, 24]);
    expect(
      statuses(receiver, test)
        .map((s) => s.statusCode)
        .sort(),
    ).toEqual([2, 4, 5, 6]);
  });

  it('arrives out of order and twice, and the core order still ends in READ', async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver, { jitterMs: 60, stepMs: 5, duplicateRate: 1, seed: 4 });
    const ids = await Promise.all(
      ['27999000001', '27999000002', '27999000003'].map((to, i) => sendOne(platform.url, to, `d-${i}`)),
    );
    await until(() => receiver.received.length === 24, 10_000);
    let disordered = false;
    for (const id of ids) {
      const arrived = statuses(receiver, id);
      expect(arrived).toHaveLength(8);
      const codes = arrived.map((s) => s.statusCode);
      if (codes.join() !== [...codes].sort((a, b) => a - b).join()) disordered = true;
      const current = arrived.reduce<StatusEvent | null>((c, e) => (isNewerStatus(c, e) ? e : c), null);
      expect(current?.status).toBe('READ');
    }
    expect(disordered).toBe(true);
  });

  it('GET /v1/message/{id}: the current status by name; UNKNOWN for a message it does not know', async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver);
    const messageId = await sendOne(platform.url, magicNumber.status(23));
    await until(() => receiver.received.length === 3);
    const answer = await oneApi(platform.url, `/v1/message/${messageId}`);
    expect(answer).toMatchObject({
      status: 200,
      body: { whatsapp: { status: 'DELIVERY_FAILURE', timestamp: expect.any(Number) } },
    });
    const unknown = await oneApi(platform.url, '/v1/message/0123456789abcdef0123456789abcdef');
    expect(unknown).toMatchObject({
      status: 200,
      body: { status: 'UNKNOWN', timestamp: expect.any(Number) },
    });
    expect((await oneApi(platform.url, `/v1/message/${messageId}`, { key: 'nope' })).status).toBe(401);
  });
});

describe('One API user messages', () => {
  it('moText, moMedia inline and moLocation, with the business number, profile name and ms timestamps', async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver, {}, { moMedia: 'inline', number: '+27 99 900 0099' });
    const simulate = (body: Record<string, unknown>) => oneApi(platform.url, '/_emulator/inbound', { body });
    await simulate({ from: '27999000001', content: 'hello', profileName: 'Ann' });
    await simulate({
      from: '27999000001',
      contentType: 'image/png',
      content: 'iVBORw0KGgo=',
      caption: 'pic',
    });
    await simulate({ from: '27999000001', latitude: -33.9, longitude: 18.4, locationName: 'Cape Town' });
    await until(() => receiver.received.length === 3);
    const got = events(receiver, '/mo').sort((a, b) => a.timestamp - b.timestamp);
    expect(got).toEqual([
      expect.objectContaining({
        type: 'text',
        content: 'hello',
        charset: 'UTF-8',
        profileName: 'Ann',
        to: '27999000099',
      }),
      expect.objectContaining({
        type: 'media',
        contentType: 'image/png',
        content: 'iVBORw0KGgo=',
        caption: 'pic',
      }),
      expect.objectContaining({
        type: 'location',
        latitude: -33.9,
        longitude: 18.4,
        locationName: 'Cape Town',
      }),
    ]);
    for (const e of got)
      expect(e).toMatchObject({ channel: 'whatsapp', from: '27999000001', profileName: expect.any(String) });
    expect(got[0]!.timestamp).toBeGreaterThan(1e12);
  });

  it('an auto-reply number answers after READ, with relatedMessageId and relatedClientMessageId', async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver);
    const messageId = await sendOne(platform.url, magicNumber.autoReply(), 'order-7');
    await until(() => receiver.accepted('/mo').length === 1);
    const [reply] = events(receiver, '/mo');
    expect(reply).toMatchObject({
      kind: 'message',
      type: 'text',
      relatedMessageId: messageId,
      relatedClientMessageId: 'order-7',
      content: 'Re: Hello',
    });
  });

  it('POST /v1/notification marks a user message read; an unknown id is 23', async () => {
    const receiver = track(await startReceiver());
    const platform = await start(receiver);
    const simulated = await oneApi<{ messageId: string }>(platform.url, '/_emulator/inbound', {
      body: { from: '27999000001', content: 'hi' },
    });
    const { messageId } = simulated.body;
    const read = await oneApi(platform.url, '/v1/notification', { body: { messageId, statusCode: 1001 } });
    expect(read).toMatchObject({
      status: 202,
      body: { messages: [{ messageId, accepted: true, to: '27999000001', error: null }], error: null },
    });
    const inbound = await oneApi<{ inbound: { messageId: string; readAt?: number }[] }>(
      platform.url,
      '/_emulator/inbound',
    );
    expect(inbound.body.inbound.find((m) => m.messageId === messageId)?.readAt).toEqual(expect.any(Number));
    const unknown = await oneApi(platform.url, '/v1/notification', {
      body: { messages: [{ messageId: 'nope' }] },
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { messages: [{ accepted: false, error: { code: 23 } }] },
    });
    expect(
      (
        await oneApi(platform.url, '/v1/notification', {
          body: '[',
          headers: { 'content-type': 'application/json' },
        })
      ).body,
    ).toEqual({
      error: expect.objectContaining({ code: 21 }),
    });
  });

  it('a legacy integration keeps the legacy flat callbacks beside a One API one', async () => {
    const receiver = track(await startReceiver());
    const platform = track(
      await serveEmulator({
        port: 0,
        ...FAST,
        integrations: [
          { name: 'one', apiKey: ONE_KEY, api: 'one', inboundCallback: `${receiver.url}/one` },
          { name: 'wa', apiKey: 'wa-key', inboundCallback: `${receiver.url}/wa` },
        ],
      }),
    );
    await oneApi(platform.url, '/_emulator/inbound', {
      body: { from: '27999000001', content: 'a', integration: 'one' },
    });
    await oneApi(platform.url, '/_emulator/inbound', {
      body: { from: '27999000001', content: 'b', integration: 'wa' },
    });
    await until(() => receiver.received.length === 2);
    const api = (path: string) => {
      const parsed = parseCallbackBody(receiver.accepted(path)[0]!.body);
      return parsed.success ? parsed.output.api : undefined;
    };
    expect([api('/one'), api('/wa')]).toEqual(['one', 'wa']);
  });
});
