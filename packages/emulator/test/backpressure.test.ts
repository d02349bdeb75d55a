import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.ts';
import { closeAfterEach } from './helpers/close-after-each.ts';
import { startReceiver } from './helpers/receiver.ts';
import { call, FAST, inspect, send } from './helpers/send.ts';

const track = closeAfterEach();

describe('bounded pending callbacks', () => {
  it('past the bound, sends answer 901 (retryable) and nothing is recorded; once drained they pass again', async () => {
    const receiver = track(await startReceiver(() => ({ status: 200, delayMs: 100 })));
    const emulator = track(
      createEmulator({ ...FAST, maxPendingCallbacks: 8, statusCallback: `${receiver.url}/s` }),
    );
    const two = {
      messages: [
        { to: '27999000001', content: 'a' },
        { to: '27999000002', content: 'b' },
      ],
    };
    expect((await send(emulator, two)).body.messages.every((m) => m.accepted)).toBe(true);
    const busy = await send(emulator, {
      messages: [{ to: '27999000003', content: 'c', clientMessageId: 'later' }],
    });
    expect(busy.status).toBe(202);
    expect(busy.body).toEqual({ error: 'Internal error - please retry', errorCode: 901, messages: [] });
    const stats = await inspect<{
      messages: { accepted: number };
      errorCodes: Record<string, number>;
      callbacks: { pending: number };
    }>(emulator, '/_emulator/stats');
    expect(stats.messages.accepted).toBe(2);
    expect(stats.errorCodes['901']).toBe(1);
    expect(stats.callbacks.pending).toBeLessThanOrEqual(8);
    // Simulated users are refused too while the queue is full.
    const inbound = await call(emulator, '/_emulator/inbound', {
      method: 'POST',
      body: JSON.stringify({ from: '27999000001', content: 'x' }),
    });
    expect(inbound.status).toBe(503);
    await emulator.idle();
    expect(
      (await send(emulator, { messages: [{ to: '27999000003', content: 'c' }] })).body.messages[0]!.accepted,
    ).toBe(true);
    await emulator.idle();
    expect(receiver.received).toHaveLength(12);
  });

  it('a single request larger than the bound still passes when nothing is pending', async () => {
    const receiver = track(await startReceiver());
    const emulator = track(
      createEmulator({ ...FAST, maxPendingCallbacks: 2, statusCallback: `${receiver.url}/s` }),
    );
    expect(
      (await send(emulator, { messages: [{ to: '27999000001', content: 'a' }] })).body.messages[0]!.accepted,
    ).toBe(true);
    await emulator.idle();
  });
});
