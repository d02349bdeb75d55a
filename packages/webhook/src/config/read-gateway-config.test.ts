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
    });
    expect(config).toEqual({
      success: true,
      output: {
        auth: { apiToken: 't', callbackUsername: 'u', callbackPassword: 'p', integrationIds: ['abc'] },
        integrations: [{ name: 'sandbox', id: 'abc' }, { name: 'production' }],
        baseUrl: 'http://127.0.0.1:8790',
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
    });
    expect(config.success).toBe(false);
    if (config.success) return;
    expect(config.issues.map((i) => i.variable)).toEqual([
      'INTEGRATIONS',
      'CALLBACK_PASSWORD',
      'CLICKATELL_BASE_URL',
    ]);
    expect(formatConfigIssues(config.issues)).toMatch(/^INTEGRATIONS: INTEGRATIONS must be JSON/);
  });
});
