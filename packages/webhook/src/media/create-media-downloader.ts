import { ONE_API_LIMITS } from '@clickwa/core';
import type { Encryption } from '@clickwa/core/encryption';
import type { IntegrationRef } from '../config/integration-key-resolver.ts';
import type { DownloadClaim, DownloadOutcome, Store } from '../store.ts';
import { checkFile } from './check-file.ts';
import { DOWNLOAD_RULES, type DownloadFailure, MEDIA_RETENTION_MS, retryDelayMs } from './download-rules.ts';
import { fetchFile } from './fetch-file.ts';

/** Clickatell's platform, where the core's client goes when no base URL is set. */
export const CLICKATELL_ORIGIN = 'https://platform.clickatell.com';

/** Room for an encrypted file's framing above the clear file's limit. */
const CIPHER_MARGIN_BYTES = 65_536;

/** Options of `createMediaDownloader`. */
export interface MediaDownloaderOptions {
  readonly store: Store;
  /** The API key of the integration a message came through (`integrationKeyResolver`); undefined: none set. */
  readonly apiKey: (integration: IntegrationRef) => string | undefined;
  /**
   * Clickatell's base URL (`CLICKATELL_BASE_URL`; the emulator locally): files are fetched, with the key, only
   * from its origin. Default `https://platform.clickatell.com`, as the core's client.
   */
  readonly baseUrl?: string;
  /** The gateway's encryption: an encrypted file is decrypted to be checked (and stored as received). */
  readonly encryption?: Encryption;
  /** Default the global `fetch`, called unbound. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Downloads claimed per round. Default 10. */
  readonly claimLimit?: number;
  /** Files fetched at once; each may hold 30 MB in memory. Default 1. */
  readonly concurrency?: number;
  /** How long a claim holds a download; a downloader that dies frees it when it runs out. Default 5 min. */
  readonly leaseMs?: number;
  /** One file's whole request, body included. Default 120 s. */
  readonly timeoutMs?: number;
  /** Rounds per run at most. Default 10. */
  readonly maxRounds?: number;
  readonly now?: () => number;
  /** Told of a failed store call; the downloads stay leased, then are claimed again. Must not throw. */
  readonly onError?: (error: unknown) => void;
}

/** What one run did. */
export interface DownloadReport {
  readonly stored: number;
  readonly retrying: number;
  readonly ended: number;
  readonly failed: boolean;
}

/** The downloader of files sent by reference: one run in flight per object. */
export interface MediaDownloader {
  /** Downloads what is due; a call while a run is in flight asks it for one more round and resolves at once. */
  run(): Promise<DownloadReport>;
}

const at = (claim: DownloadClaim) => ({ eventKey: claim.eventKey, fileIndex: claim.fileIndex });

/**
 * Creates the downloader of One API files sent by reference (`files[].downloadUrl`), which the outbox drain
 * schedules after the 2xx. Each due file is fetched from the configured Clickatell origin only, with its
 * integration's key, bounded in size; checked against the declared `byteSize` and `sha256Hash` (of the clear
 * file); stored with `putBlob` (as received), then recorded stored. A failure is retried with backoff or ends
 * the download, as `DOWNLOAD_RULES` says; the message is kept either way.
 *
 * @example
 * const downloader = createMediaDownloader({ store, apiKey: integrationKeyResolver(env, integrations) });
 * const drain = createOutboxDrain({ store, handOff, downloader });
 */
