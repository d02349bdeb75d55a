import { describe, expectTypeOf, it } from 'vitest';
import { type Client, createClient, type OneApiClient } from './create-client.ts';

describe('createClient types', () => {
  it("gives One API's methods to a One API client only", () => {
    const one = createClient({ apiKey: 'k', api: 'one' });
    expectTypeOf(one).toEqualTypeOf<OneApiClient>();
    expectTypeOf(one.uploadMedia).toBeFunction();
    expectTypeOf(one.markRead).parameter(0).toEqualTypeOf<string>();
    const legacy = createClient({ apiKey: 'k' });
    expectTypeOf(legacy).toEqualTypeOf<Client>();
    expectTypeOf(legacy).not.toHaveProperty('uploadMedia');
    expectTypeOf(createClient({ apiKey: 'k', api: 'wa' })).toEqualTypeOf<Client>();
  });
});
