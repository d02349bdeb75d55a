import {
  getMessageStatus,
  isNewerStatus,
  MESSAGE_STATUSES,
  ONE_API_STATUSES,
  type StatusPoint,
} from '@clickwa/core';
import { describe, expect, it } from 'vitest';
import type { InsertOutcome, Store, StoredEvent, StoredStatusEvent } from '../store.ts';
import { inboundText, newId, newMsisdn, outboundRecord, prng, shuffle, statusEvent } from './fixtures.ts';
import { runFaultInjection } from './run-fault-injection.ts';

/** Options of `runStoreContract`. */
export interface StoreContractOptions {
  /** Random orders tried by the status-order property. Default 25. */
  readonly orders?: number;
}

const T0 = 1_700_000_000_000;
const CODES = Object.keys(MESSAGE_STATUSES).map(Number);
const ONE_API_CODES = Object.keys(ONE_API_STATUSES).map(Number);

/** What the core decides for events applied in this order. */
function foldStatus(events: readonly StoredStatusEvent[]): StatusPoint | null {
  let current: StatusPoint | null = null;
  for (const e of events) {
    if (isNewerStatus(current, e)) current = { code: e.statusCode, timestamp: e.timestamp, api: e.api };
  }
  return current;
}

/** One event through `insertEvents`, its outcome. */
async function insertOne(store: Store, event: StoredEvent): Promise<InsertOutcome> {
  const outcomes = await store.insertEvents([event]);
  expect(outcomes).toHaveLength(1);
  return outcomes[0]!;
}

/** Marks every pending outbox entry done, so a test sees only its own. */
async function drainAll(store: Store, now: number): Promise<void> {
  for (;;) {
    const claimed = await store.claimOutbox({ limit: 1000, leaseMs: 1, now: now + 3_600_000 });
    if (claimed.length === 0) return;
    await store.completeOutbox(
      claimed.map((c) => c.id),
      now,
    );
  }
}

