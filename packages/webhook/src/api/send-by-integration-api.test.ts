// POST /api/messages through the client each integration's API calls for: the gateway configured from its
// variables (readGatewayConfig, clientResolver), an in-process emulator playing one integration per API.

import type { ClickatellApi } from '@clickwa/core';
import { createEmulator } from '@clickwa/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../test/gateway.ts';
import { clientResolver } from '../config/client-resolver.ts';
import { readGatewayConfig } from '../config/read-gateway-config.ts';
import { createGatewayApp } from '../create-gateway-app.ts';
import { createMemoryStore } from '../memory-store.ts';
import { localIntegrations } from '../testing/local-integrations.ts';

const USER = '27999000001';
const KEY = 'key-of-the-default-integration';
const CREDENTIALS = { CALLBACK_USERNAME: 'clickatell', CALLBACK_PASSWORD: 'callback-secret' };
const template = { to: USER, hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } } };

const emulators: ReturnType<typeof createEmulator>[] = [];
afterEach(() => {
  for (const e of emulators.splice(0)) e.close();
});

/** A gateway whose default integration speaks `defaultApi`, and a named one the other API, as `pnpm start` runs them. */
function stack(defaultApi: ClickatellApi) {
  const local = localIntegrations({ gatewayUrl: 'http://gateway.local', api: defaultApi, apiKey: KEY });
  const paths: string[] = [];
  let app: ReturnType<typeof createGatewayApp> | undefined;
  const emulator = createEmulator({
    integrations: local.emulator,
    callbackUsername: CREDENTIALS.CALLBACK_USERNAME,
    callbackPassword: CREDENTIALS.CALLBACK_PASSWORD,
    firstStatusMs: 0,
    stepMs: 5,
    jitterMs: 5,
    inboundDelayMs: 0,
    duplicateRate: 0,
    seed: 7,
    fetch: async (input, init) => app!.request(String(input), init),
  });
  emulators.push(emulator);
  const env = {
    API_TOKEN: 'test-api-token',
    ...CREDENTIALS,
    CLICKATELL_API_KEY: KEY,
    CLICKATELL_BASE_URL: 'http://emulator.local',
    ...local.vars,
  };
  const config = readGatewayConfig(env);
  if (!config.success) throw new Error(JSON.stringify(config.issues));
  app = createGatewayApp({
    store: createMemoryStore(),
    auth: config.output.auth,
    client: clientResolver(env, config.output.integrations, (input, init) => {
      paths.push(new URL(input).pathname);
      return emulator.fetch(input, init);
    }),
  });
  return { app, emulator, local, paths };
}

async function send(g: ReturnType<typeof stack>, integration?: string) {
  const response = await g.app.request(
    '/api/messages',
    api('POST', { messages: [template], ...(integration ? { integration } : {}) }),
  );
  expect(response.status).toBe(200);
  const { results } = await response.json();
  expect(results).toEqual([expect.objectContaining({ outcome: 'accepted', to: USER })]);
  return results[0] as { messageId: string; clientMessageId: string };
}

/** What the emulator accepted: through which integration, and the statuses it plans for it. */
async function accepted(g: ReturnType<typeof stack>, messageId: string) {
  const record = await (await g.emulator.fetch(`/_emulator/messages/${messageId}`)).json();
  return { integration: record.integration.name, plannedStatuses: record.plannedStatuses };
}

const PATH: Record<ClickatellApi, string> = { wa: '/wa/messages', one: '/v1/message' };
// The successful flows: the legacy API ends in 27 READ, One API in 6 READ.
const FLOW: Record<ClickatellApi, number[]> = { wa: [2, 3, 4, 27], one: [2, 4, 5, 6] };

