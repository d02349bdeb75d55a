import { defineTemplates, type TemplateRegistry } from '@clickwa/core';
import type { DeliveryEvent } from './delivery-event.ts';
import { type ChaosOptions, DEFAULT_CHAOS_KINDS, type FaultKind, isFaultKind } from './faults.ts';
import { type Integration, type IntegrationOptions, resolveIntegrations, toIpSet } from './integrations.ts';
import { type OneApiOptions, resolveOneApiOptions } from './one-api/one-api-options.ts';

/**
 * Options of `createEmulator`: the camelCase of the Node runner's flags. Every delay is configurable, so
 * tests can run a message's whole life in milliseconds.
 */
export interface EmulatorOptions {
  /** The API key of the single integration (default `local-dev-key`). Not with `integrations`. */
  readonly apiKey?: string;
  /** Status callback URL of the single integration. */
  readonly statusCallback?: string;
  /** Inbound (user message) callback URL of the single integration. */
  readonly inboundCallback?: string;
  /** Makes the single integration a sandbox: numbers that are not test phones end in 1006 EMULATED. */
  readonly sandbox?: boolean;
  /** Registered test phones of the single integration. */
  readonly testPhones?: readonly string[];
  /** Name of the single integration (default `Emulator integration`). */
  readonly integrationName?: string;
  /** The API the single integration speaks: `wa` (default) or `one` (One API). */
  readonly api?: IntegrationOptions['api'];
  /** How One API integrations answer (207 rule, `clientMessageId` echo, answer order). */
  readonly oneApi?: OneApiOptions;
  /** Several integrations instead of the single one, each with its own key and callback URLs. */
  readonly integrations?: readonly IntegrationOptions[];
  /**
   * Put in every callback body as `username` (spec 7.3.6). Default `clickatell`, the local credentials every
   * part of the repository uses; `''` sends none.
   */
  readonly callbackUsername?: string;
  /** Put in every callback body as `password` (spec 7.3.6). Default `dev-callback-password`; `''` sends none. */
  readonly callbackPassword?: string;
  /** Also send the callback credentials as HTTP Basic auth. */
  readonly callbackBasicAuth?: boolean;
  /** Makes ids, jitter, duplicates and chaos reproducible. Default: random, drawn at the first request. */
  readonly seed?: number | string;
  /** Seeded fault injection: a rate in [0, 1], or `{ rate, kinds }`. */
  readonly chaos?: number | ChaosOptions;
  /** Approved templates: a registry or `{ name: body }`. Default: the spec's `payment_alert`. */
  readonly templates?: TemplateRegistry | Readonly<Record<string, string>>;
  /** Freeform messages to a number that has not written in 24 hours end in 7 (spec 3.3). Default off. */
  readonly careWindow?: boolean;
  /** `false` sends no callbacks at all; statuses are still recorded. Default true. */
  readonly callbacks?: boolean;
  /** What callbacks are sent with. Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** The clock of timestamps and the care window (epoch ms). Default `Date.now`. */
  readonly now?: () => number;
  /** `false` makes every request answer 3 (Account is not active). */
  readonly accountActive?: boolean;
  /** Account-wide IP lockdown: requests from other IPs answer 7 with HTTP 401. */
  readonly ipAllowList?: readonly string[];
  /** From acceptance to the first status, in ms. */
  readonly firstStatusMs?: number;
  /** Between consecutive statuses, in ms. */
  readonly stepMs?: number;
  /** Random extra delay of each callback, in ms; above `stepMs` it reorders arrivals. */
  readonly jitterMs?: number;
  /** From `POST /_emulator/inbound` to its callback, in ms. */
  readonly inboundDelayMs?: number;
  /** Share of callbacks sent twice, in [0, 1]. */
  readonly duplicateRate?: number;
  /** Wait before each retry of a failed callback, in ms; its length is the number of retries. */
  readonly retryBackoffMs?: readonly number[];
  /** A receiver slower than this is retried, in ms. */
  readonly callbackTimeoutMs?: number;
  /** Callbacks in flight at once. */
  readonly callbackConcurrency?: number;
  /**
   * Told of every callback delivery attempt: delivered or not, the answer, and the next try or giving up.
   * The Node runner prints the failed ones. It must not throw (what it throws is ignored).
   */
  readonly onDelivery?: (event: DeliveryEvent) => void;
  /** Callbacks pending at once; past it, sends answer 901 (retryable), as a busy platform would. */
  readonly maxPendingCallbacks?: number;
  /** Messages kept for inspection. */
  readonly historyLimit?: number;
  /** How long the `timeout` fault holds a request before answering 504, in ms. */
  readonly faultTimeoutMs?: number;
  /** `Retry-After` of the `429` fault, in seconds. */
  readonly retryAfterSeconds?: number;
}

