import { newId, statusEvent } from '@clickwa/webhook/contract';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { bothStores } from './helpers/databases.ts';

const { stores, close } = bothStores(inject('postgresUrl'), 'numbers');
afterAll(close);

// The core takes a status code that is any integer: an undocumented one far past 32 bits must be stored as
// itself (a 503 would make the platform retry it for ever), and rank below every documented status.
describe.each(stores)('status codes of any size on %s', (_, open) => {
  it('stores them, and a documented status still wins', async () => {
    const store = await open();
    const id = newId();
    for (const [i, code] of [946_684_799_999, 9_007_199_254_740_992, 1e300].entries()) {
      const event = statusEvent(id, code, 1_760_000_000_000 + i, { status: 'UNKNOWN' });
      expect(await store.insertEvents([event])).toEqual(['inserted']);
    }
    expect((await store.getMessage(id))?.current?.code).toBe(1e300);
    await store.insertEvents([statusEvent(id, 2, 1_760_000_000_000)]);
    const found = await store.getMessage(id);
    expect(found?.current?.code).toBe(2);
    expect(found?.events.map((e) => e.statusCode).sort((a, b) => a - b)).toEqual([
      2, 946_684_799_999, 9_007_199_254_740_992, 1e300,
    ]);
  });
});
