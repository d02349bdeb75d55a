/** A file the emulator keeps: uploaded through `POST /v1/media`, or sent by a simulated user. */
export interface StoredFile {
  /** `<uuid>.<ext>`, as One API's download URLs show it. */
  readonly fileId: string;
  readonly integrationId: string;
  readonly contentType: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly sha256Hash: string;
  readonly uploadedAt: number;
  /** Epoch ms; the file is gone after it. */
  readonly expiresAt: number;
  readonly broadcastAllowed: boolean;
  /** The only recipient it may be sent to, when uploaded with `to`. */
  readonly to: string | null;
  readonly source: 'upload' | 'inbound';
}

/** The files, bounded in count and bytes. */
export interface MediaStore {
  put(file: StoredFile): void;
  /** The file, or undefined when it never existed, was evicted or has expired at `now`. */
  get(fileId: string, now: number): StoredFile | undefined;
  /** Every file kept, oldest first (expired ones included until evicted). */
  list(): IterableIterator<StoredFile>;
  readonly count: number;
  readonly bytes: number;
  clear(): void;
}

/**
 * Keeps files in memory, the oldest evicted first once `maxFiles` or `maxBytes` is passed, so memory stays
 * bounded however long the emulator runs.
 */
export function createMediaStore(limits: {
  readonly maxFiles: number;
  readonly maxBytes: number;
}): MediaStore {
  let files = new Map<string, StoredFile>();
  let bytes = 0;
  const evict = () => {
    while (files.size > limits.maxFiles || (bytes > limits.maxBytes && files.size > 1)) {
      const oldest = files.values().next().value as StoredFile;
      files.delete(oldest.fileId);
      bytes -= oldest.bytes.byteLength;
    }
  };
  return {
    put(file) {
      files.set(file.fileId, file);
      bytes += file.bytes.byteLength;
      evict();
    },
    get(fileId, now) {
      const file = files.get(fileId);
      return file && file.expiresAt > now ? file : undefined;
    },
    list: () => files.values(),
    get count() {
      return files.size;
    },
    get bytes() {
      return bytes;
    },
    clear() {
      files = new Map();
      bytes = 0;
    },
  };
}
