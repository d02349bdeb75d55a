import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCallback } from '@clickwa/core';
import { describe, expect, it } from 'vitest';
import { createEmulator, type DeliveryEvent, type MessageRecord, magicNumber } from '../src/index.ts';
import { closeAfterEach } from './helpers/close-after-each.ts';
import { startReceiver } from './helpers/receiver.ts';
import { FAST, inspect, send } from './helpers/send.ts';

const track = closeAfterEach();

describe('the life of a message', () => {
  it('QUEUED, DELIVERED_TO_GATEWAY, RECEIVED_BY_RECIPIENT, READ reach the receiver, in the spec 7.2.1 shape', async () => {
    const receiver = track(await startReceiver());
    const emulator = track(createEmulator({ ...FAST, seed: 7, statusCallback: `${receiver.url}/status` }));
    const answer = await send(emulator, {
      messages: [{ to: '27999000001', content: 'Hi', clientMessageId: 'c-1' }],
    });
    const { messageId } = answer.body.messages[0]!;
    await emulator.idle();
    const bodies = receiver.received
      .map((r) => r.body)
      .sort((a, b) => (a.timestamp as number) - (b.timestamp as number));
    expect(bodies.map((b) => b.statusCode)).toEqual([2, 3, 4, 27]);
    expect(bodies.map((b) => b.status)).toEqual([
      'QUEUED',
      'DELIVERED_TO_GATEWAY',
      'RECEIVED_BY_RECIPIENT',
      'READ',
    ]);
    const [integration] = emulator.integrations;
    for (const body of bodies) {
      expect(Object.keys(body).sort()).toEqual(
        [
          'clientMessageId',
          'integrationId',
          'integrationName',
          'messageId',
          'status',
          'statusCode',
          'timestamp',
          // The spec 7.3.6 credentials: the local defaults unless set.
          'username',
          'password',
        ].sort(),
      );
      expect(body).toMatchObject({
        messageId,
        clientMessageId: 'c-1',
        integrationId: integration!.id,
        integrationName: integration!.name,
      });
      expect(body.timestamp).toBeGreaterThan(1e12); // milliseconds, as the spec's sample
      const parsed = parseCallback(body);
      expect(parsed.success && parsed.output.kind).toBe('status');
    }
    expect(
      receiver.received.every(
        (r) => r.path === '/status' && r.headers['content-type'] === 'application/json',
      ),
    ).toBe(true);
  });

  it('arrive in a different order than emitted in at least one seeded run, and idle() waits for all of them', async () => {
    const receiver = track(await startReceiver());
    let outOfOrder = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const start = receiver.received.length;
      const local = createEmulator({
        ...FAST,
        stepMs: 5,
        jitterMs: 60,
        seed,
        statusCallback: `${receiver.url}/status`,
      });
      await send(local, { messages: [{ to: '27999000001', content: 'Hi' }] });
      await local.idle();
      const arrived = receiver.received.slice(start).map((r) => r.body.statusCode);
      expect([...arrived].sort((a, b) => Number(a) - Number(b))).toEqual([2, 3, 4, 27]);
      if (arrived.join() !== '2,3,4,27') outOfOrder++;
      local.close();
    }
    expect(outOfOrder).toBeGreaterThan(0);
  });

  it('a receiver answering 500 twice then 200 gets the callback three times, and inspection shows each answer', async () => {
    const receiver = track(await startReceiver((n) => (n < 2 ? 500 : 200)));
    const emulator = track(createEmulator({ ...FAST, statusCallback: `${receiver.url}/status` }));
    // 1006 comes alone, so exactly one callback is in play.
    const answer = await send(emulator, { messages: [{ to: magicNumber.status(1006), content: 'Hi' }] });
    await emulator.idle();
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(receiver.received.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const record = await inspect<MessageRecord>(
      emulator,
      `/_emulator/messages/${answer.body.messages[0]!.messageId}`,
    );
    expect(record.deliveries.map((d) => [d.attempt, d.httpStatus, d.delivered])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    const stats = await inspect<{ callbacks: Record<string, number> }>(emulator, '/_emulator/stats');
    expect(stats.callbacks).toMatchObject({ delivered: 1, retries: 2, attempts: 3, failed: 0, pending: 0 });
  });

  it('a slow answer counts as a failure and is retried', async () => {
    const receiver = track(await startReceiver((n) => (n === 0 ? { status: 200, delayMs: 400 } : 200)));
    const emulator = track(
      createEmulator({ ...FAST, callbackTimeoutMs: 100, statusCallback: `${receiver.url}/s` }),
    );
    const answer = await send(emulator, { messages: [{ to: magicNumber.status(1006), content: 'Hi' }] });
    await emulator.idle();
    const record = await inspect<MessageRecord>(
      emulator,
      `/_emulator/messages/${answer.body.messages[0]!.messageId}`,
    );
    expect(record.deliveries[0]).toMatchObject({ attempt: 1, httpStatus: null, delivered: false });
    expect(record.deliveries[0]!.error).toMatch(/no answer within 100 ms/);
    expect(record.deliveries[1]).toMatchObject({ attempt: 2, httpStatus: 200, delivered: true });
  });

  it('gives up after the last backoff step', async () => {
    const receiver = track(await startReceiver(() => 503));
    const emulator = track(
      createEmulator({ ...FAST, retryBackoffMs: [5, 5], statusCallback: `${receiver.url}/s` }),
    );
    await send(emulator, { messages: [{ to: magicNumber.status(1006), content: 'Hi' }] });
    await emulator.idle();
    expect(receiver.received).toHaveLength(3);
    const stats = await inspect<{ callbacks: Record<string, number> }>(emulator, '/_emulator/stats');
    expect(stats.callbacks).toMatchObject({ failed: 1, delivered: 0, attempts: 3 });
  });

  it('onDelivery hears of every attempt: the answer, the next try, and giving up', async () => {
    const receiver = track(await startReceiver((n) => (n < 1 ? 401 : 200)));
    const events: DeliveryEvent[] = [];
    const emulator = track(
      createEmulator({
        ...FAST,
        retryBackoffMs: [5, 7],
        statusCallback: `${receiver.url}/s`,
        onDelivery: (e) => events.push(e),
      }),
    );
    const answer = await send(emulator, { messages: [{ to: magicNumber.status(1006), content: 'Hi' }] });
    await emulator.idle();
    const { messageId } = answer.body.messages[0]!;
    expect(events).toMatchObject([
      {
        kind: 'status',
        url: `${receiver.url}/s`,
        messageId,
        statusCode: 1006,
        status: 'EMULATED',
        attempt: 1,
        attempts: 3,
        httpStatus: 401,
        delivered: false,
        nextAttemptInMs: 5,
        gaveUp: false,
      },
      { attempt: 2, attempts: 3, httpStatus: 200, delivered: true, gaveUp: false },
    ]);
    expect(events[1]).not.toHaveProperty('nextAttemptInMs');
    // The default credentials are in the body: the same everywhere locally.
    expect(receiver.received[0]!.body).toMatchObject({
      username: 'clickatell',
      password: 'dev-callback-password',
    });
    const down = await startReceiver();
    await down.close();
    const given: DeliveryEvent[] = [];
    const dead = track(
      createEmulator({
        ...FAST,
        retryBackoffMs: [],
        statusCallback: `${down.url}/s`,
        callbackUsername: '',
        onDelivery: (e) => {
          given.push(e);
          throw new Error('a hook that throws changes nothing');
        },
      }),
    );
    await send(dead, { messages: [{ to: magicNumber.status(1006), content: 'Hi' }] });
    await dead.idle();
    expect(given).toMatchObject([{ attempt: 1, attempts: 1, httpStatus: null, gaveUp: true }]);
    expect(given[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it("the README's test example: short back-offs, so a receiver nobody listens on settles at once", async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const example = readme.slice(readme.indexOf('In a test'), readme.indexOf('emulator.close();'));
    expect(example).toMatch(/retryBackoffMs: \[10, 10\]/);
    const down = await startReceiver();
    await down.close();
    const events: DeliveryEvent[] = [];
    const emulator = track(
      createEmulator({
        statusCallback: `${down.url}/status`,
        stepMs: 10,
        jitterMs: 20,
        retryBackoffMs: [10, 10],
        onDelivery: (e) => events.push(e),
      }),
    );
    await send(emulator, { messages: [{ to: magicNumber.status(28), content: 'Hi' }] });
    await emulator.idle();
    // QUEUED and UNKNOWN_USER (and any duplicates), each tried three times, 10 ms apart, then given up.
    const given = events.filter((e) => e.gaveUp);
    expect(given.length).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.nextAttemptInMs !== undefined).every((e) => e.nextAttemptInMs === 10)).toBe(
      true,
    );
    expect(given.every((e) => e.attempt === 3 && e.attempts === 3)).toBe(true);
  });

  it('a receiver that is down is retried like one that answers 500', async () => {
    // Closed at once: only its (now refused) address is used.
    const receiver = await startReceiver();
    const url = `${receiver.url}/s`;
    await receiver.close();
    const emulator = track(createEmulator({ ...FAST, retryBackoffMs: [5], statusCallback: url }));
    const answer = await send(emulator, { messages: [{ to: magicNumber.status(1006), content: 'Hi' }] });
    await emulator.idle();
    const record = await inspect<MessageRecord>(
      emulator,
      `/_emulator/messages/${answer.body.messages[0]!.messageId}`,
    );
    expect(record.deliveries.map((d) => d.httpStatus)).toEqual([null, null]);
    expect(record.deliveries[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it('puts the spec 7.3.6 credentials in the body, and as HTTP Basic with callbackBasicAuth', async () => {
    const receiver = track(await startReceiver());
    const emulator = track(
      createEmulator({
        ...FAST,
        statusCallback: `${receiver.url}/s`,
        callbackUsername: 'hook',
        callbackPassword: 'pässword',
        callbackBasicAuth: true,
      }),
    );
    await send(emulator, { messages: [{ to: magicNumber.status(1006), content: 'Hi' }] });
    await emulator.idle();
    const [got] = receiver.received;
    expect(got!.body).toMatchObject({ username: 'hook', password: 'pässword' });
    const basic = Buffer.from(got!.headers.authorization!.replace('Basic ', ''), 'base64').toString('utf8');
    expect(basic).toBe('hook:pässword');
    const parsed = parseCallback(got!.body);
    expect(parsed.success && parsed.output.auth).toEqual({ username: 'hook', password: 'pässword' });
  });

  it('sends duplicates at the configured rate, recorded as such', async () => {
    const receiver = track(await startReceiver());
    const emulator = track(
      createEmulator({ ...FAST, duplicateRate: 1, statusCallback: `${receiver.url}/s` }),
    );
    const answer = await send(emulator, { messages: [{ to: '27999000001', content: 'Hi' }] });
    await emulator.idle();
    expect(receiver.received).toHaveLength(8);
    const record = await inspect<MessageRecord>(
      emulator,
      `/_emulator/messages/${answer.body.messages[0]!.messageId}`,
    );
    expect(record.deliveries.filter((d) => d.duplicate)).toHaveLength(4);
    expect(record.statuses).toHaveLength(4);
  });

  it('without a status URL, or with callbacks off, records the statuses at once and sends nothing', async () => {
    const receiver = track(await startReceiver());
    for (const options of [{}, { statusCallback: `${receiver.url}/s`, callbacks: false }]) {
      const local = createEmulator({ ...FAST, ...options });
      const answer = await send(local, { messages: [{ to: '27999000001', content: 'Hi' }] });
      const record = await inspect<MessageRecord>(
        local,
        `/_emulator/messages/${answer.body.messages[0]!.messageId}`,
      );
      expect(record.statuses.map((s) => s.statusCode)).toEqual([2, 3, 4, 27]);
      await local.idle();
      local.close();
    }
    expect(receiver.received).toHaveLength(0);
  });

  it('is deterministic under a seed: same ids and same schedule', async () => {
    const run = async () => {
      const local = createEmulator({ seed: 'same' });
      const answer = await send(local, {
        messages: [
          { to: '27999000001', content: 'a' },
          { to: '27999000002', content: 'b' },
        ],
      });
      local.close();
      return answer.body.messages.map((m) => m.messageId);
    };
    expect(await run()).toEqual(await run());
  });
});
