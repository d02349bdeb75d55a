import { describe, expect, it } from 'vitest';
import { integrationKeyResolver } from './integration-key-resolver.ts';

const SANDBOX_ID = 'aa'.repeat(16);
const env = {
  CLICKATELL_API_KEY: 'default-key',
  CLICKATELL_API_KEY_SANDBOX: 'sandbox-key',
  CLICKATELL_API_KEY_MY_PRODUCTION: '',
};
const keyOf = integrationKeyResolver(env, [{ name: 'sandbox', id: SANDBOX_ID }, { name: 'my production' }]);

describe('integrationKeyResolver', () => {
  it('answers the key of the integration a message names, by id first, then by name', () => {
    expect(keyOf({ integrationId: SANDBOX_ID, integrationName: 'whatever the portal calls it' })).toBe(
      'sandbox-key',
    );
    expect(keyOf({ integrationId: null, integrationName: 'sandbox' })).toBe('sandbox-key');
  });

  it('answers the default key for a message of no configured integration', () => {
    expect(keyOf({ integrationId: 'bb'.repeat(16), integrationName: 'other' })).toBe('default-key');
    expect(keyOf({ integrationId: null, integrationName: null })).toBe('default-key');
  });

  it('never lends the default key to an integration whose own key is unset', () => {
    expect(keyOf({ integrationId: null, integrationName: 'my production' })).toBeUndefined();
    expect(integrationKeyResolver({}, [])({ integrationId: null, integrationName: null })).toBeUndefined();
  });
});
