import * as v from 'valibot';

/** A quarantined callback (`QuarantineRecord`). */
export const QuarantineRecordSchema = v.object({
  id: v.string(),
  route: v.string(),
  reason: v.picklist([
    'invalid-utf8',
    'invalid-json',
    'too-deep',
    'not-a-callback',
    'invalid-media',
    'unrecognized-event',
  ]),
  issues: v.array(v.string()),
  body: v.string(),
  receivedAt: v.number(),
  resolvedAt: v.nullable(v.number()),
});

/** `GET /api/quarantine`: newest first. */
export const QuarantineListSchema = v.object({ items: v.array(QuarantineRecordSchema) });