export function createMediaDownloader(options: MediaDownloaderOptions): MediaDownloader {
  const { store, encryption } = options;
  const origin = new URL(options.baseUrl || CLICKATELL_ORIGIN).origin;
  // Called unbound: Workers' fetch throws "Illegal invocation" when called as a method of another object.
  const fetchFn = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const claimLimit = options.claimLimit ?? 10;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const leaseMs = options.leaseMs ?? 300_000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const maxRounds = options.maxRounds ?? 10;
  const now = options.now ?? Date.now;
  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A logger that throws must not stop the downloader.
    }
  };

  /** The outcome a failure stands for after this attempt, by `DOWNLOAD_RULES`. */
  function outcomeOf(claim: DownloadClaim, failure: DownloadFailure, detail: string): DownloadOutcome {
    const rule = DOWNLOAD_RULES[failure];
    const error = `${rule.why} (${detail})`;
    const time = now();
    if (rule.outcome === 'retry')
      return {
        ...at(claim),
        state: 'pending',
        nextAttemptAt: time + retryDelayMs(claim.attempts),
        error,
        at: time,
      };
    return { ...at(claim), state: rule.outcome, error, at: time };
  }

  async function attempt(claim: DownloadClaim): Promise<DownloadOutcome> {
    const event = await store.getEvent(claim.eventKey);
    const file = event?.kind === 'message' ? event.files?.[claim.fileIndex] : undefined;
    if (event?.kind !== 'message' || !file)
      return { ...at(claim), state: 'not-found', error: 'The message or its file is not stored', at: now() };
    let url: URL | undefined;
    try {
      url = new URL(file.downloadUrl);
    } catch {}
    if (url?.origin !== origin) return outcomeOf(claim, 'foreign-origin', String(url?.origin ?? 'not a URL'));
    if (now() >= event.timestamp + MEDIA_RETENTION_MS)
      return outcomeOf(claim, 'past-retention', `message of ${new Date(event.timestamp).toISOString()}`);
    const maxBytes = ONE_API_LIMITS.maxUploadBytes;
    if (file.byteSize !== null && file.byteSize > maxBytes)
      return outcomeOf(claim, 'declared-too-large', `${file.byteSize} bytes`);
    const key = options.apiKey(event);
    if (key === undefined) return outcomeOf(claim, 'no-api-key', event.integrationName ?? 'default');
    const fetched = await fetchFile(url.href, key, {
      fetch: fetchFn,
      timeoutMs,
      maxBytes: event.encryptionKey === null ? maxBytes : maxBytes + CIPHER_MARGIN_BYTES,
    });
    if (!fetched.ok) return outcomeOf(claim, fetched.failure, fetched.detail);
    const checked = await checkFile(fetched.bytes, event, file, encryption);
    if (!checked.ok) return outcomeOf(claim, checked.failure, checked.detail);
    // The bytes first: a download recorded stored never points at missing bytes.
    await store.putBlob(checked.sha256, fetched.bytes);
    return {
      ...at(claim),
      state: 'stored',
      sha256: checked.sha256,
      size: fetched.bytes.byteLength,
      at: now(),
    };
  }

  let running = false;
  let again = false;

  return {
    async run() {
      if (running) {
        again = true;
        return { stored: 0, retrying: 0, ended: 0, failed: false };
      }
      running = true;
      const total = { stored: 0, retrying: 0, ended: 0, failed: false };
      try {
        for (let rounds = 0; rounds < maxRounds; rounds++) {
          again = false;
          const claims = [...(await store.claimDownloads({ limit: claimLimit, leaseMs, now: now() }))];
          const full = claims.length === claimLimit;
          const workers = Array.from({ length: Math.min(concurrency, claims.length) }, async () => {
            for (let claim = claims.shift(); claim; claim = claims.shift()) {
              try {
                const outcome = await attempt(claim);
                await store.recordDownload(outcome);
                if (outcome.state === 'stored') total.stored++;
                else if (outcome.state === 'pending') total.retrying++;
                else total.ended++;
              } catch (error) {
                // A store call failed: the download stays leased, and is claimed again when its lease runs out.
                total.failed = true;
                report(error);
              }
            }
          });
          await Promise.all(workers);
          if (!full && !again) break;
        }
      } catch (error) {
        total.failed = true;
        report(error);
      } finally {
        running = false;
      }
      return total;
    },
  };
}
