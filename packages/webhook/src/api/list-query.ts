import * as v from 'valibot';

/** `?limit=`: how many items at most, 1..1000 (default 100). */
const limit = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, 'limit must be 1..1000'),
    v.transform(Number),
    v.minValue(1, 'limit must be 1..1000'),
    v.maxValue(1000, 'limit must be 1..1000'),
  ),
  '100',
);

/** The query of `GET /api/conversations/:msisdn`. */
export const ConversationQuerySchema = v.object({ limit });

/** The query of `GET /api/quarantine`: `resolved=true` lists resolved entries instead of pending ones. */
export const QuarantineQuerySchema = v.object({
  limit,
  resolved: v.optional(
    v.pipe(
      v.picklist(['true', 'false']),
      v.transform((s) => s === 'true'),
    ),
    'false',
  ),
});
