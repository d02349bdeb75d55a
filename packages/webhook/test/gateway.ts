import { createClient } from '@clickwa/core';
import { createEmulator, type EmulatorOptions } from '@clickwa/emulator';
import type { Hono } from 'hono';
import { createGatewayApp } from '../src/create-gateway-app.ts';
import type { GatewayOptions } from '../src/gateway-options.ts';
import { createMemoryStore, type MemoryStore } from '../src/memory-store.ts';
import { createOutboxDrain } from '../src/outbox/create-outbox-drain.ts';
import type { HandOffMessage } from '../src/outbox/hand-off-message.ts';

export const API_TOKEN = 'test-api-token';
export const CALLBACK = { username: 'clickatell', password: 's3cret-callback' } as const;
export const API_KEY = 'test-api-key-never-echoed';

/** A gateway on a memory store, sending to an in-process emulator whose callbacks come back to the gateway. */
export function testGateway(options: Partial<GatewayOptions> & { emulator?: EmulatorOptions } = {}): {
  app: Hono;
  store: MemoryStore;
  emulator: ReturnType<typeof createEmulator>;
  sent: () => number;
  /** What the drain handed on, in order. */
  handedOff: HandOffMessage[];
  /** Waits for the drains the gateway started after its answers. */
  settle: () => Promise<void>;
} {
  const store = createMemoryStore();
  const handedOff: HandOffMessage[] = [];
  const deferred: Promise<unknown>[] = [];
  let app: Hono | undefined;
  let sent = 0;
  const emulator = createEmulator({
    apiKey: API_KEY,
    statusCallback: 'http://gateway.local/clickatell/status',
    inboundCallback: 'http://gateway.local/clickatell/inbound',
    callbackUsername: CALLBACK.username,
    callbackPassword: CALLBACK.password,
    firstStatusMs: 0,
    stepMs: 5,
    jitterMs: 5,
    inboundDelayMs: 0,
    duplicateRate: 0,
    seed: 1,
    fetch: async (input, init) => app!.request(String(input), init),
    ...options.emulator,
  });
  const client = createClient({
    apiKey: API_KEY,
    baseUrl: 'http://emulator.local',
    fetch: (input, init) => {
      sent++;
      return emulator.fetch(input, init);
    },
  });
  app = createGatewayApp({
    store,
    auth: { apiToken: API_TOKEN, callbackUsername: CALLBACK.username, callbackPassword: CALLBACK.password },
    client,
    drain: createOutboxDrain({ store, handOff: async (messages) => void handedOff.push(...messages) }),
    defer: (task) => deferred.push(task),
    ...options,
  });
  const settle = async () => {
    while (deferred.length > 0) await Promise.all(deferred.splice(0));
  };
  return { app, store, emulator, sent: () => sent, handedOff, settle };
}

/** A JSON request with the bearer token. */
export function api(method: string, body?: unknown): RequestInit {
  return {
    method,
    headers: { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** A callback request with the body credentials of spec 7.3.6. */
export function callback(body: Record<string, unknown>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...body, username: CALLBACK.username, password: CALLBACK.password }),
  };
}
