// A shell block of a README must name what exists: `pnpm <script>` a script of the package it runs in,
// `clickwa <command>` a command of the CLI with its flags (and the emulator runner's flags), and every repository path a file or folder (build
// output counts when its package has a build script). The commands are read from the repository root, as the
// READMEs' commands are typed there; `cd` moves on for the rest of the block.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { shellCommands } from './shell-commands.mjs';

/** pnpm's own commands: anything else is a script (or a dependency's bin, which pnpm runs like `exec`). */
const PNPM_BUILTINS = new Set(
  'add audit bin config create deploy dlx doctor env fetch i import init install licenses link list ls outdated pack patch patch-commit prune publish rebuild remove rm root server setup store unlink up update why'.split(
    ' ',
  ),
);
const PNPM_VALUE_FLAGS = new Set(['--filter', '-F', '-C', '--dir', '--reporter', '--loglevel']);
const RUNTIMES = new Set(['node', 'bun', 'deno']);

/** The languages held to these rules. */
export const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'zsh', 'console']);

/** Whether `path` is a build output of its package (under `dist/` of a package with a `build` script). */
function isBuildOutput(root, path) {
  const parts = relative(root, path).split(sep);
  const at = parts.indexOf('dist');
  if (at < 1) return false;
  const manifest = join(root, ...parts.slice(0, at), 'package.json');
  return existsSync(manifest) && Boolean(JSON.parse(readFileSync(manifest, 'utf8')).scripts?.build);
}

