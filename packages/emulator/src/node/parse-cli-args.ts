import { parseArgs } from 'node:util';
import { isFaultKind } from '../faults.ts';
import type { ServeEmulatorOptions } from './serve.ts';

type Kind = 'string' | 'int' | 'rate' | 'boolean' | 'list' | 'ints';

/** Every flag: its option (the camelCase of the flag), its kind and its help line. Env: CLICKWA_EMULATOR_<FLAG>. */
const FLAGS = {
  port: ['int', 'port to listen on (default 8790; 0 picks a free one)'],
  host: ['string', 'address to listen on (default 127.0.0.1)'],
  'api-key': ['string', 'API key of the integration (default local-dev-key)'],
  api: ['string', 'API the integration speaks: wa (default, /wa/messages) or one (One API, /v1/...)'],
  'multi-status': ['string', 'One API: when several messages answer 207: any-rejected (default) or mixed'],
  'status-callback': ['string', 'URL that receives status callbacks'],
  'inbound-callback': ['string', 'URL that receives messages from users'],
  'callback-username': ['string', 'username put in every callback body (default clickatell; "" for none)'],
  'callback-password': [
    'string',
    'password put in every callback body (default dev-callback-password; "" for none)',
  ],
  'callback-basic-auth': ['boolean', 'also send the callback credentials as HTTP Basic'],
  seed: ['string', 'seed for ids, jitter, duplicates and chaos (default random)'],
  chaos: ['rate', 'share of send requests that suffer a fault, 0..1'],
  'chaos-kinds': [
    'list',
    'faults chaos picks from: 901,500,429,timeout,timeout-after,reset-before,reset-after',
  ],
  sandbox: ['boolean', 'sandbox integration: numbers that are not test phones end in 1006 EMULATED'],
  'test-phone': ['list', 'a registered test phone (repeatable)'],
  templates: ['string', 'JSON file { "template_name": "body with {{1}}" } of approved templates'],
  integrations: [
    'string',
    'JSON file [{ name, apiKey, api, statusCallback, inboundCallback, sandbox, testPhones }]',
  ],
  'care-window': ['boolean', 'freeform messages outside the 24-hour care window end in 7'],
  'no-callbacks': ['boolean', 'send no callbacks (statuses are still recorded)'],
  'first-status-ms': ['int', 'delay from acceptance to the first status (default 200)'],
  'step-ms': ['int', 'delay between statuses (default 800)'],
  'jitter-ms': ['int', 'random extra delay per callback (default 1000)'],
  'inbound-delay-ms': ['int', 'delay of a simulated user message callback (default 100)'],
  'duplicate-rate': ['rate', 'share of callbacks sent twice (default 0.05)'],
  'retry-backoff-ms': ['ints', 'waits before callback retries (default 1000,5000,30000)'],
  'callback-timeout-ms': ['int', 'a slower webhook is retried (default 5000)'],
  'callback-concurrency': ['int', 'callbacks in flight at once (default 32)'],
  'max-pending-callbacks': ['int', 'past this many pending callbacks, sends answer 901 (default 20000)'],
  'history-limit': ['int', 'messages kept for inspection (default 10000)'],
  'fault-timeout-ms': ['int', 'how long the timeout faults hold a request (default 30000)'],
  'retry-after-seconds': ['int', 'Retry-After of the 429 fault (default 1)'],
} as const satisfies Record<string, readonly [Kind, string]>;

type Flag = keyof typeof FLAGS;

/** What the command line asks for; files are named here and read by the CLI. */
export interface CliConfig {
  readonly options: ServeEmulatorOptions;
  readonly templatesFile?: string;
  readonly integrationsFile?: string;
}

/** The outcome of parsing: a config, a request for help, or an error to print. */
export type CliParseResult =
  | { readonly config: CliConfig }
  | { readonly help: true }
  | { readonly error: string };

const envName = (flag: string): string => `CLICKWA_EMULATOR_${flag.toUpperCase().replaceAll('-', '_')}`;
const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The `--help` text. */
export const CLI_HELP = [
  'Usage: clickwa-emulator [flags]',
  '',
  'A local Clickatell WhatsApp platform. Every flag has an environment variable CLICKWA_EMULATOR_<FLAG>',
  '(e.g. --status-callback: CLICKWA_EMULATOR_STATUS_CALLBACK; lists comma-separated; booleans 1/0). Flags win.',
  '',
  ...Object.entries(FLAGS).map(([flag, [, help]]) => `  --${flag.padEnd(24)} ${help}`),
  '  --help                     this text',
].join('\n');

