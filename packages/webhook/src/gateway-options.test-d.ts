import { createClient } from '@clickwa/core';
import { expectTypeOf, test } from 'vitest';
import type { ClientResolver, GatewayOptions, SendClient } from './gateway-options.ts';
import type { StoredEvent } from './store.ts';

test("the core's client is a SendClient, and options take a client or a resolver", () => {
  const client = createClient({ apiKey: 'k' });
  expectTypeOf(client).toExtend<SendClient>();
  expectTypeOf<SendClient>().toExtend<NonNullable<GatewayOptions['client']>>();
  expectTypeOf<ClientResolver>().toExtend<NonNullable<GatewayOptions['client']>>();
});

test('stored events narrow by kind', () => {
  const event = {} as StoredEvent;
  if (event.kind === 'status') expectTypeOf(event.statusCode).toEqualTypeOf<number>();
  else expectTypeOf(event.from).toEqualTypeOf<string>();
});
