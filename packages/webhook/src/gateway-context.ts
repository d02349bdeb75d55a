import type { Encryption } from '@clickwa/core/encryption';
import { type CallbackCredentialCheck, callbackCredentialCheck } from './callbacks/callback-credentials.ts';
import {
  type ClientResolver,
  GATEWAY_LIMITS,
  type GatewayErrorContext,
  type GatewayLimits,
  type GatewayOptions,
} from './gateway-options.ts';
import type { OutboxDrain } from './outbox/create-outbox-drain.ts';
import type { Store } from './store.ts';

/** The options with defaults applied and checked once, shared by every route. */
export interface GatewayContext {
  readonly store: Store;
  readonly now: () => number;
  readonly limits: Required<GatewayLimits>;
  readonly apiToken: string | undefined;
  readonly credentials: CallbackCredentialCheck | undefined;
  readonly integrationIds: ReadonlySet<string> | undefined;
  readonly resolveClient: ClientResolver | undefined;
  readonly drain: OutboxDrain | undefined;
  readonly encryption: Encryption | undefined;
  readonly defer: ((task: Promise<unknown>) => void) | undefined;
  /** The configured callback credentials and tokens, to redact them from quarantined bodies. */
  readonly secrets: readonly string[];
  readonly reportError: (error: unknown, context: GatewayErrorContext) => void;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isFinite(n) || n <= 0)
    throw new TypeError(`limits.${name} must be a positive number, got ${value}`);
  return n;
}

/** Applies the defaults; a mistake in the options throws a TypeError that says what to fix. */
export function createGatewayContext(options: GatewayOptions): GatewayContext {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('createGatewayApp takes an options object');
  const { store, auth, client, drain, defer, onError, limits = {}, encryption } = options;
  if (typeof store?.insertEvents !== 'function')
    throw new TypeError('options.store must implement the Store port');
  if (typeof auth !== 'object' || auth === null) {
    throw new TypeError(
      'options.auth is required: { apiToken, callbackUsername?, callbackPassword?, callbackTokens?, integrationIds? }',
    );
  }
  const ids = auth.integrationIds?.map((id) => id.trim()).filter((id) => id !== '');
  const resolveClient: ClientResolver | undefined =
    client === undefined
      ? undefined
      : typeof client === 'function'
        ? client
        : (name) => (name ? undefined : client);
  return {
    store,
    now: options.now ?? Date.now,
    limits: {
      statusCallbackBytes: positive(
        'statusCallbackBytes',
        limits.statusCallbackBytes,
        GATEWAY_LIMITS.statusCallbackBytes,
      ),
      inboundCallbackBytes: positive(
        'inboundCallbackBytes',
        limits.inboundCallbackBytes,
        GATEWAY_LIMITS.inboundCallbackBytes,
      ),
      apiBodyBytes: positive('apiBodyBytes', limits.apiBodyBytes, GATEWAY_LIMITS.apiBodyBytes),
      bodyStallMs: positive('bodyStallMs', limits.bodyStallMs, GATEWAY_LIMITS.bodyStallMs),
      maxJsonDepth: positive('maxJsonDepth', limits.maxJsonDepth, GATEWAY_LIMITS.maxJsonDepth),
      maxMessagesPerRequest: positive(
        'maxMessagesPerRequest',
        limits.maxMessagesPerRequest,
        GATEWAY_LIMITS.maxMessagesPerRequest,
      ),
    },
    apiToken: auth.apiToken || undefined,
    credentials: callbackCredentialCheck(auth),
    integrationIds: ids && ids.length > 0 ? new Set(ids) : undefined,
    resolveClient,
    drain,
    encryption,
    defer,
    secrets: [
      auth.callbackUsername,
      auth.callbackPassword,
      ...(auth.callbackTokens ?? []).map((t) => t.token),
    ].filter((x): x is string => Boolean(x)),
    reportError: (error, context) => {
      try {
        onError?.(error, context);
      } catch {
        // A logger that throws must not turn one failure into another.
      }
    },
  };
}
