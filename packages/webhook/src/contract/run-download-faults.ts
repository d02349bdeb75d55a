import { sha256Hex } from '@clickwa/core';
import { createMediaDownloader } from '../media/create-media-downloader.ts';
import { createOutboxDrain } from '../outbox/create-outbox-drain.ts';
import type { Store, StoredInboundMessage } from '../store.ts';
import { inboundFiles, mediaFile, newId, newMsisdn, prng } from './fixtures.ts';
import { withFaults } from './with-faults.ts';

/** Options of `runDownloadFaults`. */
export interface DownloadFaultOptions {
  readonly seed: number;
  /** User messages with one to three files each. */
  readonly messages: number;
  /** Share of store calls, hand-offs and fetches that fail. */
  readonly failureRate: number;
}

/** What a run saw; `violations` says each broken promise. */
export interface DownloadFaultReport {
  readonly stored: number;
  readonly ended: number;
  readonly violations: readonly string[];
}

/** The store calls of the drain and the downloader; each may fail before it has any effect. */
const FALLIBLE = [
  'getEvent',
  'claimOutbox',
  'completeOutbox',
  'scheduleDownloads',
  'claimDownloads',
  'recordDownload',
  'putBlob',
] as const;

type FileKind = 'good' | 'flaky' | 'missing' | 'corrupt';
const EXPECTED = { good: 'stored', flaky: 'stored', missing: 'not-found', corrupt: 'hash-mismatch' } as const;

/**
 * Stores user messages whose files came by reference (as callbacks answered 2xx left them), then runs the
 * outbox drain and the media downloader with store calls, hand-offs and fetches failing at random, then
 * healthy until every download is settled, and checks the promise: each file has exactly one download, which
 * ends as its file deserves (stored with its bytes, `not-found`, `hash-mismatch`), and nothing is lost on the way.
 */
export async function runDownloadFaults(
  store: Store,
  options: DownloadFaultOptions,
): Promise<DownloadFaultReport> {
  const random = prng(options.seed);
  let faulty = true;
  const fail = () => faulty && random() < options.failureRate;
  const faultyStore = withFaults(store, FALLIBLE, fail);
  let clock = 1_800_000_000_000;
  const now = () => clock;

  const origin = 'https://platform.clickatell.com';
  const files = new Map<string, { bytes: Uint8Array; kind: FileKind; failuresLeft: number }>();
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    if (fail()) throw new TypeError('injected network failure');
    if ((init.headers as Record<string, string>).Authorization !== 'fault-key')
      return new Response(null, { status: 401 });
    const file = files.get(url);
    if (!file || file.kind === 'missing')
      return Response.json({ error: { code: 33, description: 'Media item not found' } }, { status: 404 });
    if (file.kind === 'flaky' && file.failuresLeft-- > 0) return new Response('busy', { status: 503 });
    const bytes = file.bytes.slice();
    if (file.kind === 'corrupt') bytes[0] = bytes[0]! ^ 0xff;
    return new Response(bytes);
  };

  const messages: { message: StoredInboundMessage; kinds: FileKind[] }[] = [];
  for (let i = 0; i < options.messages; i++) {
    const kinds = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => (['good', 'flaky', 'missing', 'corrupt'] as const)[Math.floor(random() * 4)]!,
    );
    const declared = await Promise.all(
      kinds.map(async (kind) => {
        const bytes = crypto.getRandomValues(new Uint8Array(100 + Math.floor(random() * 2000)));
        const url = `${origin}/v1/media?fileId=${newId()}.jpeg`;
        files.set(url, { bytes, kind, failuresLeft: 2 });
        return mediaFile(url, { byteSize: bytes.byteLength, declaredSha256: await sha256Hex(bytes) });
      }),
    );
    const message = inboundFiles(newMsisdn(), clock - 1000, declared);
    // As a callback answered 2xx left it: stored, with its outbox entry.
    await store.insertEvents([message]);
    messages.push({ message, kinds });
  }

  const drain = createOutboxDrain({
    store: faultyStore,
    leaseMs: 1_000,
    coalesceMs: 0,
    now,
    handOff: async () => {
      if (fail()) throw new Error('injected hand-off failure');
    },
  });
  const downloader = createMediaDownloader({
    store: faultyStore,
    apiKey: () => 'fault-key',
    fetch,
    now,
    leaseMs: 5_000,
    claimLimit: 5,
  });
  for (let round = 0; round < 30; round++) {
    await drain.run();
    await downloader.run();
    clock += 10_000;
  }
  faulty = false;
  const keys = messages.map((m) => m.message.key);
  const settled = async () =>
    (await store.pendingOutbox()) === 0 &&
    (await store.getDownloads(keys)).filter((d) => d.state === 'pending').length === 0 &&
    (await store.getDownloads(keys)).length === messages.reduce((n, m) => n + m.kinds.length, 0);
  for (let round = 0; round < 100 && !(await settled()); round++) {
    // Past every lease and every backoff.
    clock += 3_700_000;
    await drain.run();
    await downloader.run();
  }

  const violations: string[] = [];
  let stored = 0;
  let ended = 0;
  for (const { message, kinds } of messages) {
    if (!(await store.getEvent(message.key))) violations.push(`${message.key}: the message is gone`);
    const downloads = await store.getDownloads([message.key]);
    const indices = downloads.map((d) => d.fileIndex).sort((a, b) => a - b);
    if (JSON.stringify(indices) !== JSON.stringify(kinds.map((_, i) => i)))
      violations.push(`${message.key}: downloads of files ${JSON.stringify(indices)}, not one per file`);
    for (const d of downloads) {
      const kind = kinds[d.fileIndex];
      if (!kind) continue;
      if (d.state !== EXPECTED[kind]) {
        violations.push(
          `${message.key} file ${d.fileIndex} (${kind}): ${d.state}, expected ${EXPECTED[kind]}`,
        );
        continue;
      }
      if (d.state !== 'stored') {
        ended++;
        continue;
      }
      stored++;
      const expected = files.get(message.files![d.fileIndex]!.downloadUrl)!.bytes;
      const blob = d.sha256 === null ? null : await store.getBlob(d.sha256);
      const bytes = blob ? new Uint8Array(await new Response(blob.body).arrayBuffer()) : undefined;
      if (
        !bytes ||
        d.size !== expected.byteLength ||
        bytes.length !== expected.length ||
        bytes.some((b, i) => b !== expected[i])
      )
        violations.push(`${message.key} file ${d.fileIndex}: recorded stored, but its blob is not its bytes`);
    }
  }
  return { stored, ended, violations };
}
