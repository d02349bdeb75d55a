import { parseArgs } from 'node:util';
import { isClickatellApi } from '@clickwa/core';
import type {
  BulkCommand,
  ClientFlags,
  Command,
  EncryptionFlags,
  ReconcileCommand,
  SendCommand,
} from './command.ts';
import { badInput, usageError } from './exit-codes.ts';
import { ALLOWED, COMMON, type Flag, nearestFlag, OPTIONS, type Values } from './flags.ts';
import type { RowFormat } from './input/open-rows.ts';

function integer(flag: string, raw: unknown, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw badInput(`--${flag} must be an integer of at least ${min}, got "${raw}"`);
  return n;
}

/** `--param 1=$150` pairs, numbered from 1, each number once. */
export function parseParams(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? '' : pair.slice(0, eq).trim();
    if (!/^[1-9]\d*$/.test(key))
      throw badInput(`--param takes NUMBER=VALUE (e.g. --param 1='$150'), got "${pair}"`);
    if (Object.hasOwn(params, key)) throw badInput(`--param ${key} is given twice`);
    params[key] = pair.slice(eq + 1);
  }
  return params;
}

const topicOf = (command: string): string => command.split(' ')[0]!;

function only(values: Values, allowed: readonly Flag[], command: string): void {
  for (const flag of Object.keys(values) as Flag[]) {
    if (!allowed.includes(flag) && !COMMON.includes(flag))
      throw usageError(`--${flag} is not an option of "${command}"`, topicOf(command));
  }
}

const UNITS: Readonly<Record<string, number>> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration: `30m`, `2h`, `1d`, `90s`, or a plain number of seconds (`45`). */
export function parseDuration(flag: string, raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(raw);
  if (!match) throw badInput(`--${flag} takes a duration such as 30m, 2h or 90 (seconds), got "${raw}"`);
  return Math.round(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!);
}

const one = (values: Values, flag: Flag): string | undefined => {
  const v = values[flag];
  return typeof v === 'string' ? v : undefined;
};
const list = (values: Values, flag: Flag): string[] => {
  const v = values[flag];
  return Array.isArray(v) ? v : [];
};

function clientFlags(values: Values): ClientFlags {
  const flags: { -readonly [K in keyof ClientFlags]: ClientFlags[K] } = {};
  const baseUrl = one(values, 'base-url');
  if (baseUrl !== undefined) flags.baseUrl = baseUrl;
  const api = one(values, 'api');
  if (api !== undefined) {
    if (!isClickatellApi(api))
      throw badInput(`--api takes one (One API) or wa (the WhatsApp Enterprise API), got "${api}"`);
    flags.api = api;
  }
  const timeoutMs = integer('timeout-ms', one(values, 'timeout-ms'), 1);
  if (timeoutMs !== undefined) flags.timeoutMs = timeoutMs;
  const maxRetries = integer('max-retries', one(values, 'max-retries'), 0);
  if (maxRetries !== undefined) flags.maxRetries = maxRetries;
  const concurrency = integer('concurrency', one(values, 'concurrency'), 1);
  if (concurrency !== undefined) flags.concurrency = concurrency;
  const encryption = encryptionFlags(values);
  if (encryption) flags.encryption = encryption;
  return flags;
}

/** `--encrypt` and its key source: KMS or a local key file, not both; none of them without `--encrypt`. */
function encryptionFlags(values: Values): EncryptionFlags | undefined {
  const kmsKeyId = one(values, 'kms-key-id');
  const kmsEndpoint = one(values, 'kms-endpoint');
  const keyFile = one(values, 'encryption-key-file');
  if (values.encrypt !== true) {
    const stray = (['kms-key-id', 'kms-endpoint', 'encryption-key-file'] as const).find(
      (f) => values[f] !== undefined,
    );
    if (stray) throw badInput(`--${stray} goes with --encrypt`);
    return undefined;
  }
  if (kmsEndpoint !== undefined && kmsKeyId === undefined)
    throw badInput('--kms-endpoint goes with --kms-key-id');
  if (kmsKeyId !== undefined && keyFile !== undefined)
    throw badInput('--encrypt takes --kms-key-id or --encryption-key-file, not both');
  return {
    ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
    ...(kmsEndpoint === undefined ? {} : { kmsEndpoint }),
    ...(keyFile === undefined ? {} : { keyFile }),
  };
}

