import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type MessageRecord, magicNumber } from '../src/index.ts';
import { closeAfterEach } from './helpers/close-after-each.ts';
import { startReceiver } from './helpers/receiver.ts';
import { call, FAST, inspect, send } from './helpers/send.ts';

const track = closeAfterEach();

const planned = async (target: Emulator, messageId: string | null) =>
  (await inspect<MessageRecord>(target, `/_emulator/messages/${messageId}`)).plannedStatuses;

const inbound = (target: Emulator, body: Record<string, unknown>) =>
  call(target, '/_emulator/inbound', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('sandbox integrations (spec 2.2 a)', () => {
  it('deliver to registered test phones; other numbers end in 1006 EMULATED; magic numbers still act', async () => {
    const receiver = track(await startReceiver());
    const emulator = track(
      createEmulator({
        ...FAST,
        sandbox: true,
        testPhones: ['+27 99 900 0001'],
        statusCallback: `${receiver.url}/s`,
      }),
    );
    const answer = await send(emulator, {
      messages: [
        { to: '27999000001', content: 'test phone' },
        { to: '27999000002', content: 'not a test phone' },
        { to: magicNumber.status(28), content: 'magic' },
      ],
    });
    expect(answer.body.messages.every((m) => m.accepted)).toBe(true);
    const [a, b, c] = answer.body.messages.map((m) => m.messageId);
    await emulator.idle();
    expect(await planned(emulator, a!)).toEqual([2, 3, 4, 27]);
    expect(await planned(emulator, b!)).toEqual([1006]);
    expect(await planned(emulator, c!)).toEqual([2, 28]);
    const emulated = receiver.received.filter((r) => r.body.messageId === b);
    expect(emulated.map((r) => [r.body.statusCode, r.body.status])).toEqual([[1006, 'EMULATED']]);
    expect(emulator.integrations[0]!.sandbox).toBe(true);
  });
});

describe('customer-care window (spec 3.3)', () => {
  it('freeform to a number that has not written in 24 hours ends in 7; templates pass; an inbound message opens it', async () => {
    let now = Date.UTC(2026, 0, 1);
    const emulator = track(createEmulator({ ...FAST, careWindow: true, now: () => now }));
    const text = { to: '27999000001', content: 'freeform' };
    const template = {
      to: '27999000001',
      hsm: { template: 'payment_alert', parameters: { '1': '$1', '2': '2' } },
    };
    const first = await send(emulator, { messages: [text, template] });
    expect(await planned(emulator, first.body.messages[0]!.messageId)).toEqual([2, 7]);
    expect(await planned(emulator, first.body.messages[1]!.messageId)).toEqual([2, 3, 4, 27]);

    expect((await inbound(emulator, { from: '+27 99 900 0001', content: 'hello' })).status).toBe(202);
    now += 23 * 3_600_000;
    const inside = await send(emulator, { messages: [text] });
    expect(await planned(emulator, inside.body.messages[0]!.messageId)).toEqual([2, 3, 4, 27]);

    now += 2 * 3_600_000;
    const after = await send(emulator, { messages: [text] });
    expect(await planned(emulator, after.body.messages[0]!.messageId)).toEqual([2, 7]);
  });

  it('is off by default', async () => {
    const emulator = track(createEmulator({ ...FAST }));
    const answer = await send(emulator, { messages: [{ to: '27999000001', content: 'freeform' }] });
    expect(await planned(emulator, answer.body.messages[0]!.messageId)).toEqual([2, 3, 4, 27]);
  });
});

describe('two integrations (a sandbox and a production one)', () => {
  it('each has its own key and callback URLs, and its name and id in every callback', async () => {
    const receiver = track(await startReceiver());
    const emulator = track(
      createEmulator({
        ...FAST,
        integrations: [
          {
            name: 'Sandbox',
            apiKey: 'sandbox-key',
            sandbox: true,
            statusCallback: `${receiver.url}/sandbox/status`,
            inboundCallback: `${receiver.url}/sandbox/inbound`,
          },
          {
            name: 'Production',
            apiKey: 'prod-key',
            statusCallback: `${receiver.url}/prod/status`,
            inboundCallback: `${receiver.url}/prod/inbound`,
          },
        ],
      }),
    );
    const [sandbox, prod] = emulator.integrations;
    expect(sandbox!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(prod!.id).not.toBe(sandbox!.id);
    const viaSandbox = await send(
      emulator,
      { messages: [{ to: '27999000001', content: 'a' }] },
      { key: 'sandbox-key' },
    );
    const viaProd = await send(
      emulator,
      { messages: [{ to: '27999000001', content: 'b' }] },
      { key: 'prod-key' },
    );
    expect((await send(emulator, { messages: [{ to: '27999000001', content: 'c' }] })).body.errorCode).toBe(
      1,
    );
    await inbound(emulator, { from: '27999000001', content: 'to prod', integration: 'Production' });
    await inbound(emulator, { from: '27999000001', content: 'to sandbox by id', integration: sandbox!.id });
    await emulator.idle();

    const at = (path: string) => receiver!.received.filter((r) => r.path === path).map((r) => r.body);
    expect(at('/sandbox/status').map((b) => b.statusCode)).toEqual([1006]);
    expect(at('/sandbox/status')[0]).toMatchObject({
      integrationId: sandbox!.id,
      integrationName: 'Sandbox',
      messageId: viaSandbox.body.messages[0]!.messageId,
    });
    expect(at('/prod/status')).toHaveLength(4);
    for (const b of at('/prod/status'))
      expect(b).toMatchObject({
        integrationId: prod!.id,
        integrationName: 'Production',
        messageId: viaProd.body.messages[0]!.messageId,
      });
    expect(at('/prod/inbound')).toMatchObject([
      { content: 'to prod', integrationId: prod!.id, integrationName: 'Production' },
    ]);
    expect(at('/sandbox/inbound')).toMatchObject([
      { content: 'to sandbox by id', integrationId: sandbox!.id },
    ]);
  });

  it('integration ids are stable across restarts and can be set', () => {
    const make = () =>
      createEmulator({
        integrations: [
          { name: 'A', apiKey: 'k' },
          { name: 'B', apiKey: 'j', id: 'fa8090815f05d5ed015f0b5b56080cd2' },
        ],
      });
    const one = make();
    const two = make();
    expect(one.integrations).toEqual(two.integrations);
    expect(one.integrations[1]!.id).toBe('fa8090815f05d5ed015f0b5b56080cd2');
    one.close();
    two.close();
  });
});

describe('configuration mistakes fail at creation, saying what to fix', () => {
  it.each([
    [{ apiKey: 'x', integrations: [{ name: 'a', apiKey: 'k' }] }, /per integration/],
    [
      {
        integrations: [
          { name: 'a', apiKey: 'k' },
          { name: 'b', apiKey: 'k' },
        ],
      },
      /reuses/,
    ],
    [
      {
        integrations: [
          { name: 'a', apiKey: 'k' },
          { name: 'a', apiKey: 'j' },
        ],
      },
      /Two integrations/,
    ],
    [{ integrations: [] }, /at least one/],
    [{ statusCallback: 'localhost:3000/status' }, /http\(s\) URL/],
    [{ testPhones: ['0821234567'] }, /Test phone/],
    [{ duplicateRate: 2 }, /between 0 and 1/],
    [{ stepMs: -1 }, />= 0/],
    [{ chaos: { rate: 0.1, kinds: ['boom' as never] } }, /Unknown chaos kind/],
    [{ templates: { 'Bad Name': 'x' } }, /lowercase/],
  ])('%j', (options, message) => {
    expect(() => createEmulator(options)).toThrow(message);
  });
});
