import {
  type ClickatellApi,
  type Client,
  createClient,
  isClickatellApi,
  isClickwaError,
  type RetryEvent,
} from '@clickwa/core';
import type { ClientFlags } from './command.ts';
import { permissionState } from './deno-permissions.ts';
import { badInput } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { describeDenial, permissionDenial } from './permission-denial.ts';

/** The environment variables the CLI reads, and nothing else (Deno: `--allow-env=` exactly these). */
export const ENV = {
  apiKey: 'CLICKATELL_API_KEY',
  baseUrl: 'CLICKATELL_BASE_URL',
  api: 'CLICKATELL_API',
  apiToken: 'CLICKWA_API_TOKEN',
} as const;

/** The emulator's default API key (`pnpm emulator`), named when the base URL is local. */
const EMULATOR_KEY = 'local-dev-key';

/** The platform's address when none is given. */
const DEFAULT_BASE_URL = 'https://platform.clickatell.com';

/**
 * Reads an environment variable. A Deno run without `--allow-env` for it is bad input naming the flag with
 * every variable the command reads (`needed`), not an unexpected error.
 */
export function readEnv(
  io: CliIo,
  name: string,
  needed: readonly string[] = [ENV.apiKey, ENV.baseUrl, ENV.api],
): string | undefined {
  try {
    return io.env(name);
  } catch (error) {
    const denial = permissionDenial(error);
    if (denial) throw badInput(describeDenial({ ...denial, target: needed.join(',') }), error);
    throw error;
  }
}

const isLocal = (url: string): boolean => {
  try {
    return /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * Refuses, before anything is read or sent, a Deno run that may not reach the platform: the flag to add is
 * named, and nothing is recorded as sent. On a terminal Deno may ask instead, so only `denied` stops it there.
 */
function checkNetPermission(io: CliIo, baseUrl: string): void {
  let host: string;
  try {
    host = new URL(baseUrl).host;
  } catch {
    return; // createClient reports the URL
  }
  const state = permissionState({ name: 'net', host });
  if (state === 'granted' || (state === 'prompt' && io.inIsTty)) return;
  throw badInput(`${describeDenial({ permission: 'net', target: host, message: '' })}; nothing was sent`);
}

/**
 * The API to speak: `--api`, else `CLICKATELL_API`, else the run being resumed's, else `wa`. A resumed run keeps
 * its API: another one given is bad input (the rows' ids and answers belong to the first).
 */
export function resolveApi(
  io: CliIo,
  flag: ClickatellApi | undefined,
  recorded?: ClickatellApi,
): ClickatellApi {
  const fromEnv = readEnv(io, ENV.api)?.trim() || undefined;
  if (fromEnv !== undefined && !isClickatellApi(fromEnv))
    throw badInput(`${ENV.api} must be one (One API) or wa (the WhatsApp Enterprise API), got "${fromEnv}"`);
  const given = flag ?? fromEnv;
  if (recorded !== undefined && given !== undefined && given !== recorded)
    throw badInput(`the run was started with --api ${recorded}; resume it with the same API`);
  return recorded ?? given ?? 'wa';
}

/**
 * A client from `CLICKATELL_API_KEY`, `CLICKATELL_BASE_URL` (or `--base-url`) and the flags. Throws a
 * one-line `CliError` (exit 2) for a missing key, an unusable URL or a missing Deno permission; the key never
 * appears in any output.
 */
export function clientFromEnv(io: CliIo, flags: ClientFlags, verbose: boolean): Client {
  const baseUrl = flags.baseUrl ?? (readEnv(io, ENV.baseUrl)?.trim() || undefined);
  const apiKey = readEnv(io, ENV.apiKey)?.trim();
  if (!apiKey) {
    throw badInput(
      baseUrl !== undefined && isLocal(baseUrl)
        ? `${ENV.apiKey} is not set: ${baseUrl} is local, so for the emulator export ${ENV.apiKey}=${EMULATOR_KEY} (its default key; the key it was started with if you gave --api-key)`
        : `${ENV.apiKey} is not set: export the API key of your WhatsApp integration (Clickatell portal > WhatsApp > API key)`,
    );
  }
  checkNetPermission(io, baseUrl ?? DEFAULT_BASE_URL);
  const onRetry = verbose
    ? (e: RetryEvent) =>
        io.err(
          `retry: attempt ${e.attempt} of ${e.messageCount} messages in ${e.delayMs} ms (${e.error.code}: ${e.error.description})\n`,
        )
    : undefined;
  try {
    return createClient({
      apiKey,
      api: flags.api ?? resolveApi(io, undefined),
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