async function bytesOf(body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/**
 * The storage contract every `Store` adapter must pass, as vitest tests. `makeStore` may return a fresh store
 * or a shared one: every test uses its own ids and numbers.
 *
 * @example
 * import { runStoreContract } from '@clickwa/webhook/contract';
 * runStoreContract('D1 + R2', () => createD1Store(env.DB, env.MEDIA));
 */
export function runStoreContract(
  name: string,
  makeStore: () => Store | Promise<Store>,
  options: StoreContractOptions = {},
): void {
  const orders = options.orders ?? 25;

  describe(`Store contract: ${name}`, () => {
    it('stores an event once: the same key again is a duplicate', async () => {
      const store = await makeStore();
      const id = newId();
      const event = statusEvent(id, 4, T0, { clientMessageId: 'c1', extra: { region: 'eu' } });
      expect(await insertOne(store, event)).toBe('inserted');
      expect(await insertOne(store, { ...event, receivedAt: T0 + 99 })).toBe('duplicate');
      const found = await store.getMessage(id);
      expect(found?.events).toEqual([event]);
      expect(found?.current).toEqual({
        code: 4,
        status: 'RECEIVED_BY_RECIPIENT',
        timestamp: T0,
        api: 'wa',
        lifecycle: 'delivered',
      });
    });

    it('lets exactly one of many concurrent inserts of one event through', async () => {
      const store = await makeStore();
      const event = inboundText(newMsisdn(), T0);
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => insertOne(store, event)));
      expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
      expect((await store.getConversation(event.from)).inbound).toEqual([event]);
    });

    it('keeps the status the core decides is newest, whatever the arrival order', async () => {
      const store = await makeStore();
      const id = newId();
      await insertOne(store, statusEvent(id, 27, T0 + 3000));
      await insertOne(store, statusEvent(id, 2, T0 + 4000)); // a late QUEUED
      expect((await store.getMessage(id))?.current?.code).toBe(27);
      await insertOne(store, statusEvent(id, 3, T0 + 500)); // a late DELIVERED_TO_GATEWAY
      expect((await store.getMessage(id))?.current).toEqual({
        code: 27,
        status: 'READ',
        timestamp: T0 + 3000,
        api: 'wa',
        lifecycle: 'read',
      });
    });

    // Proof of delivery outranks every failure; a failure outranks everything before delivery.
    it.each([
      [
        'a stale failure after READ',
        [
          [27, 2400],
          [9, 1000],
        ],
        [27, 2400],
      ],
      [
        'a stale failure after RECEIVED_BY_RECIPIENT',
        [
          [4, 2400],
          [9, 1000],
        ],
        [4, 2400],
      ],
      [
        'a late failure after READ',
        [
          [27, 2400],
          [9, 3000],
        ],
        [27, 2400],
      ],
      [
        'READ after a failure',
        [
          [9, 1000],
          [27, 2400],
        ],
        [27, 2400],
      ],
      [
        'RECEIVED_BY_RECIPIENT after a failure stamped later',
        [
          [9, 3000],
          [4, 2400],
        ],
        [4, 2400],
      ],
      [
        'a failure after DELIVERED_TO_GATEWAY',
        [
          [3, 2000],
          [9, 1000],
        ],
        [9, 1000],
      ],
      [
        'a failure after QUEUED',
        [
          [2, 2000],
          [28, 1000],
        ],
        [28, 1000],
      ],
      [
        'a late QUEUED after a failure',
        [
          [28, 1000],
          [2, 2000],
        ],
        [28, 1000],
      ],
    ] as const)('keeps the right status on %s', async (_, arrivals, [code, at]) => {
      const store = await makeStore();
      const id = newId();
      for (const [c, t] of arrivals) await insertOne(store, statusEvent(id, c, T0 + t));
      expect((await store.getMessage(id))?.current).toEqual({
        code,
        status: getMessageStatus(code).status,
        timestamp: T0 + at,
        api: 'wa',
        lifecycle: getMessageStatus(code).lifecycle,
      });
    });

    it('agrees with isNewerStatus on random histories in random orders', async () => {
      const store = await makeStore();
      const random = prng(0xc11c);
      for (let round = 0; round < orders; round++) {
        const id = newId();
        const events = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) =>
          statusEvent(
            id,
            CODES[Math.floor(random() * CODES.length)]!,
            T0 + i * 1000 + Math.floor(random() * 900),
          ),
        );
        const arrival = shuffle(events, random);
        for (const e of arrival) await insertOne(store, e);
        const expected = foldStatus(arrival);
        const current = (await store.getMessage(id))?.current;
        expect({ round, code: current?.code, timestamp: current?.timestamp }).toEqual({
          round,
          code: expected?.code,
          timestamp: expected?.timestamp,
        });
      }
    });

    it('agrees with isNewerStatus on random One API histories, ranked by its own catalog', async () => {
      const store = await makeStore();
      const random = prng(0x0a91);
      for (let round = 0; round < orders; round++) {
        const id = newId();
        const events = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) =>
          statusEvent(
            id,
            ONE_API_CODES[Math.floor(random() * ONE_API_CODES.length)]!,
            T0 + i * 1000 + Math.floor(random() * 900),
            { api: 'one' },
          ),
        );
        const arrival = shuffle(events, random);
        // Half the rounds arrive as one body, half one callback each.
        if (round % 2 === 0) await store.insertEvents(arrival);
        else for (const e of arrival) await insertOne(store, e);
        const expected = foldStatus(arrival);
        const current = (await store.getMessage(id))?.current;
        expect({ round, code: current?.code, timestamp: current?.timestamp, api: current?.api }).toEqual({
          round,
          code: expected?.code,
          timestamp: expected?.timestamp,
          api: 'one',
        });
      }
    });

    it('ranks One API codes by the One API catalog: 27 is VOLUME_LIMIT_DAILY there, not READ', async () => {
      const store = await makeStore();
      const one = newId();
      // One API: DEVICE_ACK (5) proves delivery; a later VOLUME_LIMIT_DAILY (27) is a stale failure.
      await store.insertEvents([
        statusEvent(one, 5, T0 + 2400, { api: 'one', channel: 'whatsapp' }),
        statusEvent(one, 27, T0 + 3000, { api: 'one' }),
      ]);
      const found = await store.getMessage(one);
      expect(found?.current).toEqual({
        code: 5,
        status: 'DEVICE_ACK',
        timestamp: T0 + 2400,
        api: 'one',
        lifecycle: 'delivered',
      });
      expect([...(found?.events ?? [])].sort((a, b) => a.timestamp - b.timestamp)).toEqual([
        statusEvent(one, 5, T0 + 2400, { api: 'one', channel: 'whatsapp' }),
        statusEvent(one, 27, T0 + 3000, { api: 'one' }),
      ]);
      expect(found?.events.find((e) => e.statusCode === 27)).toMatchObject({
        api: 'one',
        status: 'VOLUME_LIMIT_DAILY',
        lifecycle: 'failed',
      });
      // The legacy API: READ (27) outranks RECEIVED_BY_RECIPIENT (4).
      const wa = newId();
      await store.insertEvents([statusEvent(wa, 4, T0 + 2400), statusEvent(wa, 27, T0 + 3000)]);
      expect((await store.getMessage(wa))?.current).toMatchObject({ code: 27, api: 'wa', lifecycle: 'read' });
      // One API READ (6) after a failure stamped later.
      const read = newId();
      await store.insertEvents([
        statusEvent(read, 23, T0 + 3000, { api: 'one' }),
        statusEvent(read, 6, T0 + 2000, { api: 'one' }),
      ]);
      expect((await store.getMessage(read))?.current).toMatchObject({
        code: 6,
        status: 'READ',
        lifecycle: 'read',
      });
    });

    it('stores the events of one call in order, each deduplicated by its own key', async () => {
      const store = await makeStore();
      await drainAll(store, T0);
      const id = newId();
      const from = newMsisdn();
      const first = statusEvent(id, 2, T0, { api: 'one' });
      expect(await store.insertEvents([first])).toEqual(['inserted']);
      const text = inboundText(from, T0 + 10, { api: 'one', to: '27830000001', profileName: 'Thandi' });
      const later = statusEvent(id, 4, T0 + 20, { api: 'one' });
      const outcomes = await store.insertEvents([
        first,
        text,
        later,
        text,
        { ...later, receivedAt: T0 + 99 },
      ]);
      expect(outcomes).toEqual(['duplicate', 'inserted', 'inserted', 'duplicate', 'duplicate']);
      expect(await store.insertEvents([])).toEqual([]);
      expect(await store.getEvent(text.key)).toEqual(text);
      expect((await store.getMessage(id))?.events).toHaveLength(2);
      expect((await store.getMessage(id))?.current).toMatchObject({ code: 4, api: 'one', lifecycle: 'sent' });
      const claimed = await store.claimOutbox({ limit: 1000, leaseMs: 60_000, now: T0 });
      const mine = new Set([first.key, text.key, later.key]);
      expect(claimed.filter((c) => mine.has(c.key)).map((c) => c.key)).toEqual([
        first.key,
        text.key,
        later.key,
      ]);
    });

    it('writes all of a call or nothing: an event that cannot be stored leaves none of the others', async () => {
      const store = await makeStore();
      await drainAll(store, T0);
      const id = newId();
      await insertOne(store, statusEvent(id, 2, T0, { api: 'one' }));
      const from = newMsisdn();
      const good = [
        statusEvent(id, 6, T0 + 100, { api: 'one' }),
        inboundText(from, T0 + 200, { api: 'one' }),
      ];
      for (const timestamp of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const broken = statusEvent(newId(), 4, T0, { api: 'one', timestamp, key: `status:${newId()}:4:x` });
        await expect(store.insertEvents([...good, broken])).rejects.toThrow();
        await expect(store.insertEvents([good[0]!, broken, good[1]!])).rejects.toThrow();
      }
      for (const e of good) expect(await store.getEvent(e.key)).toBeNull();
      expect((await store.getMessage(id))?.current).toMatchObject({ code: 2, api: 'one' });
      expect((await store.getMessage(id))?.events).toHaveLength(1);
      expect((await store.getConversation(from)).inbound).toEqual([]);
      const claimed = await store.claimOutbox({ limit: 1000, leaseMs: 60_000, now: T0 });
      expect(claimed.filter((c) => good.some((e) => e.key === c.key))).toEqual([]);
      expect(await store.insertEvents(good)).toEqual(['inserted', 'inserted']);
      expect((await store.getMessage(id))?.current).toMatchObject({ code: 6, lifecycle: 'read' });
    });

    it('lets each key through once across concurrent calls that share events, without deadlock', async () => {
      const store = await makeStore();
      const random = prng(0xb0d1);
      // Rounds of calls whose events of one message interleave: a store that locks a message's status row
      // per event, in key order, deadlocks here.
      for (let round = 0; round < 10; round++) {
        const ids = [newId(), newId(), newId()];
        const events = [
          ...ids.flatMap((id) =>
            [2, 4, 5, 6].map((code, i) => statusEvent(id, code, T0 + i, { api: 'one' })),
          ),
          inboundText(newMsisdn(), T0, { api: 'one' }),
        ];
        const calls = Array.from({ length: 10 }, () =>
          shuffle(events, random).slice(0, 1 + Math.floor(random() * 8)),
        );
        const outcomes = await Promise.all(calls.map((call) => store.insertEvents(call)));
        const inserted = calls.flatMap((call, i) => call.filter((_, j) => outcomes[i]![j] === 'inserted'));
        expect(new Set(inserted.map((e) => e.key)).size).toBe(inserted.length);
        for (const id of ids) {
          const found = await store.getMessage(id);
          expect(found?.events.length ?? 0).toBe(inserted.filter((e) => e.messageId === id).length);
          if (found?.events.length)
            expect(found.current).toMatchObject({ api: 'one', code: foldStatus(found.events)!.code });
        }
      }
    });

    it('keeps a One API message whole: api, recipient, profile, reply ids and files sent by reference', async () => {
      const store = await makeStore();
      const from = newMsisdn();
      const files = [
        {
          downloadUrl: 'https://platform.clickatell.com/v1/media?fileId=abc&sha256Hash=00&source=client',
          contentType: 'image/jpeg',
          declaredSha256: 'cd'.repeat(32),
          byteSize: 48_213,
          fileName: 'photo.jpg',
        },
        {
          downloadUrl: 'https://platform.clickatell.com/v1/media?fileId=def&source=client',
          contentType: 'application/pdf',
          declaredSha256: null,
          byteSize: null,
          fileName: null,
        },
      ];
      const media = inboundText(from, T0, {
        api: 'one',
        type: 'media',
        content: null,
        media: null,
        files,
        caption: 'Two files',
        to: '27830000001',
        profileName: 'Thandi',
        channel: 'whatsapp',
        relatedMessageId: newId(),
        relatedClientMessageId: 'order-42',
      });
      expect(await store.insertEvents([media])).toEqual(['inserted']);
      expect(await store.getEvent(media.key)).toEqual(media);
      expect((await store.getConversation(from)).inbound).toEqual([media]);
      const claimed = await store.claimOutbox({ limit: 1000, leaseMs: 1, now: T0 + 3_600_000 });
      expect(claimed.find((c) => c.key === media.key)?.event).toEqual(media);
      const sent = outboundRecord(from, T0, { api: 'one' });
      await store.recordOutbound([sent]);
      expect((await store.getMessage(sent.messageId!))?.outbound).toEqual(sent);
    });

    it('decides the current status atomically under concurrent callbacks', async () => {
      const store = await makeStore();
      const id = newId();
      const life = [2, 3, 4, 27].map((code, i) => statusEvent(id, code, T0 + i * 1000));
      const all = shuffle([...life, ...life, ...life], prng(7));
      await Promise.all(all.map((e) => insertOne(store, e)));
      const found = await store.getMessage(id);
      expect(found?.current?.code).toBe(27);
      expect(found?.events).toHaveLength(4);
    });

    it('refuses an event a column cannot hold with an error, never as a duplicate', async () => {
      const store = await makeStore();
      const id = newId();
      for (const timestamp of [Number.NaN, Number.NEGATIVE_INFINITY]) {
        const broken = statusEvent(id, 4, T0, { timestamp, key: `status:${id}:4:${timestamp}` });
        await expect(insertOne(store, broken)).rejects.toThrow();
      }
      expect(await store.getMessage(id)).toBeNull();
      expect(await insertOne(store, statusEvent(id, 4, T0))).toBe('inserted');
    });

    it('finds a message by its id only: a key prefix of another id is another message', async () => {
      const store = await makeStore();
      const id = newId();
      const others = [`${id}:anything`, `${id}%`, `${id}_`, `${id};`, `${id}:4:${T0}`];
      await insertOne(store, statusEvent(id, 3, T0));
      for (const other of others) {
        await insertOne(store, statusEvent(other, 27, T0 + 1000, { clientMessageId: 'prefix-test' }));
      }
      const found = await store.getMessage(id);
      expect(found?.events.map((e) => e.messageId)).toEqual([id]);
      expect(found?.current?.code).toBe(3);
      for (const other of others) {
        expect((await store.getMessage(other))?.events.map((e) => e.messageId)).toEqual([other]);
      }
    });

    it('keeps blobs by content hash, written only when absent', async () => {
      const store = await makeStore();
      const bytes = crypto.getRandomValues(new Uint8Array(3000));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      const sha = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      await store.putBlob(sha, bytes);
      await store.putBlob(sha, new Uint8Array(10)); // a second write under the hash changes nothing
      const blob = await store.getBlob(sha);
      expect(blob?.size).toBe(3000);
      expect(await bytesOf(blob!.body)).toEqual(bytes);
      expect(await store.getBlob(newId() + newId())).toBeNull();
    });

    it('writes an outbox entry with each new event, and none for a duplicate', async () => {
      const store = await makeStore();
      await drainAll(store, T0);
      const event = inboundText(newMsisdn(), T0);
      await insertOne(store, event);
      await insertOne(store, event);
      const claimed = await store.claimOutbox({ limit: 1000, leaseMs: 60_000, now: T0 });
      expect(claimed.filter((c) => c.key === event.key)).toEqual([
        {
          id: expect.any(String),
          key: event.key,
          kind: 'message',
          messageId: event.messageId,
          event,
          attempts: 1,
        },
      ]);
    });

    it('leases outbox entries: a claimed entry comes back only when its lease ran out, until done', async () => {
      const store = await makeStore();
      await drainAll(store, T0);
      const event = statusEvent(newId(), 3, T0);
      await insertOne(store, event);
      const mine = async (now: number) =>
        (await store.claimOutbox({ limit: 1000, leaseMs: 10_000, now })).filter((c) => c.key === event.key);
      const [first] = await mine(T0);
      expect(first?.attempts).toBe(1);
      expect(await mine(T0 + 5_000)).toEqual([]);
      const [again] = await mine(T0 + 10_000);
      expect(again).toMatchObject({ id: first!.id, attempts: 2 });
      expect(await store.pendingOutbox()).toBeGreaterThanOrEqual(1);
      await store.completeOutbox([first!.id], T0 + 11_000);
      expect(await mine(T0 + 99_000)).toEqual([]);
      await store.pruneOutbox(T0 + 11_000); // what earlier tests completed
      expect(await store.pruneOutbox(T0 + 11_000)).toBe(0); // done at T0 + 11,000: not before it
      expect(await store.pruneOutbox(T0 + 11_001)).toBe(1);
    });

    it('stores and serves back an event larger than a database row (2,000,000 bytes)', async () => {
      const store = await makeStore();
      const event = inboundText(newMsisdn(), T0, { content: 'é'.repeat(1_000_000) + 'x'.repeat(100) });
      expect(await insertOne(store, event)).toBe('inserted');
      expect(await store.getEvent(event.key)).toEqual(event);
      expect((await store.getConversation(event.from)).inbound).toEqual([event]);
      const claimed = (await store.claimOutbox({ limit: 1000, leaseMs: 1, now: T0 })).find(
        (c) => c.key === event.key,
      );
      expect(claimed?.event === null || claimed?.event?.key === event.key).toBe(true);
      expect(await store.getEvent(`message:${newId()}`)).toBeNull();
    });

    it('quarantines a callback once, lists it until resolved', async () => {
      const store = await makeStore();
      const id = newId() + newId();
      const entry = {
        id,
        route: 'POST /clickatell/inbound',
        reason: 'not-a-callback' as const,
        issues: ['timestamp: must be a time between 2000 and 2100'],
        body: `{"big":"${'ü'.repeat(1_000_001)}"}`,
        receivedAt: T0,
      };
      await store.quarantine(entry);
      await store.quarantine({ ...entry, receivedAt: T0 + 1 });
      expect(await store.getQuarantined(id)).toEqual({ ...entry, resolvedAt: null });
      expect((await store.listQuarantine({ limit: 1000 })).filter((q) => q.id === id)).toHaveLength(1);
      await store.resolveQuarantine(id, T0 + 5);
      expect((await store.listQuarantine({ limit: 1000 })).some((q) => q.id === id)).toBe(false);
      expect((await store.listQuarantine({ limit: 1000, resolved: true })).find((q) => q.id === id)).toEqual({
        ...entry,
        resolvedAt: T0 + 5,
      });
      expect(await store.getQuarantined(newId())).toBeNull();
    });

    it('joins outbound records and statuses, in either order of arrival', async () => {
      const store = await makeStore();
      const to = newMsisdn();
      const early = outboundRecord(to, T0);
      await insertOne(store, statusEvent(early.messageId!, 3, T0 + 500)); // the callback beat the record
      await store.recordOutbound([early]);
      const found = await store.getMessage(early.messageId!);
      expect(found?.outbound).toEqual(early);
      expect(found?.current?.code).toBe(3);
      const late = outboundRecord(to, T0 + 10);
      await store.recordOutbound([late]);
      expect((await store.getMessage(late.messageId!))?.current).toBeNull();
      await store.recordOutbound([{ ...late, outcome: 'accepted', caption: 'again' }]);
      expect((await store.getMessage(late.messageId!))?.outbound?.caption).toBe('again');
      expect(await store.getMessage(newId())).toBeNull();
    });

    it('finds messages by clientMessageId: records, unaccepted sends and callbacks, newest first', async () => {
      const store = await makeStore();
      const clientMessageId = newId();
      const rejected = outboundRecord(newMsisdn(), T0, {
        clientMessageId,
        messageId: null,
        outcome: 'rejected',
        error: { code: 150, description: 'Invalid country code', retryable: false },
      });
      const accepted = outboundRecord(rejected.to, T0 + 1000, { clientMessageId });
      await store.recordOutbound([rejected, accepted]);
      const foreign = newId(); // sent by another system: only its callbacks are here
      await insertOne(store, statusEvent(foreign, 2, T0 + 2000, { clientMessageId }));
      const found = await store.findByClientMessageId(clientMessageId);
      expect(found.map((m) => m.messageId)).toEqual([foreign, accepted.messageId, null]);
      expect(found[2]?.outbound).toEqual(rejected);
      expect(await store.findByClientMessageId(newId())).toEqual([]);
    });

    it('reads a conversation both ways, with current statuses, bounded by limit', async () => {
      const store = await makeStore();
      const to = newMsisdn();
      const sent = outboundRecord(to, T0, { kind: 'text', template: null, content: 'Hello' });
      await store.recordOutbound([sent, outboundRecord(newMsisdn(), T0)]); // and another thread
      await insertOne(store, statusEvent(sent.messageId!, 27, T0 + 100));
      const reply = inboundText(to, T0 + 200, { relatedMessageId: sent.messageId });
      const media = inboundText(to, T0 + 300, {
        type: 'media',
        content: null,
        media: {
          sha256: 'ab'.repeat(32),
          contentType: 'image/jpeg',
          size: 10,
          caption: 'My First Image',
          declaredSha256: null,
        },
        extra: { future: { nested: [1, 2] } },
      });
      const location = inboundText(to, T0 + 400, {
        type: 'location',
        content: null,
        location: { latitude: 37.5, longitude: -122.2, name: 'Clickatell', address: '900 Island Dr' },
      });
      for (const m of [reply, media, location]) await insertOne(store, m);
      const thread = await store.getConversation(to);
      expect(thread.outbound).toEqual([sent]);
      expect([...thread.inbound].sort((a, b) => a.timestamp - b.timestamp)).toEqual([reply, media, location]);
      expect(thread.statuses).toEqual({
        [sent.messageId!]: { code: 27, status: 'READ', timestamp: T0 + 100, api: 'wa', lifecycle: 'read' },
      });
      const latest = await store.getConversation(to, { limit: 1 });
      expect(latest.inbound).toEqual([location]);
      expect((await store.getConversation(newMsisdn())).inbound).toEqual([]);
    });

    it('records many sends in one write; the last record of a messageId wins', async () => {
      const store = await makeStore();
      const to = newMsisdn();
      const records = Array.from({ length: 1000 }, (_, index) =>
        outboundRecord(to, T0, { index, content: 'é'.repeat(2000) }),
      );
      const replaced = { ...records[7]!, caption: 'replaced' };
      await store.recordOutbound([...records, replaced]);
      expect((await store.getConversation(to, { limit: 1000 })).outbound).toHaveLength(1000);
      expect((await store.getMessage(replaced.messageId!))?.outbound).toEqual(replaced);
    });

    it('keeps the promise under storage and hand-off faults: a 2xx is stored and handed off, anything else left no trace', async () => {
      const store = await makeStore();
      await drainAll(store, T0);
      const report = await runFaultInjection(store, { seed: 0xfa17, callbacks: 120, failureRate: 0.3 });
      expect(report.acknowledged).toBeGreaterThan(0);
      expect(report.refused).toBeGreaterThan(0);
      expect(report.violations).toEqual([]);
    });

    it('tells when a number last wrote', async () => {
      const store = await makeStore();
      const from = newMsisdn();
      const other = newMsisdn();
      expect(await store.lastInboundAt([from])).toEqual(new Map());
      await insertOne(store, inboundText(from, T0 + 5000));
      await insertOne(store, inboundText(from, T0));
      await insertOne(store, inboundText(other, T0 + 9000));
      expect(await store.lastInboundAt([from, other, newMsisdn()])).toEqual(
        new Map([
          [from, T0 + 5000],
          [other, T0 + 9000],
        ]),
      );
    });
  });
}