function sendCommand(kindArg: string | undefined, values: Values): SendCommand {
  const kind = kindArg as SendCommand['kind'] | undefined;
  if (kind !== 'text' && kind !== 'template' && kind !== 'media') {
    throw usageError(
      `"send" needs a kind: send text, send template or send media${kindArg ? ` (not "${kindArg}")` : ''}`,
      'send',
    );
  }
  only(values, ALLOWED[`send ${kind}`]!, `send ${kind}`);
  const to = list(values, 'to');
  if (to.length === 0)
    throw usageError(`send ${kind} needs --to NUMBER (international, e.g. +27821234567)`, 'send');
  const templates = one(values, 'templates');
  const base = {
    name: 'send' as const,
    kind,
    to,
    params: parseParams(list(values, 'param')),
    allowWarnings: values['allow-warnings'] === true,
    ...(templates === undefined ? {} : { templates }),
    json: values.json === true,
    verbose: values.verbose === true,
    client: clientFlags(values),
  };
  if (kind === 'text') {
    const text = one(values, 'text');
    if (text === undefined) throw usageError('send text needs --text "..."', 'send');
    return { ...base, text, ...(values['preview-url'] ? { previewUrl: true } : {}) };
  }
  if (kind === 'template') {
    const template = one(values, 'template');
    if (!template)
      throw usageError('send template needs --template NAME (e.g. --template payment_alert)', 'send');
    return { ...base, template };
  }
  const file = one(values, 'file');
  if (!file) throw usageError('send media needs --file PATH', 'send');
  const caption = one(values, 'caption');
  const contentType = one(values, 'content-type');
  return {
    ...base,
    file,
    ...(caption === undefined ? {} : { caption }),
    ...(contentType === undefined ? {} : { contentType }),
  };
}

function bulkCommand(values: Values): BulkCommand {
  only(values, ALLOWED.bulk!, 'bulk');
  const format = one(values, 'format');
  if (format !== undefined && format !== 'csv' && format !== 'jsonl') {
    throw usageError(`--format is csv or jsonl, got "${format}"`, 'bulk');
  }
  const delimiter = one(values, 'delimiter');
  if (delimiter !== undefined && [...delimiter].length !== 1)
    throw usageError('--delimiter must be one character', 'bulk');
  const resume = one(values, 'resume');
  const file = one(values, 'file');
  const text = one(values, 'text');
  const template = one(values, 'template');
  const paramColumns = list(values, 'param-column');
  const params = parseParams(list(values, 'param'));
  if (resume !== undefined) {
    const settings: Flag[] = [
      'text',
      'template',
      'param',
      'param-column',
      'to-column',
      'format',
      'delimiter',
      'results',
      'skip-invalid',
      'preview-url',
      'allow-warnings',
      'templates',
    ];
    const given = settings.filter((f) => values[f] !== undefined);
    if (given.length > 0) {
      throw usageError(
        `--resume continues a run with its own settings; leave out ${given.map((f) => `--${f}`).join(', ')}`,
        'bulk',
      );
    }
  } else {
    if (!file)
      throw usageError(
        'bulk needs --file recipients.csv|recipients.jsonl (or --resume results.jsonl)',
        'bulk',
      );
    if (text !== undefined && template !== undefined)
      throw usageError('bulk takes --text or --template, not both', 'bulk');
    if ((paramColumns.length > 0 || Object.keys(params).length > 0) && template === undefined) {
      throw usageError('--param and --param-column go with --template', 'bulk');
    }
    if (values['preview-url'] && text === undefined)
      throw usageError('--preview-url goes with --text', 'bulk');
    for (let i = 0; i < paramColumns.length; i++) {
      if (Object.hasOwn(params, String(i + 1))) {
        throw badInput(
          `parameter ${i + 1} is given by --param-column ${paramColumns[i]} and by --param ${i + 1}`,
        );
      }
    }
  }
  const optional = {
    file,
    format: format as RowFormat | undefined,
    delimiter,
    toColumn: one(values, 'to-column'),
    text,
    previewUrl: values['preview-url'] === true ? true : undefined,
    template,
    results: one(values, 'results'),
    resume,
    templates: one(values, 'templates'),
  };
  return {
    name: 'bulk',
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ) as Partial<BulkCommand>),
    paramColumns,
    params,
    dryRun: values['dry-run'] === true,
    skipInvalid: values['skip-invalid'] === true,
    allowWarnings: values['allow-warnings'] === true,
    json: values.json === true,
    verbose: values.verbose === true,
    client: clientFlags(values),
  };
}

