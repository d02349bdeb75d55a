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
  'base-url': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-retries': { type: 'string' },
  concurrency: { type: 'string' },
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
  'timeout-ms',
  'max-retries',
  'json',
  'verbose',
  'help',
  'version',
];
/** The flags of each command, besides `COMMON`. */
export const ALLOWED: Readonly<Record<string, readonly Flag[]>> = {
  'send text': ['to', 'text', 'preview-url'],
  'send template': ['to', 'template', 'param'],
  'send media': ['to', 'file', 'caption', 'content-type'],
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
  ],
};
