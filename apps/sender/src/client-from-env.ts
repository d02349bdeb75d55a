import { type Client, createClient, isClickwaError, type RetryEvent } from '@clickwa/core';
import type { ClientFlags } from './command.ts';
import { badInput } from './exit-codes.ts';
import type { CliIo } from './io.ts';

/** The environment variables the CLI reads, and nothing else (Deno: `--allow-env=` exactly these). */
export const ENV = { apiKey: 'CLICKATELL_API_KEY', baseUrl: 'CLICKATELL_BASE_URL' } as const;

/**
 * A client from `CLICKATELL_API_KEY`, `CLICKATELL_BASE_URL` (or `--base-url`) and the flags. Throws a
 * one-line `CliError` (exit 2) for a missing key or an unusable URL; the key never appears in any output.
 */
export function clientFromEnv(io: CliIo, flags: ClientFlags, verbose: boolean): Client {
  const apiKey = io.env(ENV.apiKey)?.trim();
  if (!apiKey) {
    throw badInput(
      `${ENV.apiKey} is not set: export the API key of your WhatsApp integration (Clickatell portal > WhatsApp > API key)`,
    );
  }
  const baseUrl = flags.baseUrl ?? (io.env(ENV.baseUrl)?.trim() || undefined);
  const onRetry = verbose
    ? (e: RetryEvent) =>
        io.err(
          `retry: attempt ${e.attempt} of ${e.messageCount} messages in ${e.delayMs} ms (${e.error.code}: ${e.error.description})\n`,
        )
    : undefined;
  try {
    return createClient({
      apiKey,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs }),
      ...(flags.maxRetries === undefined ? {} : { maxRetries: flags.maxRetries }),
      ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
      ...(onRetry ? { onRetry } : {}),
    });
  } catch (error) {
    throw badInput(isClickwaError(error) ? error.description : String(error), error);
  }
}
