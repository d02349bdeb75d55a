import * as v from 'valibot';
import { StoredMediaFileSchema } from './stored-event-schema.ts';

/** Where a file's download stands (`MediaDownloadState`): `pending`, `stored`, or why it ended. */
export const MediaDownloadStateSchema = v.picklist([
  'pending',
  'stored',
  'not-found',
  'expired',
  'hash-mismatch',
  'size-mismatch',
  'refused-origin',
  'too-large',
]);

/** A file a user sent by reference (`FileItem`): what its callback declared and where its download stands. */
export const FileItemSchema = v.object({
  ...StoredMediaFileSchema.entries,
  index: v.number(),
  state: MediaDownloadStateSchema,
  attempts: v.number(),
  nextAttemptAt: v.nullable(v.number()),
  error: v.nullable(v.string()),
  url: v.nullable(v.string()),
});
