import { LIMITS } from '../limits.ts';
import type { Issue } from '../result.ts';

const WHITESPACE_RULE = new RegExp(`[\\n\\r\\t]| {${LIMITS.maxTemplateParameterSpaces + 1},}`);

/**
 * Checks template parameters (spec 7.1.4): keys must be "1".."N" with no gap, values strings. A value with
 * a newline, a tab or more than four consecutive spaces is a warning marked `rejectedAtDelivery`: WhatsApp
 * rejects it at delivery, the platform does not reject it at submission. Returns the issues (empty when all
 * is well), with code 106.
 *
 * @example checkTemplateParameters({ '1': '$150', '3': 'x' }, 2) // two issues: a gap, and 2 expected
 */
export function checkTemplateParameters(parameters: unknown, expectedCount?: number): Issue[] {
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return [
      { message: 'Template parameters must be an object keyed "1".."N"', code: 106, severity: 'error' },
    ];
  }
  const issues: Issue[] = [];
  const keys = Object.keys(parameters);
  const record = parameters as Record<string, unknown>;
  for (let n = 1; n <= keys.length; n++) {
    if (!Object.hasOwn(record, String(n))) {
      // Naming what came, not only what is missing: `{ "2": ... }` lacks "1" because it starts at "2".
      const given = keys.map((k) => `"${k}"`).join(', ');
      issues.push({
        message: `Template parameters must be numbered "1".."${keys.length}" without gaps; got ${given}, without "${n}"`,
        code: 106,
        severity: 'error',
        path: ['parameters'],
      });
      break;
    }
  }
  if (expectedCount !== undefined && keys.length !== expectedCount) {
    issues.push({
      message: `Template expects ${expectedCount} parameter${expectedCount === 1 ? '' : 's'}, got ${keys.length}`,
      code: 106,
      severity: 'error',
      path: ['parameters'],
    });
  }
  for (const key of keys) {
    const value = record[key];
    if (typeof value !== 'string') {
      issues.push({
        message: `Template parameter "${key}" must be a string`,
        code: 106,
        severity: 'error',
        path: ['parameters', key],
      });
    } else if (WHITESPACE_RULE.test(value)) {
      issues.push({
        message: `Template parameter "${key}" contains a newline, a tab or more than ${LIMITS.maxTemplateParameterSpaces} consecutive spaces; WhatsApp rejects it at delivery`,
        code: 106,
        severity: 'warning',
        rejectedAtDelivery: true,
        path: ['parameters', key],
      });
    }
  }
  return issues;
}
