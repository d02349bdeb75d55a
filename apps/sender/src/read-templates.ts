import { readFile } from 'node:fs/promises';
import { defineTemplates, type TemplateRegistry } from '@clickwa/core';
import { badInput } from './exit-codes.ts';
import { describeFsError } from './fs-error.ts';

/** Approved templates read from a file: the bodies (kept in the results file) and the core's registry. */
export interface Templates {
  readonly bodies: Readonly<Record<string, string>>;
  readonly registry: TemplateRegistry;
}

const unquote = (raw: string, where: string): string => {
  const value = raw.trim();
  if (value.startsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      throw new Error(`${where}: a "quoted" value must end with its quote`);
    }
  }
  if (value.startsWith("'")) {
    if (!value.endsWith("'") || value.length < 2)
      throw new Error(`${where}: a 'quoted' value must end with its quote`);
    return value.slice(1, -1).replaceAll("''", "'");
  }
  return value;
};

/**
 * Reads the flat YAML a template list is written in: one `name: body` per line, `#` comments, bodies plain
 * or quoted ('...' or "..."). Nothing else of YAML is needed for a map of names to one-line bodies.
 */
export function parseTemplatesYaml(text: string): Record<string, string> {
  const bodies: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const where = `line ${i + 1}`;
    if (raw.trim() === '' || raw.trimStart().startsWith('#') || raw.trim() === '---') return;
    const match = /^([A-Za-z0-9_]+)\s*:\s(.*)$/.exec(raw) ?? /^([A-Za-z0-9_]+)\s*:()$/.exec(raw);
    if (!match) throw new Error(`${where}: expected "template_name: body"`);
    const [, name, rest] = match;
    // A comment after an unquoted body is part of the body only if there is no space before the #.
    const body =
      rest!.trim().startsWith('"') || rest!.trim().startsWith("'") ? rest! : rest!.replace(/\s+#.*$/, '');
    bodies[name!] = unquote(body, where);
  });
  return bodies;
}

/**
 * Reads `--templates FILE`: a JSON object or YAML map of template name -> body (with `{{1}}`..`{{N}}`), so
 * names and parameter counts are checked before anything is sent. Anything unusable is bad input.
 *
 * @example await readTemplates('templates.yaml') // { bodies: { payment_alert: '...' }, registry }
 */
export async function readTemplates(path: string): Promise<Templates> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw badInput(`cannot read --templates ${path}: ${describeFsError(error)}`, error);
  }
  let bodies: unknown;
  try {
    bodies = text.trimStart().startsWith('{') ? JSON.parse(text) : parseTemplatesYaml(text);
  } catch (error) {
    throw badInput(`--templates ${path}: ${(error as Error).message}`, error);
  }
  return fromBodies(bodies, `--templates ${path}`);
}

/** The registry of template bodies (from a file, or from the results file on resume). */
export function fromBodies(bodies: unknown, where: string): Templates {
  if (typeof bodies !== 'object' || bodies === null || Array.isArray(bodies)) {
    throw badInput(`${where}: expected a map of template name -> body`);
  }
  try {
    const map = bodies as Record<string, string>;
    return { bodies: map, registry: defineTemplates(map) };
  } catch (error) {
    throw badInput(`${where}: ${(error as Error).message}`, error);
  }
}
