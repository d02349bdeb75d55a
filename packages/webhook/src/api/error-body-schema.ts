import * as v from 'valibot';

/** One problem with the input: a sentence, or the core's issue (`message`, `path`, `code`, `severity`). */
export const IssueSchema = v.union([
  v.string(),
  v.looseObject({
    message: v.string(),
    path: v.optional(v.array(v.union([v.string(), v.number()]))),
    code: v.optional(v.number()),
    severity: v.optional(v.picklist(['error', 'warning'])),
    messageIndex: v.optional(v.number()),
  }),
]);

/** Every error answer of the gateway: `{ error, issues? }`, plus fields some routes add (named where they are). */
export const ErrorBodySchema = v.looseObject({
  error: v.pipe(v.string(), v.description('What went wrong, for people.')),
  issues: v.optional(v.array(IssueSchema)),
});
