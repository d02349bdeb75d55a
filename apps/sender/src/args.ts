import { parseArgs } from 'node:util';
import type { BulkCommand, ClientFlags, Command, SendCommand } from './command.ts';
import { badInput } from './exit-codes.ts';
import { ALLOWED, COMMON, type Flag, OPTIONS, type Values } from './flags.ts';
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

function only(values: Values, allowed: readonly Flag[], command: string): void {
  for (const flag of Object.keys(values) as Flag[]) {
    if (!allowed.includes(flag) && !COMMON.includes(flag))
      throw badInput(`--${flag} is not an option of "${command}"`);
  }
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
  const timeoutMs = integer('timeout-ms', one(values, 'timeout-ms'), 1);
  if (timeoutMs !== undefined) flags.timeoutMs = timeoutMs;
  const maxRetries = integer('max-retries', one(values, 'max-retries'), 0);
  if (maxRetries !== undefined) flags.maxRetries = maxRetries;
  const concurrency = integer('concurrency', one(values, 'concurrency'), 1);
  if (concurrency !== undefined) flags.concurrency = concurrency;
  return flags;
}

function sendCommand(kindArg: string | undefined, values: Values): SendCommand {
  const kind = kindArg as SendCommand['kind'] | undefined;
  if (kind !== 'text' && kind !== 'template' && kind !== 'media') {
    throw badInput(
      `"send" needs a kind: send text, send template or send media${kindArg ? ` (not "${kindArg}")` : ''}`,
    );
  }
  only(values, ALLOWED[`send ${kind}`]!, `send ${kind}`);
  const to = list(values, 'to');
  if (to.length === 0) throw badInput(`send ${kind} needs --to NUMBER (international, e.g. +27821234567)`);
  const base = {
    name: 'send' as const,
    kind,
    to,
    params: parseParams(list(values, 'param')),
    json: values.json === true,
    verbose: values.verbose === true,
    client: clientFlags(values),
  };
  if (kind === 'text') {
    const text = one(values, 'text');
    if (text === undefined) throw badInput('send text needs --text "..."');
    return { ...base, text, ...(values['preview-url'] ? { previewUrl: true } : {}) };
  }
  if (kind === 'template') {
    const template = one(values, 'template');
    if (!template) throw badInput('send template needs --template NAME (e.g. --template payment_alert)');
    return { ...base, template };
  }
  const file = one(values, 'file');
  if (!file) throw badInput('send media needs --file PATH');
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
    throw badInput(`--format is csv or jsonl, got "${format}"`);
  }
  const delimiter = one(values, 'delimiter');
  if (delimiter !== undefined && [...delimiter].length !== 1)
    throw badInput('--delimiter must be one character');
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
    ];
    const given = settings.filter((f) => values[f] !== undefined);
    if (given.length > 0) {
      throw badInput(
        `--resume continues a run with its own settings; leave out ${given.map((f) => `--${f}`).join(', ')}`,
      );
    }
  } else {
    if (!file)
      throw badInput('bulk needs --file recipients.csv|recipients.jsonl (or --resume results.jsonl)');
    if (text !== undefined && template !== undefined)
      throw badInput('bulk takes --text or --template, not both');
    if ((paramColumns.length > 0 || Object.keys(params).length > 0) && template === undefined) {
      throw badInput('--param and --param-column go with --template');
    }
    if (values['preview-url'] && text === undefined) throw badInput('--preview-url goes with --text');
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
    json: values.json === true,
    verbose: values.verbose === true,
    client: clientFlags(values),
  };
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
    throw badInput(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, kind, ...extra] = positionals;
  if (values.version) return { name: 'version' };
  if (values.help || command === undefined || command === 'help') {
    const topic = command === 'help' ? kind : command;
    return topic === undefined ? { name: 'help' } : { name: 'help', topic };
  }
  if (command === 'send') {
    if (extra.length > 0) throw badInput(`unexpected argument "${extra[0]}"`);
    return sendCommand(kind, values);
  }
  if (command === 'bulk') {
    if (kind !== undefined) throw badInput(`unexpected argument "${kind}"`);
    return bulkCommand(values);
  }
  throw badInput(`unknown command "${command}"; the commands are send and bulk`);
}