/** The defaults of every tunable option. */
export const EMULATOR_DEFAULTS = {
  apiKey: 'local-dev-key',
  integrationName: 'Emulator integration',
  callbackUsername: 'clickatell',
  callbackPassword: 'dev-callback-password',
  templates: { payment_alert: 'Alert: Payment of {{1}} was posted to your account ending in: {{2}}' },
  firstStatusMs: 200,
  stepMs: 800,
  jitterMs: 1000,
  inboundDelayMs: 100,
  duplicateRate: 0.05,
  retryBackoffMs: [1000, 5000, 30_000],
  callbackTimeoutMs: 5000,
  callbackConcurrency: 32,
  maxPendingCallbacks: 20_000,
  historyLimit: 10_000,
  faultTimeoutMs: 30_000,
  retryAfterSeconds: 1,
} as const;

type Tunable = Exclude<
  keyof typeof EMULATOR_DEFAULTS,
  'apiKey' | 'integrationName' | 'templates' | 'callbackUsername' | 'callbackPassword'
>;

/** Options with every default applied and every value checked. */
export type ResolvedOptions = {
  readonly [K in Tunable]: K extends 'retryBackoffMs' ? readonly number[] : number;
} & {
  readonly integrations: readonly Integration[];
  readonly callbackUsername: string | undefined;
  readonly callbackPassword: string | undefined;
  readonly callbackBasicAuth: boolean;
  readonly onDelivery: ((event: DeliveryEvent) => void) | undefined;
  readonly seed: string | number | undefined;
  readonly chaos: { readonly rate: number; readonly kinds: readonly FaultKind[] };
  readonly templates: TemplateRegistry;
  readonly careWindow: boolean;
  readonly callbacks: boolean;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly accountActive: boolean;
  readonly ipAllowList: ReadonlySet<string> | undefined;
  readonly oneApi: Required<OneApiOptions>;
};

function count(name: string, value: number | undefined, fallback: number, min = 0): number {
  const n = value ?? fallback;
  if (!Number.isFinite(n) || n < min) throw new TypeError(`${name} must be a number >= ${min}, got ${value}`);
  return n;
}

function rate(name: string, value: number | undefined): number {
  const n = value ?? 0;
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new TypeError(`${name} must be between 0 and 1, got ${value}`);
  return n;
}

function resolveChaos(chaos: EmulatorOptions['chaos']): ResolvedOptions['chaos'] {
  const options = typeof chaos === 'number' || chaos === undefined ? { rate: chaos ?? 0 } : chaos;
  const kinds = options.kinds ?? DEFAULT_CHAOS_KINDS;
  for (const kind of kinds) if (!isFaultKind(kind)) throw new TypeError(`Unknown chaos kind "${kind}"`);
  return { rate: rate('chaos rate', options.rate), kinds };
}

function isRegistry(t: EmulatorOptions['templates']): t is TemplateRegistry {
  return typeof (t as TemplateRegistry | undefined)?.get === 'function';
}

