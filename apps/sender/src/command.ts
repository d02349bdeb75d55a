import type { ClickatellApi } from '@clickwa/core';
import type { RowFormat } from './input/open-rows.ts';

/**
 * `--encrypt` and where its keys come from: AWS KMS (`--kms-key-id`, `--kms-endpoint`, credentials from `AWS_*`),
 * or a local master key from `--encryption-key-file` or `CLICKWA_ENCRYPTION_KEY` (never a flag's value).
 */
export interface EncryptionFlags {
  readonly kmsKeyId?: string;
  readonly kmsEndpoint?: string;
  readonly keyFile?: string;
}

/** Options every sending command takes. */
export interface ClientFlags {
  /** Set with `--encrypt`. */
  readonly encryption?: EncryptionFlags;
  readonly baseUrl?: string;
  /** `--api one|wa`: One API or the WhatsApp Enterprise API (default: `CLICKATELL_API`, else `wa`). */
  readonly api?: ClickatellApi;
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
  /** Send even with warnings that mean WhatsApp will refuse the message at delivery. */
  readonly allowWarnings: boolean;
  /** A JSON or YAML file of approved templates (name -> body), to check names and parameter counts locally. */
  readonly templates?: string;
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
  readonly allowWarnings: boolean;
  readonly templates?: string;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly client: ClientFlags;
}

/** `clickwa reconcile results.jsonl --gateway URL [--resend-after 30m]`. */
export interface ReconcileCommand {
  readonly name: 'reconcile';
  readonly results: string;
  readonly gateway: string;
  /** The quiet period after which a row with no status callback is taken as never accepted, in ms. */
  readonly resendAfterMs?: number;
  readonly json: boolean;
  readonly verbose: boolean;
}

/** What the command line asks for. */
export type Command =
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' }
  | SendCommand
  | BulkCommand
  | ReconcileCommand;