function convert(flag: Flag, kind: Kind, raw: string | boolean | string[]): unknown {
  const values = Array.isArray(raw)
    ? raw.flatMap((v) => v.split(','))
    : typeof raw === 'string'
      ? raw.split(',')
      : [];
  const text = typeof raw === 'string' ? raw.trim() : '';
  switch (kind) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (/^(1|true|yes|on)$/i.test(text)) return true;
      if (/^(0|false|no|off|)$/i.test(text)) return false;
      throw new Error(`${envName(flag)} must be 1 or 0, got "${raw}"`);
    }
    case 'int':
    case 'rate': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n) || (kind === 'int' && !Number.isInteger(n))) {
        throw new Error(`--${flag} must be ${kind === 'int' ? 'an integer' : 'a number'}, got "${raw}"`);
      }
      return n;
    }
    case 'list':
      return values.map((v) => v.trim()).filter((v) => v !== '');
    case 'ints':
      return values.map((v) => convert(flag, 'int', v));
    default:
      return text;
  }
}

function toOptions(values: Partial<Record<Flag, unknown>>): CliConfig {
  const options: Record<string, unknown> = {};
  let templatesFile: string | undefined;
  let integrationsFile: string | undefined;
  for (const [flag, value] of Object.entries(values) as [Flag, unknown][]) {
    if (value === undefined) continue;
    if (flag === 'templates') templatesFile = value as string;
    else if (flag === 'integrations') integrationsFile = value as string;
    else if (flag === 'no-callbacks') options.callbacks = !value;
    else if (flag === 'host') options.hostname = value;
    else if (flag === 'test-phone') options.testPhones = value;
    else if (flag === 'retry-backoff-ms') options.retryBackoffMs = value;
    else if (flag === 'multi-status') options.oneApi = { multiStatus: value };
    else options[camel(flag)] = value;
  }
  if (options.chaosKinds !== undefined) {
    const kinds = options.chaosKinds as string[];
    const unknown = kinds.filter((k) => !isFaultKind(k));
    if (unknown.length > 0) throw new Error(`--chaos-kinds: unknown ${unknown.join(', ')}`);
    options.chaos = { rate: (options.chaos as number | undefined) ?? 0, kinds };
    delete options.chaosKinds;
  }
  if (options.api !== undefined && options.api !== 'wa' && options.api !== 'one') {
    throw new Error(`--api must be wa or one, got "${String(options.api)}"`);
  }
  const multiStatus = (options.oneApi as { multiStatus?: string } | undefined)?.multiStatus;
  if (multiStatus !== undefined && multiStatus !== 'any-rejected' && multiStatus !== 'mixed') {
    throw new Error(`--multi-status must be any-rejected or mixed, got "${multiStatus}"`);
  }
  return {
    options: options as ServeEmulatorOptions,
    ...(templatesFile ? { templatesFile } : {}),
    ...(integrationsFile ? { integrationsFile } : {}),
  };
}

/**
 * Reads the runner's flags and their environment equivalents (flags win). Pure: no files are read, nothing
 * is printed, so it is tested directly.
 *
 * @example parseCliArgs(['--port', '0', '--test-phone', '27999000001'], {})
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliParseResult {
  const spec = Object.fromEntries(
    Object.entries(FLAGS).map(([flag, [kind]]) => [
      flag,
      kind === 'boolean'
        ? { type: 'boolean' as const }
        : { type: 'string' as const, multiple: kind === 'list' || kind === 'ints' },
    ]),
  );
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...spec, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (parsed.values.help) return { help: true };
    const values: Partial<Record<Flag, unknown>> = {};
    for (const [flag, [kind]] of Object.entries(FLAGS) as [Flag, readonly [Kind, string]][]) {
      const fromArgs = (parsed.values as Record<string, string | boolean | string[] | undefined>)[flag];
      const fromEnv = env[envName(flag)];
      const raw = fromArgs ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv);
      if (raw !== undefined) values[flag] = convert(flag, kind, raw);
    }
    return { config: toOptions(values) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