/** A repository path that must exist: relative, and its first segment is an entry of `cwd`. */
function namedPath(cwd, token) {
  const value = token.replace(/^--?[\w-]+=/, '');
  if (!value.includes('/') || /:\/\/|^[/~$@-]|[*{}<>]/.test(value)) return undefined;
  const first = value.replace(/^\.\//, '').split('/')[0];
  return first && first !== '..' && existsSync(join(cwd, first)) ? resolve(cwd, value) : undefined;
}

function matchesGlob(glob, value) {
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${pattern}$`).test(value);
}

/** The packages a `--filter` selects (dependency markers `...` and `^` dropped), or a problem. */
function filterPackages(root, packages, filter) {
  const value = filter.replace(/^\.\.\.|\.\.\.$|\^/g, '');
  if (value.startsWith('.') || value.startsWith('{')) {
    const dir = value.replace(/^\{|\}$/g, '').replace(/^\.\//, '');
    return packages.filter((pkg) => matchesGlob(dir, relative(root, pkg.dir)));
  }
  return packages.filter((pkg) => matchesGlob(value, pkg.manifest.name ?? ''));
}

/** The nearest package at or above `dir`. */
function owningPackage(root, packages, dir) {
  for (let d = dir; ; d = dirname(d)) {
    const pkg = packages.find((p) => p.dir === d);
    if (pkg) return pkg;
    if (d === root || d === dirname(d)) return packages.find((p) => p.dir === root);
  }
}

const hasBin = (root, pkg, bin) =>
  existsSync(join(pkg.dir, 'node_modules', '.bin', bin)) ||
  existsSync(join(root, 'node_modules', '.bin', bin));

function cliProblems(cli, args) {
  if (!cli) return ['clickwa: no workspace package has the clickwa bin'];
  const [command, kind] = args;
  if (command === undefined || command.startsWith('-')) return [];
  const key = command === 'send' ? `send ${kind}` : command;
  const flags = cli.commands.get(key);
  if (!flags) {
    const known = [
      ...new Set([...cli.commands.keys()].map((k) => (k.startsWith('send ') ? 'send <kind>' : k))),
    ];
    return [
      `clickwa ${key}: not a command (${known.join(', ')}; send kinds: ${[...cli.commands.keys()]
        .filter((k) => k.startsWith('send '))
        .map((k) => k.slice(5))
        .join(', ')})`,
    ];
  }
  if (command === 'help') return [];
  return args
    .filter((a) => a.startsWith('--'))
    .map((a) => a.slice(2).split('=')[0])
    .filter((flag) => !flags.has(flag))
    .map((flag) => `clickwa ${key}: no flag --${flag}`);
}

function emulatorProblems(emulator, args) {
  return args
    .filter((a) => a.startsWith('--'))
    .map((a) => a.slice(2).split('=')[0])
    .filter((flag) => !emulator.flags.has(flag))
    .map((flag) => `clickwa-emulator: no flag --${flag}`);
}

/** The workspace's command-line programs whose arguments are checked: the CLI and the emulator runner. */
function programs(context) {
  const found = [
    {
      bin: 'clickwa',
      entries: context.cli?.entries ?? new Set(),
      problems: (args) => cliProblems(context.cli, args),
    },
  ];
  if (context.emulator)
    found.push({
      bin: 'clickwa-emulator',
      entries: context.emulator.entries,
      problems: (args) => emulatorProblems(context.emulator, args),
    });
  return found;
}

/** The program a package script's last command runs (so the arguments after it are the program's). */
function scriptProgram(context, pkg, script) {
  const last = script.split('&&').at(-1).trim().split(/\s+/);
  return programs(context).find(
    (program) =>
      last[0] === program.bin ||
      (RUNTIMES.has(last[0]) && last[1] !== undefined && program.entries.has(resolve(pkg.dir, last[1]))),
  );
}

function pnpmProblems(context, cwd, args) {
  const { root, packages } = context;
  const filters = [];
  let recursive = false;
  let dir = cwd;
  let workspaceRoot = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--filter=')) filters.push(a.slice('--filter='.length));
    else if (a === '--filter' || a === '-F') filters.push(args[++i]);
    else if (a === '-C' || a === '--dir') dir = resolve(cwd, args[++i]);
    else if (PNPM_VALUE_FLAGS.has(a)) i++;
    else if (a === '-r' || a === '--recursive') recursive = true;
    else if (a === '-w' || a === '--workspace-root') workspaceRoot = true;
    else if (!a.startsWith('-')) break;
  }
  const word = args[i];
  let rest = args.slice(i + 1);
  if (word === undefined || PNPM_BUILTINS.has(word)) return [];
  const problems = [];
  let targets;
  let each = true;
  if (filters.length > 0) {
    targets = [];
    for (const filter of filters) {
      const found = filterPackages(root, packages, filter);
      if (found.length === 0) problems.push(`pnpm --filter ${filter}: no workspace package matches`);
      if (/[*{]/.test(filter)) each = false;
      targets.push(...found);
    }
  } else if (recursive) {
    targets = packages;
    each = false;
  } else {
    targets = [workspaceRoot ? owningPackage(root, packages, root) : owningPackage(root, packages, dir)];
  }
  if (word === 'exec') {
    const bin = rest[0];
    if (bin && !targets.some((pkg) => hasBin(root, pkg, bin)))
      problems.push(`pnpm exec ${bin}: no such bin in ${targets.map((p) => p.manifest.name).join(', ')}`);
    const program = programs(context).find((p) => p.bin === bin);
    if (program) problems.push(...program.problems(rest.slice(1)));
    return problems;
  }
  let script = word;
  if (word === 'run' || word === 'run-script') {
    script = rest[0];
    rest = rest.slice(1);
  }
  const having = targets.filter((pkg) => pkg.manifest.scripts?.[script] !== undefined);
  const missing = targets.filter((pkg) => !having.includes(pkg) && !hasBin(root, pkg, script));
  if (each ? missing.length > 0 : having.length === 0 && missing.length === targets.length) {
    const names = (each ? missing : targets).map(
      (p) => `${relative(root, p.dir) || '.'} (${p.manifest.name})`,
    );
    problems.push(`pnpm ${script}: no such script in ${names.join(', ')}`);
  }
  for (const pkg of having) {
    const program = scriptProgram(context, pkg, pkg.manifest.scripts[script]);
    if (program) {
      problems.push(...program.problems(rest));
      break;
    }
  }
  return problems;
}

function runtimeProblems(context, cwd, runtime, args) {
  const { root } = context;
  let i = runtime === 'deno' && args[0] === 'run' ? 1 : runtime === 'bun' && args[0] === 'run' ? 1 : 0;
  while (i < args.length && args[i].startsWith('-')) i++;
  const program = args[i];
  if (program === undefined) return [];
  const path = resolve(cwd, program);
  const problems = [];
  if (!existsSync(path) && !isBuildOutput(root, path))
    problems.push(`${runtime} ${program}: no such file (from ${relative(root, cwd) || '.'})`);
  const run = programs(context).find((p) => p.entries.has(path));
  if (run) problems.push(...run.problems(args.slice(i + 1)));
  return problems;
}

/**
 * The problems of one shell block, each a sentence naming what does not exist.
 * `context`: `{ root, packages }` (workspacePackages), `cli` (cliGrammar) and `emulator` (emulatorFlags).
 *
 * @example shellBlockProblems(context, 'pnpm tset') // ['pnpm tset: no such script in . (clickwa)']
 */
export function shellBlockProblems(context, code) {
  const { root } = context;
  let cwd = root;
  const problems = [];
  for (const command of shellCommands(code)) {
    const tokens = [...command];
    while (tokens.length > 0 && /^[A-Za-z_]\w*=/.test(tokens[0])) tokens.shift();
    const [name, ...args] = tokens;
    if (name === undefined || name === 'export') continue;
    if (name === 'cd') {
      const target = resolve(cwd, args[0] ?? root);
      if (existsSync(target)) cwd = target;
      else problems.push(`cd ${args[0]}: no such folder`);
      continue;
    }
    if (name === 'pnpm') problems.push(...pnpmProblems(context, cwd, args));
    else if (programs(context).some((p) => p.bin === name))
      problems.push(
        ...programs(context)
          .find((p) => p.bin === name)
          .problems(args),
      );
    else if (RUNTIMES.has(name)) problems.push(...runtimeProblems(context, cwd, name, args));
    for (const token of args) {
      const path = namedPath(cwd, token);
      if (path && !existsSync(path) && !isBuildOutput(root, path))
        problems.push(`${token}: no such file or folder (from ${relative(root, cwd) || '.'})`);
    }
  }
  return [...new Set(problems)];
}
