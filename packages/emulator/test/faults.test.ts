import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, FAULT_HEADER, isConnectionReset } from '../src/index.ts';
import { type RunningEmulator, serveEmulator } from '../src/node/index.ts';
import { type Receiver, startReceiver } from './helpers/receiver.ts';
import { call, FAST, inspect, send, type Target } from './helpers/send.ts';

type Stats = { messages: { accepted: number }; faults: Record<string, number>; requests: number };
const body = { messages: [{ to: '27999000001', content: 'Hi', clientMessageId: 'f-1' }] };
const fault = (kind: string) => ({ headers: { [FAULT_HEADER]: kind } });

let receiver: Receiver;
let running: RunningEmulator;
beforeAll(async () => {
  receiver = await startReceiver();
  running = await serveEmulator({ port: 0, ...FAST, faultTimeoutMs: 100, retryAfterSeconds: 3 });
});
afterAll(async () => {
  await running.close();
  await receiver.close();
});

// The same assertions in-process and over the Node runner, each against a fresh history.
const targets: [string, () => Target][] = [
  [
    'in-process',
    () =>
      createEmulator({
        ...FAST,
        faultTimeoutMs: 100,
        retryAfterSeconds: 3,
        statusCallback: `${receiver.url}/s`,
      }),
  ],
  ['Node runner', () => running.url],
];

