import { describe, expect, it } from 'vitest';
import { formatConfigIssues, readGatewayConfig } from './read-gateway-config.ts';

describe('readGatewayConfig', () => {
  it('reads the auth, the integrations and the base URL; empty strings are unset', () => {
    const config = readGatewayConfig({
      API_TOKEN: 't',
      CALLBACK_USERNAME: 'u',
      CALLBACK_PASSWORD: 'p',
      INTEGRATIONS: '[{"name":"sandbox","id":"abc"},{"name":"production"}]',
      CLICKATELL_BASE_URL: 'http://127.0.0.1:8790',
      BODY_STALL_MS: '1000',
    });
    expect(config).toEqual({
      success: true,
      output: {
        auth: { apiToken: 't', callbackUsername: 'u', callbackPassword: 'p', integrationIds: ['abc'] },
        integrations: [{ name: 'sandbox', id: 'abc' }, { name: 'production' }],
        baseUrl: 'http://127.0.0.1:8790',
        bodyStallMs: 1000,
        outboxLeaseMs: undefined,
      },
    });
    expect(readGatewayConfig({ API_TOKEN: '', CALLBACK_USERNAME: '' })).toMatchObject({
      success: true,
      output: { auth: { apiToken: undefined, callbackUsername: undefined }, baseUrl: undefined },
    });
  });

  it('names every variable to fix', () => {
    const config = readGatewayConfig({
      CALLBACK_USERNAME: 'u',
      INTEGRATIONS: '{',
      CLICKATELL_BASE_URL: 'localhost:8790',
      OUTBOX_LEASE_MS: '-5',
    });
    expect(config.success).toBe(false);
    if (config.success) return;
    expect(config.issues.map((i) => i.variable)).toEqual([
      'INTEGRATIONS',
      'CALLBACK_PASSWORD',
      'CLICKATELL_BASE_URL',
      'OUTBOX_LEASE_MS',
    ]);
    expect(formatConfigIssues(config.issues)).toMatch(/^INTEGRATIONS: INTEGRATIONS must be JSON/);
  });
});
