import { describe, expect, it } from 'vitest';
import { createStore, type MessageRecord } from './store.ts';

const record = (n: number, clientMessageId: string | null = `c${n}`): MessageRecord => ({
  messageId: `m${n}`,
  clientMessageId,
  integration: { id: 'i', name: 'n' },
  to: `2799900000${n % 10}`,
  kind: 'text',
  summary: { kind: 'text', content: 'x', previewFirstUrl: false, encrypted: false },
  acceptedAt: n,
  plannedStatuses: [2],
  statuses: [],
  deliveries: [],
});

describe('createStore', () => {
  it('keeps the newest historyLimit messages and counts every acceptance', () => {
    const store = createStore({ historyLimit: 2, countLimit: 100 });
    for (let i = 0; i < 5; i++) store.addMessage(record(i));
    expect([...store.messages()].map((m) => m.messageId)).toEqual(['m3', 'm4']);
    expect(store.getMessage('m0')).toBeUndefined();
    expect(store.evicted).toBe(3);
    expect(store.counters.acceptedMessages).toBe(5);
    expect(Object.keys(store.acceptedCounts().byClientMessageId)).toHaveLength(5);
  });

  it('stops the count maps at countLimit keys and says so', () => {
    const store = createStore({ historyLimit: 10, countLimit: 2 });
    for (let i = 0; i < 3; i++) store.addMessage(record(i));
    store.addMessage(record(9, 'c0'));
    const counts = store.acceptedCounts();
    expect(counts.byClientMessageId).toEqual({ c0: 2, c1: 1 });
    expect(counts.truncated).toBe(true);
  });

  it('reset empties everything', () => {
    const store = createStore({ historyLimit: 10, countLimit: 10 });
    store.addMessage(record(1));
    store.countError(100, 2);
    store.countFault('500');
    store.reset();
    expect([...store.messages()]).toEqual([]);
    expect(store.counters).toMatchObject({ acceptedMessages: 0, errorCodes: {}, faults: {} });
    expect(store.acceptedCounts()).toEqual({ byClientMessageId: {}, byRecipient: {}, truncated: false });
  });
});
