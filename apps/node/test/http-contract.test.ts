import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGatewayHttpContract } from '@clickwa/webhook/contract';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createDatabase } from './helpers/databases.ts';
import {
  API_TOKEN,
  CALLBACK,
  CALLBACK_TOKEN,
  type GatewayProcess,
  startGateway,
} from './helpers/gateway-process.ts';
import { callbackSamples } from './helpers/spec-samples.ts';
import { FORWARD_SECRET, startWebhookReceiver } from './helpers/webhook-receiver.ts';

// The gateway's HTTP-level suite (what the Worker's tests check) against the `clickwa-gateway` server, over
// real HTTP, on each store; stored events come back to a signed-webhook receiver.
const receiver = await startWebhookReceiver();
const dir = mkdtempSync(join(tmpdir(), 'clickwa-http-'));
const gateways: Record<string, GatewayProcess> = {};

beforeAll(async () => {
  const env = { FORWARD_URL: receiver.url, FORWARD_SECRET };
  const [sqlite, postgres] = await Promise.all([
    startGateway({ ...env, DATABASE_URL: join(dir, 'gateway.db') }),
    createDatabase(inject('postgresUrl'), 'http').then((url) => startGateway({ ...env, DATABASE_URL: url })),
  ]);
  gateways.sqlite = sqlite;
  gateways.postgres = postgres;
});

afterAll(async () => {
  const codes = await Promise.all(Object.values(gateways).map((g) => g.stop('SIGTERM')));
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
  expect(codes).toEqual([0, 0]);
});

for (const store of ['sqlite', 'postgres'] as const) {
  runGatewayHttpContract(
    `clickwa-gateway on ${store}`,
    () => ({
      baseUrl: gateways[store]!.url,
      apiToken: API_TOKEN,
      callback: CALLBACK,
      handedOff: () => receiver.counts,
    }),
    { samples: callbackSamples, stormMessages: 100, callbackToken: CALLBACK_TOKEN },
  );
}

it('signs every forwarded event (Standard Webhooks)', () => {
  expect(receiver.counts.size).toBeGreaterThan(0);
  expect(receiver.badSignatures).toEqual([]);
});
