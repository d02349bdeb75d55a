import type { MediaDownload, MediaDownloadState, StoredInboundMessage, StoredMediaFile } from '../store.ts';

/** A file a user sent by reference, in the API: what the callback declared and where its download stands. */
export interface FileItem extends StoredMediaFile {
  readonly index: number;
  /** `pending` until the file is stored (`url`) or its download ended (the state says why). */
  readonly state: MediaDownloadState;
  readonly attempts: number;
  /** When a pending download is tried next (epoch ms); null before the first is scheduled and once it ended. */
  readonly nextAttemptAt: number | null;
  /** What went wrong last, or null. */
  readonly error: string | null;
  /** Where the gateway serves the stored file (`GET`, bearer token), once stored. */
  readonly url: string | null;
}

/** The downloads by event key, for `toFileItems`. */
export function downloadsByKey(downloads: readonly MediaDownload[]): Map<string, MediaDownload[]> {
  const byKey = new Map<string, MediaDownload[]>();
  for (const d of downloads) byKey.set(d.eventKey, [...(byKey.get(d.eventKey) ?? []), d]);
  return byKey;
}

/** The files of a message sent by reference, each with its download; null for any other message. */
export function toFileItems(
  message: StoredInboundMessage,
  downloads: readonly MediaDownload[] = [],
): FileItem[] | null {
  if (!message.files) return null;
  return message.files.map((file, index) => {
    const download = downloads.find((d) => d.fileIndex === index);
    const stored = download?.state === 'stored';
    return {
      index,
      ...file,
      state: download?.state ?? 'pending',
      attempts: download?.attempts ?? 0,
      nextAttemptAt: download?.nextAttemptAt ?? null,
      error: stored ? null : (download?.lastError ?? null),
      url: stored ? `/api/messages/${encodeURIComponent(message.messageId)}/media/${index}` : null,
    };
  });
}
