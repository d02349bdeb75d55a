import {
  type ConversionConfig,
  type OverrideActionContext,
  toJsonSchema,
  toJsonSchemaDefs,
} from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';
import { caseInsensitivePattern } from './case-insensitive-pattern.ts';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) or any other part of a document. */
export type JsonSchema = Record<string, unknown>;

// Marks a schema whose pipe trimmed the string: what follows checks the trimmed text, which the raw input
// need not pass (" 37.5" is a decimal once trimmed), so the schema stays as it was before the trim. A symbol
// key never reaches the JSON.
const TRIMMED = Symbol('trimmed');

function overrideAction({ valibotAction, jsonSchema }: OverrideActionContext): JsonSchema | undefined {
  const before = (jsonSchema as { [TRIMMED]?: JsonSchema })[TRIMMED];
  if (before) return { ...before, [TRIMMED]: before };
  if (valibotAction.type === 'trim') {
    const snapshot = { ...jsonSchema };
    return { ...snapshot, [TRIMMED]: snapshot };
  }
  if (jsonSchema.anyOf && jsonSchema.type) {
    // A type-narrowing action (`integer`) on a union (a number or a numeric string): JSON Schema would apply
    // it to every member and refuse the string, so the union stays as it was.
    const { type: _, ...union } = jsonSchema;
    return union;
  }
  if (valibotAction.type === 'regex') {
    const { source, flags } = (valibotAction as unknown as { requirement: RegExp }).requirement;
    // JSON Schema patterns have no flags: `i` is spelled out; `u` changes nothing here; others drop the pattern.
    const pattern = flags.includes('i') ? caseInsensitivePattern(source) : source;
    const { pattern: _, ...rest } = jsonSchema;
    return /[^iu]/.test(flags) ? rest : { ...rest, pattern };
  }
  return undefined;
}

const CONFIG = {
  target: 'draft-2020-12',
  typeMode: 'input',
  errorMode: 'ignore',
  overrideAction,
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
} as const satisfies ConversionConfig;

/**
 * Converts named valibot schemas into `components.schemas`, each named schema that another uses becoming a
 * `$ref` to `#/components/schemas/<name>`. The input side is described (what a sender may put on the wire):
 * transformations and checks JSON Schema cannot say (`transform`, `check`, anything after a `trim`) are left
 * out, so a document accepts at least what the schema does.
 */
export function toComponents(definitions: Record<string, GenericSchema>): Record<string, JsonSchema> {
  // A round trip through JSON leaves the markers behind.
  return JSON.parse(JSON.stringify(toJsonSchemaDefs(definitions, CONFIG))) as Record<string, JsonSchema>;
}

/** One schema alone (a query parameter's), converted as `toComponents` converts them. */
export function toSchema(schema: GenericSchema): JsonSchema {
  const { $schema: _, ...converted } = JSON.parse(JSON.stringify(toJsonSchema(schema, CONFIG))) as JsonSchema;
  return converted;
}
