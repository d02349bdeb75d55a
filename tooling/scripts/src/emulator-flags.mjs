// The emulator runner's flags, read from its flag table (packages/emulator/src/node/parse-cli-args.ts), so a
// README command line can be checked against what `clickwa-emulator` accepts without building it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The runner of the workspace package whose `bin` has `clickwa-emulator`: `entries` (its built bin, absolute)
 * and `flags` (every flag it takes, `help` included). Undefined when no package has the bin.
 */
export function emulatorFlags(packages) {
  const emulator = packages.find((pkg) => pkg.manifest.bin?.['clickwa-emulator']);
  if (!emulator) return undefined;
  const file = join(emulator.dir, 'src', 'node', 'parse-cli-args.ts');
  if (!existsSync(file)) throw new Error(`${file}: the emulator's flag table is missing`);
  const table = /const FLAGS = \{([\s\S]*?)\n\} as const/.exec(readFileSync(file, 'utf8'));
  if (!table) throw new Error(`${file}: no FLAGS table`);
  const flags = new Set(['help']);
  for (const match of table[1].matchAll(/^ {2}'?([a-z-]+)'?: \[/gm)) flags.add(match[1]);
  return { entries: new Set([join(emulator.dir, emulator.manifest.bin['clickwa-emulator'])]), flags };
}
