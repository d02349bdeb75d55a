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
        api: 'wa',
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

  it("reads each integration's API: CLICKATELL_API for the default, api for an entry", () => {
    const config = readGatewayConfig({
      CLICKATELL_API: ' one ',
      INTEGRATIONS: '[{"name":"sandbox","api":"one"},{"name":"legacy","api":"wa"},{"name":"production"}]',
    });
    expect(config).toMatchObject({
      success: true,
      output: {
        api: 'one',
        integrations: [
          { name: 'sandbox', api: 'one' },
          { name: 'legacy', api: 'wa' },
          { name: 'production' },
        ],
      },
    });
    expect(readGatewayConfig({ CLICKATELL_API: '' })).toMatchObject({ success: true, output: { api: 'wa' } });
    const bad = readGatewayConfig({ INTEGRATIONS: '[{"name":"sandbox","api":"One API"}]' });
    expect(bad.success ? [] : formatConfigIssues(bad.issues)).toBe(
      'INTEGRATIONS: INTEGRATIONS[0].api must be "wa" or "one", got "One API"',
    );
  });

  it('names every variable to fix', () => {
    const config = readGatewayConfig({
      CALLBACK_USERNAME: 'u',
      INTEGRATIONS: '{',
      CLICKATELL_API: 'v1',
      CLICKATELL_BASE_URL: 'localhost:8790',
      OUTBOX_LEASE_MS: '-5',
    });
    expect(config.success).toBe(false);
    if (config.success) return;
    expect(config.issues.map((i) => i.variable)).toEqual([
      'INTEGRATIONS',
      'CLICKATELL_API',
      'CALLBACK_PASSWORD',
      'CLICKATELL_BASE_URL',
      'OUTBOX_LEASE_MS',
    ]);
    expect(formatConfigIssues(config.issues)).toMatch(/^INTEGRATIONS: INTEGRATIONS must be JSON/);
  });
});

describe('readGatewayConfig: callback URL tokens', () => {
  const TOKEN = 'k3Xv9-pQ2_wL8.zR';
  it('reads CALLBACK_TOKEN for any integration and CALLBACK_TOKEN_<NAME> for the integrations named', () => {
    const config = readGatewayConfig({
      CALLBACK_TOKEN: TOKEN,
      CALLBACK_TOKEN_MY_SANDBOX: `${TOKEN}-sandbox`,
      CALLBACK_TOKEN_PRODUCTION: `${TOKEN}-production`,
      CALLBACK_TOKEN_ELSEWHERE: `${TOKEN}-not-an-integration`,
      INTEGRATIONS: '[{"name":"my-sandbox","id":"abc"},{"name":"production"}]',
    });
    expect(config.success && config.output.auth.callbackTokens).toEqual([
      { token: TOKEN },
      { token: `${TOKEN}-sandbox`, integrationName: 'my-sandbox', integrationId: 'abc' },
      { token: `${TOKEN}-production`, integrationName: 'production' },
    ]);
    const none = readGatewayConfig({ CALLBACK_TOKEN: '' });
    expect(none.success && 'callbackTokens' in none.output.auth).toBe(false);
  });

  it('refuses a token too short or one a URL would have to escape, naming its variable', () => {
    const config = readGatewayConfig({
      CALLBACK_TOKEN: 'short',
      CALLBACK_TOKEN_SANDBOX: `${TOKEN}/x?y`,
      INTEGRATIONS: '[{"name":"sandbox"}]',
    });
    expect(config.success ? [] : config.issues.map((i) => i.variable)).toEqual([
      'CALLBACK_TOKEN',
      'CALLBACK_TOKEN_SANDBOX',
    ]);
  });
});

describe('readGatewayConfig: encryption', () => {
  it('reads a local master key or AWS KMS settings, and names each variable missing', () => {
    const ok = (env: Record<string, string>) => {
      const config = readGatewayConfig(env);
      return config.success ? config.output.encryption : config.issues;
    };
    expect(ok({})).toBeUndefined();
    expect(ok({ ENCRYPTION_KEY: 'a2V5' })).toEqual({ provider: 'local', masterKey: 'a2V5' });
    expect(
      ok({
        KMS_KEY_ID: 'alias/clickatell',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKID',
        AWS_SECRET_ACCESS_KEY: 'secret',
        KMS_ENDPOINT: 'http://127.0.0.1:8790/_emulator/kms',
      }),
    ).toEqual({
      provider: 'kms',
      keyId: 'alias/clickatell',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:8790/_emulator/kms',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    });
    expect(ok({ KMS_KEY_ID: 'alias/clickatell' })).toEqual([
      { variable: 'KMS_REGION', message: 'KMS_REGION must be set with KMS_KEY_ID' },
      { variable: 'AWS_ACCESS_KEY_ID', message: 'AWS_ACCESS_KEY_ID must be set with KMS_KEY_ID' },
      { variable: 'AWS_SECRET_ACCESS_KEY', message: 'AWS_SECRET_ACCESS_KEY must be set with KMS_KEY_ID' },
    ]);
    expect(ok({ KMS_KEY_ID: 'k', ENCRYPTION_KEY: 'a2V5' })).toEqual([
      { variable: 'ENCRYPTION_KEY', message: 'Set KMS_KEY_ID or ENCRYPTION_KEY, not both' },
    ]);
  });
});