function reconcileCommand(file: string | undefined, values: Values): ReconcileCommand {
  only(values, ALLOWED.reconcile!, 'reconcile');
  if (!file)
    throw usageError(
      'reconcile needs the results file: clickwa reconcile results.jsonl --gateway URL',
      'reconcile',
    );
  const gateway = one(values, 'gateway');
  if (!gateway)
    throw usageError(
      "reconcile needs --gateway URL, the gateway that receives this integration's status callbacks",
      'reconcile',
    );
  const resendAfter = one(values, 'resend-after');
  return {
    name: 'reconcile',
    results: file,
    gateway,
    ...(resendAfter === undefined ? {} : { resendAfterMs: parseDuration('resend-after', resendAfter) }),
    json: values.json === true,
    verbose: values.verbose === true,
  };
}

const COMMANDS = ['send', 'bulk', 'reconcile', 'help'] as const;

/** A parser error in the CLI's words: the flag, the nearest known one, and where to read more. */
function parseFailure(error: unknown, argv: readonly string[]): Error {
  const message = error instanceof Error ? error.message : String(error);
  const topic = argv.find((a) => (COMMANDS as readonly string[]).includes(a) && a !== 'help') ?? 'main';
  const help = topic === 'main' ? 'clickwa --help' : `clickwa help ${topic}`;
  const unknown = /Unknown option '([^']+)'/i.exec(message);
  if (unknown) {
    const typed = unknown[1]!;
    const near = nearestFlag(typed);
    return usageError(`unknown flag ${typed}${near ? `; did you mean --${near}?` : ''} (see ${help})`, topic);
  }
  const missing = /Option '(-[^ ']+)[^']*' argument missing/i.exec(message);
  if (missing) return usageError(`${missing[1]} needs a value (see ${help})`, topic);
  return usageError(`${message.split('. ')[0]} (see ${help})`, topic);
}

/**
 * Parses the command line with `node:util` `parseArgs` (Node, Bun and Deno all have it). Throws a
 * `CliError` (exit 2) with a one-line message for anything it cannot use.
 *
 * @example parseCommand(['send', 'text', '--to', '+27821234567', '--text', 'Hi'])
 */
export function parseCommand(argv: readonly string[]): Command {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw parseFailure(error, argv);
  }
  const { values, positionals } = parsed;
  const [command, kind, ...extra] = positionals;
  if (values.version) return { name: 'version' };
  if (values.help || command === undefined || command === 'help') {
    const topic = command === 'help' ? kind : command;
    return topic === undefined ? { name: 'help' } : { name: 'help', topic };
  }
  if (command === 'send') {
    if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`, 'send');
    return sendCommand(kind, values);
  }
  if (command === 'bulk') {
    if (kind !== undefined) throw usageError(`unexpected argument "${kind}"`, 'bulk');
    return bulkCommand(values);
  }
  if (command === 'reconcile') {
    if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`, 'reconcile');
    return reconcileCommand(kind, values);
  }
  throw usageError(`unknown command "${command}"; the commands are send, bulk and reconcile`);
}
