// The `clickwa` CLI's commands and flags, read from its flag table (apps/sender/src/flags.ts), so a README
// command line can be checked against what the CLI accepts without building it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The string items of a `[...]` list, spreads of the named lists resolved. */
function listItems(body, lists) {
  const items = [];
  for (const match of body.matchAll(/'([^']+)'|\.\.\.(\w+)/g)) {
    if (match[1] !== undefined) items.push(match[1]);
    else items.push(...(lists.get(match[2]) ?? []));
  }
  return items;
}

/**
 * The CLI of the workspace package whose `bin` has `clickwa`: `entries` (its built bin and its TypeScript
 * source entry, absolute paths) and `commands`, a map from `send text`, `bulk`, `reconcile`, `help` to the
 * set of flags each takes (the common ones included). Undefined when no package has the bin.
 */
export function cliGrammar(packages) {
  const cli = packages.find((pkg) => pkg.manifest.bin?.clickwa);
  if (!cli) return undefined;
  const flagsFile = join(cli.dir, 'src', 'flags.ts');
  if (!existsSync(flagsFile)) throw new Error(`${flagsFile}: the CLI's flag table is missing`);
  const source = readFileSync(flagsFile, 'utf8');
  const lists = new Map();
  for (const match of source.matchAll(/const (\w+): readonly Flag\[\] = \[([\s\S]*?)\];/g)) {
    lists.set(match[1], listItems(match[2], lists));
  }
  const common = lists.get('COMMON') ?? [];
  const table = /export const ALLOWED[^=]*= \{([\s\S]*?)\n\};/.exec(source);
  if (!table) throw new Error(`${flagsFile}: no ALLOWED table`);
  const commands = new Map([['help', new Set(common)]]);
  for (const match of table[1].matchAll(/^\s+(?:'([a-z ]+)'|([a-z]+)):\s*\[([\s\S]*?)\]/gm)) {
    commands.set(match[1] ?? match[2], new Set([...common, ...listItems(match[3], lists)]));
  }
  return {
    entries: new Set([join(cli.dir, cli.manifest.bin.clickwa), join(cli.dir, 'src', 'main.ts')]),
    commands,
  };
}
