import type { Issue } from '@clickwa/core';
import * as v from 'valibot';
import { jsonError } from './json-error.ts';

/**
 * Parses a request's input (body or query) with its schema: the output, or the 400 to answer, whose `error`
 * is the first problem and whose `issues` list them all with their paths.
 */
export function parseInput<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; output: v.InferOutput<S> } | { ok: false; response: Response } {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return { ok: true, output: parsed.output };
  const issues: Issue[] = parsed.issues.map((i) => {
    const path = i.path?.map((p) => p.key as string | number);
    return { message: i.message, severity: 'error', ...(path ? { path } : {}) };
  });
  return { ok: false, response: jsonError(400, issues[0]!.message, { issues }) };
}