function singleIntegration(options: EmulatorOptions): IntegrationOptions[] {
  const single = [
    'apiKey',
    'statusCallback',
    'inboundCallback',
    'sandbox',
    'testPhones',
    'integrationName',
    'api',
  ] as const;
  if (options.integrations) {
    const clash = single.filter((k) => options[k] !== undefined);
    if (clash.length > 0)
      throw new TypeError(`Set ${clash.join(', ')} per integration when you give integrations`);
    return [...options.integrations];
  }
  return [
    {
      name: options.integrationName ?? EMULATOR_DEFAULTS.integrationName,
      apiKey: options.apiKey ?? EMULATOR_DEFAULTS.apiKey,
      ...(options.statusCallback ? { statusCallback: options.statusCallback } : {}),
      ...(options.inboundCallback ? { inboundCallback: options.inboundCallback } : {}),
      ...(options.sandbox ? { sandbox: true } : {}),
      ...(options.testPhones ? { testPhones: options.testPhones } : {}),
      ...(options.api ? { api: options.api } : {}),
    },
  ];
}

// Resolved at call time, so a test that stubs the global after creating the emulator is honoured.
const globalFetch: typeof fetch = (input, init) => {
  if (typeof globalThis.fetch !== 'function') {
    throw new TypeError('No global fetch on this runtime: pass options.fetch to createEmulator');
  }
  return globalThis.fetch(input, init);
};

/** Applies the defaults and checks every option; a mistake throws a `TypeError` that says what to fix. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const d = EMULATOR_DEFAULTS;
  const templates = options.templates ?? d.templates;
  const retryBackoffMs = options.retryBackoffMs ?? d.retryBackoffMs;
  return {
    integrations: resolveIntegrations(singleIntegration(options)),
    callbackUsername: (options.callbackUsername ?? d.callbackUsername) || undefined,
    callbackPassword: (options.callbackPassword ?? d.callbackPassword) || undefined,
    callbackBasicAuth: options.callbackBasicAuth ?? false,
    onDelivery: options.onDelivery,
    seed: options.seed,
    chaos: resolveChaos(options.chaos),
    templates: isRegistry(templates) ? templates : defineTemplates(templates),
    careWindow: options.careWindow ?? false,
    callbacks: options.callbacks ?? true,
    fetch: options.fetch ?? globalFetch,
    now: options.now ?? Date.now,
    accountActive: options.accountActive ?? true,
    ipAllowList: toIpSet(options.ipAllowList),
    oneApi: resolveOneApiOptions(options.oneApi),
    firstStatusMs: count('firstStatusMs', options.firstStatusMs, d.firstStatusMs),
    stepMs: count('stepMs', options.stepMs, d.stepMs),
    jitterMs: count('jitterMs', options.jitterMs, d.jitterMs),
    inboundDelayMs: count('inboundDelayMs', options.inboundDelayMs, d.inboundDelayMs),
    duplicateRate: rate('duplicateRate', options.duplicateRate ?? d.duplicateRate),
    retryBackoffMs: retryBackoffMs.map((ms, i) => count(`retryBackoffMs[${i}]`, ms, 0)),
    callbackTimeoutMs: count('callbackTimeoutMs', options.callbackTimeoutMs, d.callbackTimeoutMs, 1),
    callbackConcurrency: count('callbackConcurrency', options.callbackConcurrency, d.callbackConcurrency, 1),
    maxPendingCallbacks: count('maxPendingCallbacks', options.maxPendingCallbacks, d.maxPendingCallbacks, 1),
    historyLimit: count('historyLimit', options.historyLimit, d.historyLimit, 1),
    faultTimeoutMs: count('faultTimeoutMs', options.faultTimeoutMs, d.faultTimeoutMs),
    retryAfterSeconds: count('retryAfterSeconds', options.retryAfterSeconds, d.retryAfterSeconds),
  };
}
