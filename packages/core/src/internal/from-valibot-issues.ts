import type * as v from 'valibot';
import type { Issue } from '../result.ts';

/** Converts valibot's issues to the core's issue shape (message, path, severity). */
export function fromValibotIssues(
  issues: readonly v.BaseIssue<unknown>[],
  extra: Omit<Issue, 'message' | 'severity' | 'path'> = {},
): Issue[] {
  return issues.map((i) => {
    const path = i.path?.map((p) => p.key as string | number);
    const where = path && path.length > 0 ? `${path.join('.')}: ` : '';
    return { message: `${where}${i.message}`, severity: 'error', ...(path ? { path } : {}), ...extra };
  });
}
