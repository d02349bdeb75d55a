import { ONE_API_LIMITS } from '@clickwa/core';
import type { MediaDownloadEnd } from '../store.ts';

/**
 * What becomes of a file sent by reference after each way a download can fail: `retry` (the download stays
 * pending, due again after `retryDelayMs`) or the end state recorded. The rule of thumb: what the gateway's own
 * configuration or a passing fault causes (a key, a key provider, the network, the platform's load) is retried
 * until One API no longer keeps the file; what the file itself is (gone, other bytes, too big, elsewhere) ends
 * the download. The message is kept whatever happens to its files (docs/decisions.md, "Media by reference").
 */
export const DOWNLOAD_RULES = {
  // Decided before any request.
  'foreign-origin': {
    outcome: 'refused-origin',
    why: 'the URL is not on the configured Clickatell origin: the API key goes nowhere else',
  },
  'past-retention': {
    outcome: 'expired',
    why: `One API keeps a file ${ONE_API_LIMITS.mediaRetentionDays} days after the message`,
  },
  'declared-too-large': {
    outcome: 'too-large',
    why: `the callback declares more than One API's ${ONE_API_LIMITS.maxUploadBytes} bytes`,
  },
  'no-api-key': { outcome: 'retry', why: "no API key is configured for the message's integration" },
  // The answer.
  'http-404': { outcome: 'not-found', why: 'One API does not have the file' },
  'api-33': { outcome: 'not-found', why: 'One API error 33: media item not found' },
  'http-410': { outcome: 'expired', why: 'One API no longer has the file' },
  'http-401': {
    outcome: 'retry',
    why: 'the key was refused: a key being rotated, or an integration re-enabled',
  },
  'http-403': { outcome: 'retry', why: 'refused for now (an IP allow-list, an inactive account)' },
  'http-429': { outcome: 'retry', why: 'rate limited' },
  'api-43': { outcome: 'retry', why: 'One API error 43: rate limit' },
  'http-5xx': { outcome: 'retry', why: 'the platform failed for now' },
  'http-other': { outcome: 'retry', why: 'an answer with no rule of its own (a redirect, another 4xx)' },
  network: { outcome: 'retry', why: 'no answer: a network failure or the timeout' },
  // The bytes.
  'body-too-large': { outcome: 'too-large', why: `more than ${ONE_API_LIMITS.maxUploadBytes} bytes came` },
  size: {
    outcome: 'size-mismatch',
    why: 'the (clear) file does not have the byteSize the callback declared',
  },
  hash: {
    outcome: 'hash-mismatch',
    why: 'the (clear) file does not have the sha256Hash the callback declared',
  },
  'no-encryption': { outcome: 'retry', why: 'the file is encrypted and the gateway has no key provider' },
  'key-provider': { outcome: 'retry', why: 'the key provider is unavailable' },
  undecryptable: {
    outcome: 'retry',
    why: 'the file does not decrypt (a key the provider refuses, or bytes damaged on the way)',
  },
} as const satisfies Record<string, { readonly outcome: 'retry' | MediaDownloadEnd; readonly why: string }>;

/** A way a download can fail: a row of `DOWNLOAD_RULES`. */
export type DownloadFailure = keyof typeof DOWNLOAD_RULES;

/** The backoff of retried downloads: 30 s after the first attempt, doubling, at most an hour apart. */
export const DOWNLOAD_BACKOFF = { firstMs: 30_000, maxMs: 3_600_000 } as const;

/** How long after its message a file is given up as expired, without asking (One API keeps files 30 days). */
export const MEDIA_RETENTION_MS = ONE_API_LIMITS.mediaRetentionDays * 86_400_000;

/** The wait before the next attempt, after `attempts` attempts. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(DOWNLOAD_BACKOFF.firstMs * 2 ** Math.min(Math.max(0, attempts - 1), 30), DOWNLOAD_BACKOFF.maxMs);

/** The failure an HTTP answer other than 2xx stands for; `apiCode` is One API's error code in its body. */
export function answerFailure(status: number, apiCode: number | undefined): DownloadFailure {
  if (apiCode === 33) return 'api-33';
  if (apiCode === 43) return 'api-43';
  if (status === 404 || status === 410 || status === 401 || status === 403 || status === 429)
    return `http-${status}`;
  return status >= 500 ? 'http-5xx' : 'http-other';
}