describe.each(targets)('faults %s', (_, make) => {
  let target: Target;
  beforeAll(() => {
    target = make();
  });
  afterAll(() => {
    if (typeof target !== 'string') target.close();
  });
  const reset = () => call(target, '/_emulator/messages', { method: 'DELETE' });
  const accepted = async () => (await inspect<Stats>(target, '/_emulator/stats')).messages.accepted;

  it('901: the retryable error, before anything is recorded', async () => {
    await reset();
    const answer = await send(target, body, fault('901'));
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ error: 'Internal error - please retry', errorCode: 901, messages: [] });
    expect(await accepted()).toBe(0);
  });

  it('500 and 429 (with Retry-After), before anything is recorded', async () => {
    await reset();
    const five = await send(target, body, fault('500'));
    expect(five.status).toBe(500);
    const many = await send(target, body, fault('429'));
    expect(many.status).toBe(429);
    expect(many.headers.get('retry-after')).toBe('3');
    expect(await accepted()).toBe(0);
  });

  it('timeout: holds the answer, then 504; nothing recorded', async () => {
    await reset();
    const started = Date.now();
    const answer = await send(target, body, fault('timeout'));
    expect(answer.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(await accepted()).toBe(0);
  });

  it('timeout-after: the message is accepted, then the answer is held and 504', async () => {
    await reset();
    const started = Date.now();
    const answer = await send(target, body, fault('timeout-after'));
    expect(answer.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    const stats = await inspect<Stats & { acceptedByClientMessageId: Record<string, number> }>(
      target,
      '/_emulator/stats',
    );
    expect(stats.faults['timeout-after']).toBe(1);
    expect(stats.acceptedByClientMessageId).toEqual({ 'f-1': 1 });
  });

  it('timeout: a client that gives up first sees its own abort', async () => {
    const init = {
      method: 'POST',
      headers: { authorization: 'local-dev-key', [FAULT_HEADER]: 'timeout' },
      body: JSON.stringify(body),
    };
    const signal = AbortSignal.timeout(20);
    const attempt =
      typeof target === 'string'
        ? fetch(`${target}/wa/messages`, { ...init, signal })
        : target.fetch(new Request('http://emulator.local/wa/messages', { ...init, signal }));
    await expect(attempt).rejects.toMatchObject({ name: expect.stringMatching(/AbortError|TimeoutError/) });
  });

  it('reset-before: the connection drops and nothing is recorded', async () => {
    await reset();
    const failure = await send(target, body, fault('reset-before')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    // In-process the cause is the emulator's reset; over the wire it is the socket closing under fetch.
    if (typeof target !== 'string') expect(isConnectionReset(failure)).toBe(true);
    else expect(String((failure as TypeError).cause)).toMatch(/other side closed|ECONNRESET|socket/i);
    expect(await accepted()).toBe(0);
  });

  it('reset-after: the connection drops, but the message was accepted and lives on', async () => {
    await reset();
    const failure = await send(target, body, fault('RESET-AFTER')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect(await accepted()).toBe(1);
    const { messages } = await inspect<{
      messages: { clientMessageId: string; plannedStatuses: number[] }[];
    }>(target, '/_emulator/messages');
    expect(messages).toMatchObject([{ clientMessageId: 'f-1', plannedStatuses: [2, 3, 4, 27] }]);
    const stats = await inspect<Stats & { acceptedByClientMessageId: Record<string, number> }>(
      target,
      '/_emulator/stats',
    );
    expect(stats.faults['reset-after']).toBe(1);
    expect(stats.acceptedByClientMessageId).toEqual({ 'f-1': 1 });
  });

  it('POST /_emulator/faults: the next requests (or those to one number) fail, then sends succeed', async () => {
    await reset();
    const add = (rule: unknown) =>
      call(target, '/_emulator/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      });
    const twice = await add({ fault: '901', times: 2, to: '+27 99 900 0002' });
    expect(twice.status).toBe(201);
    expect(await twice.json()).toMatchObject({ fault: '901', times: 2, to: '27999000002' });
    expect((await add({ fault: '429' })).status).toBe(201);
    expect(await inspect(target, '/_emulator/faults')).toMatchObject({
      faults: [
        { fault: '901', times: 2 },
        { fault: '429', times: 1 },
      ],
    });
    const other = { messages: [{ to: '27999000003', content: 'Hi', clientMessageId: 'r-3' }] };
    const aimed = { messages: [{ to: '27999000002', content: 'Hi', clientMessageId: 'r-2' }] };
    // The rule for 27999000002 skips a request without it; the catch-all rule takes that one.
    expect((await send(target, other)).status).toBe(429);
    expect((await send(target, other)).body.messages[0]?.accepted).toBe(true);
    expect((await send(target, aimed)).body.errorCode).toBe(901);
    expect((await send(target, aimed)).body.errorCode).toBe(901);
    expect((await send(target, aimed)).body.messages[0]?.accepted).toBe(true);
    expect(await inspect(target, '/_emulator/faults')).toEqual({ faults: [] });
    const stats = await inspect<Stats>(target, '/_emulator/stats');
    expect(stats.faults).toMatchObject({ '901': 2, '429': 1 });
    // Bad rules say what to fix; DELETE clears the rest, and so does the reset between tests.
    expect((await add({ fault: 'explode' })).status).toBe(400);
    expect((await add({ fault: '500', times: 0 })).status).toBe(400);
    expect((await add({ fault: '500', to: 'not a number' })).status).toBe(400);
    await add({ fault: '500', times: 5 });
    await call(target, '/_emulator/faults', { method: 'DELETE' });
    expect((await send(target, other)).status).toBe(202);
    await add({ fault: '500', times: 5 });
    await reset();
    expect((await send(target, other)).status).toBe(202);
  });

  it('an unknown fault is a 400 that lists the kinds', async () => {
    const answer = await send(target, body, fault('explode'));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/901, 500, 429, timeout, timeout-after, reset-before, reset-after/);
  });
});

describe('seeded chaos', () => {
  const statuses = async (seed: number) => {
    const emulator = createEmulator({ ...FAST, seed, chaos: { rate: 0.5, kinds: ['901', '500', '429'] } });
    const out: number[] = [];
    for (let i = 0; i < 30; i++) out.push((await send(emulator, body)).status);
    emulator.close();
    return out;
  };

  it('is deterministic under a seed and mixes kinds at about the rate', async () => {
    const a = await statuses(11);
    expect(await statuses(11)).toEqual(a);
    const faulted = a.filter((s) => s !== 202).length;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(25);
    expect(new Set(a).size).toBeGreaterThan(2);
  });

  it('rate 1 with one kind faults every request; resets surface as rejections in-process', async () => {
    const emulator = createEmulator({ ...FAST, chaos: { rate: 1, kinds: ['reset-before'] } });
    for (let i = 0; i < 3; i++) await expect(send(emulator, body)).rejects.toBeInstanceOf(TypeError);
    emulator.close();
  });

  it('the header wins over chaos', async () => {
    const emulator = createEmulator({ ...FAST, chaos: 1 });
    expect((await send(emulator, body, fault('429'))).status).toBe(429);
    emulator.close();
  });

  it('close() ends a held request with 503', async () => {
    const emulator = createEmulator({ ...FAST, faultTimeoutMs: 10_000 });
    const held = send(emulator, body, fault('timeout'));
    setTimeout(() => emulator.close(), 20);
    expect((await held).status).toBe(503);
  });
});
