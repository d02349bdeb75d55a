/** Every flag of every command, for `parseArgs`. */
export const OPTIONS = {
  to: { type: 'string', multiple: true },
  text: { type: 'string' },
  'preview-url': { type: 'boolean' },
  template: { type: 'string' },
  param: { type: 'string', multiple: true },
  'param-column': { type: 'string', multiple: true },
  file: { type: 'string' },
  caption: { type: 'string' },
  'content-type': { type: 'string' },
  format: { type: 'string' },
  delimiter: { type: 'string' },
  'to-column': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'skip-invalid': { type: 'boolean' },
  results: { type: 'string' },
  resume: { type: 'string' },
  'allow-warnings': { type: 'boolean' },
  templates: { type: 'string' },
  gateway: { type: 'string' },
  'resend-after': { type: 'string' },
  'base-url': { type: 'string' },
  api: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-retries': { type: 'string' },
  concurrency: { type: 'string' },
  encrypt: { type: 'boolean' },
  'kms-key-id': { type: 'string' },
  'kms-endpoint': { type: 'string' },
  'encryption-key-file': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** A flag name. */
export type Flag = keyof typeof OPTIONS;
/** Parsed flag values. */
export type Values = {
  [K in Flag]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string | string[];
};

/** Flags every command takes. */
export const COMMON: readonly Flag[] = [
  'base-url',
  'api',
  'timeout-ms',
  'max-retries',
  'json',
  'verbose',
  'help',
  'version',
];
/** The flags of encrypted sending (`send` and `bulk`). */
const ENCRYPTION: readonly Flag[] = ['encrypt', 'kms-key-id', 'kms-endpoint', 'encryption-key-file'];

/** The flags of each command, besides `COMMON`. */
export const ALLOWED: Readonly<Record<string, readonly Flag[]>> = {
  'send text': ['to', 'text', 'preview-url', 'allow-warnings', ...ENCRYPTION],
  'send template': ['to', 'template', 'param', 'templates', 'allow-warnings', ...ENCRYPTION],
  'send media': ['to', 'file', 'caption', 'content-type', 'allow-warnings', ...ENCRYPTION],
  bulk: [
    'file',
    'format',
    'delimiter',
    'to-column',
    'text',
    'preview-url',
    'template',
    'param',
    'param-column',
    'dry-run',
    'skip-invalid',
    'results',
    'resume',
    'concurrency',
    'allow-warnings',
    'templates',
    ...ENCRYPTION,
  ],
  reconcile: ['gateway', 'resend-after'],
};

/**
 * The flag nearest to a mistyped one (edit distance at most 2, or a known flag that starts with it), so an
 * error can say "did you mean --text?".
 */
export function nearestFlag(typed: string): Flag | undefined {
  const name = typed.replace(/^-+/, '').split('=')[0]!;
  let best: { flag: Flag; distance: number } | undefined;
  for (const flag of Object.keys(OPTIONS) as Flag[]) {
    const distance = flag.startsWith(name) && name.length >= 3 ? 1 : editDistance(name, flag);
    if (distance <= 2 && (!best || distance < best.distance)) best = { flag, distance };
  }
  return best?.flag;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