describe('POST /api/messages: each integration through its API', () => {
  it.each(['wa', 'one'] as const)(
    'sends the default integration through CLICKATELL_API=%s and the named one through the other API',
    async (defaultApi) => {
      const g = stack(defaultApi);
      const other = g.local.other.api;
      const first = await send(g);
      const second = await send(g, g.local.other.name);
      expect(g.paths).toEqual([PATH[defaultApi], PATH[other]]);
      expect(await accepted(g, first.messageId)).toEqual({
        integration: 'Local integration',
        plannedStatuses: FLOW[defaultApi],
      });
      expect(await accepted(g, second.messageId)).toEqual({
        integration: other,
        plannedStatuses: FLOW[other],
      });

      // Both read back side by side once the callbacks (the One API one's through its URL token) are in:
      // each record and each status with its API, the codes of each API's catalog, the same lifecycle.
      await g.emulator.idle();
      for (const [sent, which, integration] of [
        [first, defaultApi, null],
        [second, other, other],
      ] as const) {
        const view = await (await g.app.request(`/api/messages/${sent.messageId}`, api('GET'))).json();
        expect(view.sent).toMatchObject({ api: which, integration, outcome: 'accepted' });
        expect(view.status).toMatchObject({ api: which, code: FLOW[which].at(-1), lifecycle: 'read' });
        expect(view.history.map((h: { code: number; api: string }) => [h.api, h.code])).toEqual(
          FLOW[which].map((code) => [which, code]),
        );
      }
      const thread = await (await g.app.request(`/api/conversations/${USER}`, api('GET'))).json();
      expect(thread.items.map((i: { status: { api: string; lifecycle: string } }) => i.status)).toEqual([
        expect.objectContaining({ api: defaultApi, lifecycle: 'read' }),
        expect.objectContaining({ api: other, lifecycle: 'read' }),
      ]);
    },
  );

  it('keeps the API of each integration: an entry without api takes CLICKATELL_API', async () => {
    const paths: string[] = [];
    const emulator = createEmulator({
      integrations: [
        { name: 'default', apiKey: 'k0', api: 'one' },
        { name: 'sandbox', apiKey: 'k1', api: 'one' },
        { name: 'legacy', apiKey: 'k2' },
      ],
      callbacks: false,
    });
    emulators.push(emulator);
    const env = {
      API_TOKEN: 'test-api-token',
      CLICKATELL_API: 'one',
      INTEGRATIONS: '[{"name":"sandbox"},{"name":"legacy","api":"wa"}]',
      CLICKATELL_API_KEY: 'k0',
      CLICKATELL_API_KEY_SANDBOX: 'k1',
      CLICKATELL_API_KEY_LEGACY: 'k2',
      CLICKATELL_BASE_URL: 'http://emulator.local',
    };
    const config = readGatewayConfig(env);
    if (!config.success) throw new Error(JSON.stringify(config.issues));
    const resolve = clientResolver(env, config.output.integrations, (input, init) => {
      paths.push(new URL(input).pathname);
      return emulator.fetch(input, init);
    });
    expect([undefined, 'sandbox', 'legacy'].map((name) => resolve(name)?.api)).toEqual(['one', 'one', 'wa']);
    const app = createGatewayApp({ store: createMemoryStore(), auth: config.output.auth, client: resolve });
    for (const integration of [undefined, 'sandbox', 'legacy']) {
      const response = await app.request('/api/messages', api('POST', { messages: [template], integration }));
      expect((await response.json()).results[0].outcome).toBe('accepted');
    }
    expect(paths).toEqual(['/v1/message', '/v1/message', '/wa/messages']);
  });

  it('makes no client while CLICKATELL_API cannot be read: nothing is sent with an API no one chose', async () => {
    const env = { CLICKATELL_API: 'whatsapp', CLICKATELL_API_KEY: 'k0' };
    expect(readGatewayConfig(env)).toMatchObject({
      success: false,
      issues: [{ variable: 'CLICKATELL_API', message: expect.stringContaining('"whatsapp"') }],
    });
    expect(clientResolver(env, [])(undefined)).toBeUndefined();
  });
});
