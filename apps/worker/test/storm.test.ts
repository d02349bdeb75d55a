import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { isNewerStatus, type StatusPoint } from '@clickwa/core';
import type { HandOffMessage } from '@clickwa/webhook';
import { prng, shuffle } from '@clickwa/webhook/contract';
import { expect, it } from 'vitest';
import { createWorkerGateway } from '../src/gateway.ts';
import { CALLBACK, rows } from './helpers.ts';

// A small storm in-process; the storm of 10,000 callbacks over HTTP is `pnpm reliability` (RELIABILITY.md).
const MESSAGES = 500;
const DUPLICATE_SHARE = 0.25;
const CONCURRENCY = 50;
const FAILURES = [7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 2000, 2001];
const T0 = 1_760_000_000_000;

interface Callback {
  readonly messageId: string;
  readonly statusCode: number;
  readonly timestamp: number;
}

it(`stores a storm of ${MESSAGES} message lifecycles once each, in any order, with duplicates`, async () => {
  const random = prng(20261125);
  const lives = Array.from({ length: MESSAGES }, (_, i) => {
    const messageId = `storm${String(i).padStart(6, '0')}${crypto.randomUUID().slice(0, 8)}`;
    // One in ten ends in a failure instead of being delivered and read.
    const codes = i % 10 === 0 ? [2, 3, FAILURES[Math.floor(random() * FAILURES.length)]!] : [2, 3, 4, 27];
    return codes.map(
      (statusCode, step): Callback => ({ messageId, statusCode, timestamp: T0 + i + step * 60_000 }),
    );
  });
  const distinct = lives.flat();
  const duplicates = distinct.filter(() => random() < DUPLICATE_SHARE);
  const storm = shuffle([...distinct, ...duplicates], random);

  const handedOn = new Map<string, number>();
  const queue = {
    sendBatch: async (batch: { body: HandOffMessage }[]) => {
      for (const { body } of batch) handedOn.set(body.key, (handedOn.get(body.key) ?? 0) + 1);
    },
  } as unknown as Queue;
  const { app, drain, store } = createWorkerGateway({ ...env, EVENTS: queue });
  const contexts: ExecutionContext[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const sender = async () => {
    while (next < storm.length) {
      const c = storm[next++]!;
      const body = JSON.stringify({
        integrationId: 'i1',
        integrationName: 'Storm',
        clientMessageId: null,
        ...c,
        ...CALLBACK,
      });
      const request = new Request('http://gateway.local/clickatell/status', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const ctx = createExecutionContext();
      contexts.push(ctx);
      const response = await app.fetch(request, env, ctx);
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));

  expect(Object.fromEntries(statuses)).toEqual({ 200: storm.length });
  expect(await rows('events')).toBeGreaterThanOrEqual(distinct.length);
  const stored = await env.DB.prepare(
    "SELECT COUNT(*) AS n FROM events WHERE message_id LIKE 'storm%'",
  ).first<{ n: number }>();
  expect(stored!.n).toBe(distinct.length);
  // The drains ran after the answers, coalesced: every stored event handed on, none twice.
  for (const ctx of contexts) await waitOnExecutionContext(ctx);
  await drain.run();
  expect(await store.pendingOutbox()).toBe(0);
  const stormKeys = [...handedOn.keys()].filter((k) => k.startsWith('status:storm'));
  expect(stormKeys).toHaveLength(distinct.length);
  expect([...handedOn.values()].every((n) => n === 1)).toBe(true);

  const { results } = await env.DB.prepare(
    "SELECT message_id, code, timestamp FROM message_status WHERE message_id LIKE 'storm%'",
  ).all<{ message_id: string; code: number; timestamp: number }>();
  const current = new Map(results.map((r) => [r.message_id, { code: r.code, timestamp: r.timestamp }]));
  expect(current.size).toBe(MESSAGES);
  for (const life of lives) {
    let expected: StatusPoint | null = null;
    for (const c of shuffle(life, random)) {
      const incoming = { code: c.statusCode, timestamp: c.timestamp };
      if (isNewerStatus(expected, incoming)) expected = incoming;
    }
    expect(current.get(life[0]!.messageId)).toEqual(expected);
  }
}, 240_000);
