// A JavaScript or TypeScript block of a README is either a whole example file, kept equal to it, or a
// fragment that names the example it comes from. Anything else is code no test has run.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The languages held to these rules. */
export const JS_LANGS = new Set(['js', 'javascript', 'mjs', 'cjs', 'jsx', 'ts', 'typescript', 'mts', 'tsx']);

const EXAMPLE = /^\/\/ example: (\S+)\s*$/;
const FRAGMENT = /^\/\/ fragment: see (\S+)\s*$/;

/** The names a block imports: `import { a, b as c } from`, `import d from`. */
function importedNames(code) {
  const names = [];
  for (const match of code.matchAll(/^import\s+(?:type\s+)?([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?\s*from\s/gm)) {
    if (match[1]) names.push(match[1]);
    for (const part of (match[2] ?? '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0];
      if (name) names.push(name);
    }
  }
  return names;
}

/** The nearest package.json at or above `file`, within `root`. */
function owningManifest(root, file) {
  for (let dir = dirname(file); dir.startsWith(root); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return { dir, manifest: JSON.parse(readFileSync(manifest, 'utf8')) };
    if (dir === root) break;
  }
  return undefined;
}

/**
 * The problems of one JS/TS block (`code` without its fence), paths taken from the repository `root`:
 * - `// example: examples/node-send/send.mjs` as the first line: the rest of the block must equal that file,
 *   which belongs to a package with a `test` script (its test runs it);
 * - `// fragment: see examples/node-send/send.mjs`: the named file must exist and use every name the fragment
 *   imports;
 * - neither: a problem.
 *
 * @example jsBlockProblems('/repo', 'const x = 1;') // ['neither "// example: <file>" ...']
 */
export function jsBlockProblems(root, code) {
  const [first = '', ...rest] = code.split('\n');
  const example = EXAMPLE.exec(first);
  if (example) {
    const file = join(root, example[1]);
    if (!existsSync(file)) return [`// example: ${example[1]}: no such file`];
    const problems = [];
    const expected = readFileSync(file, 'utf8').trimEnd();
    if (rest.join('\n').trimEnd() !== expected) {
      const a = rest;
      const b = expected.split('\n');
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      problems.push(
        `differs from ${example[1]} at its line ${at + 1}: block has ${JSON.stringify(a[at] ?? '(end)')}, file has ${JSON.stringify(b[at] ?? '(end)')}`,
      );
    }
    const owner = owningManifest(root, file);
    if (!owner?.manifest.scripts?.test) {
      problems.push(
        `${example[1]} is in no package with a test script (${relative(root, owner?.dir ?? root) || '.'})`,
      );
    }
    return problems;
  }
  const fragment = FRAGMENT.exec(first);
  if (fragment) {
    const file = join(root, fragment[1]);
    if (!existsSync(file)) return [`// fragment: see ${fragment[1]}: no such file`];
    // It comes from there: what the fragment imports, the file uses too.
    const source = readFileSync(file, 'utf8');
    return importedNames(rest.join('\n'))
      .filter((name) => !new RegExp(`\\b${name}\\b`).test(source))
      .map((name) => `imports ${name}, which ${fragment[1]} never uses: not where the fragment comes from`);
  }
  return [
    'neither "// example: <file>" (the block equals a tested example file) nor "// fragment: see <file>" as its first line',
  ];
}
