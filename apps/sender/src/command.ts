import type { RowFormat } from './input/open-rows.ts';

/** Options every sending command takes. */
export interface ClientFlags {
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly concurrency?: number;
}

/** `clickwa send text|template|media`. */
export interface SendCommand {
  readonly name: 'send';
  readonly kind: 'text' | 'template' | 'media';
  readonly to: readonly string[];
  readonly text?: string;
  readonly previewUrl?: boolean;
  readonly template?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly file?: string;
  readonly caption?: string;
  readonly contentType?: string;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly client: ClientFlags;
}

/** `clickwa bulk`. */
export interface BulkCommand {
  readonly name: 'bulk';
  readonly file?: string;
  readonly format?: RowFormat;
  readonly delimiter?: string;
  readonly toColumn?: string;
  readonly text?: string;
  readonly previewUrl?: boolean;
  readonly template?: string;
  readonly paramColumns: readonly string[];
  readonly params: Readonly<Record<string, string>>;
  readonly dryRun: boolean;
  readonly skipInvalid: boolean;
  readonly results?: string;
  readonly resume?: string;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly client: ClientFlags;
}

/** What the command line asks for. */
export type Command =
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' }
  | SendCommand
  | BulkCommand;
