import { API_ERRORS, getMessageStatus, parseCallback } from '@clickwa/core';
import { describe, expect, it } from 'vitest';
import { createEmulator, type InboundRecord, magicNumber } from '../src/index.ts';
import { closeAfterEach } from './helpers/close-after-each.ts';
import { type Receiver, startReceiver } from './helpers/receiver.ts';
import { FAST, inspect, send } from './helpers/send.ts';

const track = closeAfterEach();

const byMessage = (r: Receiver) => {
  const map = new Map<string, number[]>();
  const sorted = [...r.received].sort((a, b) => (a.body.timestamp as number) - (b.body.timestamp as number));
  for (const { body } of sorted)
    map.set(body.messageId as string, [
      ...(map.get(body.messageId as string) ?? []),
      body.statusCode as number,
    ]);
  return map;
};

describe('magic status numbers: 279999 + a 5-digit status code', () => {
  const cases: [number, number[]][] = [
    [28, [2, 28]],
    [7, [2, 7]],
    [9, [2, 3, 9]],
    [30, [2, 30]],
    [31, [2, 31]],
    [32, [2, 32]],
    [33, [2, 33]],
    [34, [2, 34]],
    [40, [2, 40]],
    [41, [2, 41]],
    [1004, [1004]],
    [1005, [1005]],
    [1006, [1006]],
    [2000, [2, 2000]],
    [2001, [2, 2001]],
    [4, [2, 3, 4]],
    [12_345, [2, 12_345]],
  ];

  it('each ends its message in that status, through real callbacks', async () => {
    const receiver = track(await startReceiver());
    const emulator = track(createEmulator({ ...FAST, statusCallback: `${receiver.url}/status` }));
    const answer = await send(emulator, {
      messages: cases.map(([code]) => ({ to: magicNumber.status(code), content: 'x' })),
    });
    await emulator.idle();
    const statuses = byMessage(receiver);
    cases.forEach(([code, path], i) => {
      const { messageId, to, accepted } = answer.body.messages[i]!;
      expect(accepted).toBe(true);
      expect(to).toBe(`279999${String(code).padStart(5, '0')}`);
      expect(statuses.get(messageId!), `status ${code}`).toEqual(path);
    });
    // A code the catalog does not know still arrives, named UNKNOWN: receivers must not break on new codes.
    const unknown = receiver.received.find((r) => r.body.statusCode === 12_345);
    expect(unknown?.body.status).toBe(getMessageStatus(12_345).status);
  });
});

describe('magic reject numbers: 279998 + a 5-digit error code', () => {
  const codes = Object.keys(API_ERRORS).map(Number);
  it.each(codes)('rejects that message with %i', async (code) => {
    const emulator = track(createEmulator({ ...FAST }));
    const to = magicNumber.reject(code);
    const answer = await send(emulator, {
      messages: [
        { to, content: 'x', clientMessageId: 'magic' },
        { to: '27999000001', content: 'fine' },
      ],
    });
    expect(answer.status).toBe(202);
    expect(answer.body.messages[0]).toMatchObject({
      accepted: false,
      errorCode: code,
      clientMessageId: 'magic',
      to,
      messageId: null,
    });
    expect(answer.body.messages[0]!.error).not.toMatch(/%s/);
    expect(answer.body.messages[1]!.accepted).toBe(true);
  });

  it('a real error still comes first: an empty text to a magic number is 100', async () => {
    const emulator = track(createEmulator({ ...FAST }));
    const answer = await send(emulator, { messages: [{ to: magicNumber.reject(901), content: '' }] });
    expect(answer.body.messages[0]!.errorCode).toBe(100);
  });
});

describe('auto-reply numbers: 279997 + any 5 digits', () => {
  it('a simulated user answers with a text reply that references the message', async () => {
    const receiver = track(await startReceiver());
    const emulator = track(
      createEmulator({
        ...FAST,
        statusCallback: `${receiver.url}/status`,
        inboundCallback: `${receiver.url}/inbound`,
      }),
    );
    const to = magicNumber.autoReply(42);
    const answer = await send(emulator, { messages: [{ to, content: 'Your order shipped' }] });
    await emulator.idle();
    const { messageId } = answer.body.messages[0]!;
    const replies = receiver.received.filter((r) => r.path === '/inbound');
    expect(replies).toHaveLength(1);
    const reply = replies[0]!.body;
    expect(reply).toMatchObject({ from: to, relatedMessageId: messageId, content: 'Re: Your order shipped' });
    expect(reply.timestamp).toBeLessThan(1e11); // seconds, as the spec's inbound samples
    const parsed = parseCallback(reply);
    expect(parsed.success && parsed.output.kind === 'message' && parsed.output.relatedMessageId).toBe(
      messageId,
    );
    // The reply comes after READ in logical time.
    const read = receiver.received.find((r) => r.body.statusCode === 27)!.body.timestamp as number;
    expect((reply.timestamp as number) * 1000).toBeGreaterThanOrEqual(Math.floor(read / 1000) * 1000);
    const { inbound } = await inspect<{ inbound: InboundRecord[] }>(emulator, '/_emulator/inbound');
    expect(inbound).toMatchObject([{ from: to, relatedMessageId: messageId, autoReply: true, type: 'text' }]);
  });
});
