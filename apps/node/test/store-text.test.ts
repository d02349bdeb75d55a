import { inboundText, newId, outboundRecord, statusEvent } from '@clickwa/webhook/contract';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { bothStores } from './helpers/databases.ts';

const NUL = String.fromCharCode(0);
const { stores, close } = bothStores(inject('postgresUrl'), 'text');
afterAll(close);

// A JSON string may carry U+0000 ("\u0000"), which Postgres text refuses: such an id must be kept as itself,
// never refused (a 503 the platform would retry for ever) and never confused with its escaped spelling.
describe.each(stores)('ids with U+0000 and backslashes on %s', (_, open) => {
  it('stores, finds and hands on each as itself', async () => {
    const store = await open();
    const base = newId();
    const ids = [`${base}${NUL}x`, `${base}\\0x`, `${base}\\${NUL}x`, `${base}\\\\0x`];
    for (const id of ids)
      expect(await store.insertEvents([statusEvent(id, 4, 1_760_000_000_000)])).toEqual(['inserted']);
    for (const id of ids) {
      expect((await store.getMessage(id))?.events.map((e) => e.messageId)).toEqual([id]);
      expect(await store.getEvent(`status:${id}:4:1760000000000`)).toMatchObject({ messageId: id });
    }
    const claimed = await store.claimOutbox({ limit: 10_000, leaseMs: 1, now: 1_900_000_000_000 });
    expect(
      claimed
        .filter((c) => c.messageId.startsWith(base))
        .map((c) => c.messageId)
        .sort(),
    ).toEqual([...ids].sort());

    const named = statusEvent(`${base}s`, 27, 1_760_000_000_000, { status: `READ${NUL}\\0` });
    await store.insertEvents([named]);
    expect((await store.getMessage(named.messageId))?.current?.status).toBe(named.status);

    const from = `2799${NUL}${base.slice(0, 6)}`;
    const message = inboundText(from, 1_760_000_000_000, { content: `hi${NUL}` });
    await store.insertEvents([message]);
    expect((await store.getConversation(from)).inbound).toEqual([message]);
    expect(await store.lastInboundAt([from])).toEqual(new Map([[from, 1_760_000_000_000]]));

    const sent = outboundRecord(from, 1_760_000_000_000, {
      clientMessageId: `c${NUL}${base}`,
      content: `x${NUL}`,
    });
    await store.recordOutbound([sent]);
    expect((await store.findByClientMessageId(sent.clientMessageId)).map((m) => m.outbound)).toEqual([sent]);
    expect(await store.getQuarantined(`q${NUL}`)).toBeNull();
  });
});
