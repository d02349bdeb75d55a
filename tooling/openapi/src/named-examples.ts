import type { JsonSchema } from './to-components.ts';

/** OpenAPI `examples` from sample files, each named after its file (without `.json`). */
export function namedExamples(
  samples: Record<string, unknown>,
  names: readonly string[],
  summary: (name: string) => string = (name) => name.replace(/\.json$/, ''),
): Record<string, JsonSchema> {
  return Object.fromEntries(
    names.map((name) => {
      if (!(name in samples)) throw new Error(`No sample ${name}`);
      return [name.replace(/\.json$/, ''), { summary: summary(name), value: samples[name] }];
    }),
  );
}
