import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliGrammar } from './cli-grammar.mjs';
import { codeBlocks } from './code-blocks.mjs';
import { emulatorFlags } from './emulator-flags.mjs';
import { jsBlockProblems } from './js-block-problems.mjs';
import { repoRoot, workspacePackages } from './public-packages.mjs';
import { shellBlockProblems } from './shell-block-problems.mjs';
import { shellCommands } from './shell-commands.mjs';

describe('codeBlocks', () => {
  test('finds fenced blocks with their language and line, list indentation removed', () => {
    const text =
      'intro\n\n```ts\nconst a = 1;\n```\n\n- item:\n\n  ```sh\n  pnpm test\n  ```\n\n```\ndiagram\n```\n';
    assert.deepEqual(codeBlocks(text), [
      { lang: 'ts', code: 'const a = 1;', line: 3 },
      { lang: 'sh', code: 'pnpm test', line: 9 },
      { lang: '', code: 'diagram', line: 13 },
    ]);
  });
});

describe('jsBlockProblems', () => {
  const root = mkdtempSync(join(tmpdir(), 'clickwa-blocks-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'examples/tested'), { recursive: true });
  writeFileSync(join(root, 'examples/tested/package.json'), '{"scripts":{"test":"node --test"}}');
  writeFileSync(join(root, 'examples/tested/main.mjs'), "console.log('hi');\nconsole.log('bye');\n");
  mkdirSync(join(root, 'examples/untested'), { recursive: true });
  writeFileSync(join(root, 'examples/untested/package.json'), '{"scripts":{}}');
  writeFileSync(join(root, 'examples/untested/main.mjs'), "console.log('hi');\n");

  test('a block equal to a tested example file holds', () => {
    const code = "// example: examples/tested/main.mjs\nconsole.log('hi');\nconsole.log('bye');";
    assert.deepEqual(jsBlockProblems(root, code), []);
  });
  test('a block that drifted from its file names the first line that differs', () => {
    const code = "// example: examples/tested/main.mjs\nconsole.log('hi');\nconsole.log('ciao');";
    assert.deepEqual(jsBlockProblems(root, code), [
      `differs from examples/tested/main.mjs at its line 2: block has "console.log('ciao');", file has "console.log('bye');"`,
    ]);
  });
  test('an example file no test script can run is refused', () => {
    const [problem] = jsBlockProblems(root, "// example: examples/untested/main.mjs\nconsole.log('hi');");
    assert.match(problem, /is in no package with a test script/);
  });
  test('a fragment must name a file that exists', () => {
    assert.deepEqual(jsBlockProblems(root, '// fragment: see examples/tested/main.mjs\nlog();'), []);
    assert.deepEqual(jsBlockProblems(root, '// fragment: see examples/gone.mjs\nlog();'), [
      '// fragment: see examples/gone.mjs: no such file',
    ]);
  });
  test('a fragment must come from its file: every name it imports is used there', () => {
    const code =
      "// fragment: see examples/tested/main.mjs\nimport { notify, alert as a } from 'x';\nimport fallback from 'y';";
    writeFileSync(join(root, 'examples/tested/uses.mjs'), 'notify(); alert(); fallback();\n');
    assert.deepEqual(jsBlockProblems(root, code.replace('main.mjs', 'uses.mjs')), []);
    assert.deepEqual(jsBlockProblems(root, code), [
      'imports notify, which examples/tested/main.mjs never uses: not where the fragment comes from',
      'imports alert, which examples/tested/main.mjs never uses: not where the fragment comes from',
      'imports fallback, which examples/tested/main.mjs never uses: not where the fragment comes from',
    ]);
  });
  test('a block with neither marker is refused, even if it is valid code', () => {
    assert.equal(jsBlockProblems(root, "console.log('hi');").length, 1);
  });
});

describe('shellCommands', () => {
  test('joins continuations, drops comments and redirections, splits at operators, unquotes', () => {
    const code =
      'FOO=1 pnpm build 1>&2 && node x.mjs --a \'b c\' \\\n  --d "e#f" # comment\n# whole line\nls | wc -l; echo done > out.txt';
    assert.deepEqual(shellCommands(code), [
      ['FOO=1', 'pnpm', 'build'],
      ['node', 'x.mjs', '--a', 'b c', '--d', 'e#f'],
      ['ls'],
      ['wc', '-l'],
      ['echo', 'done'],
    ]);
  });
});

describe('shellBlockProblems, against this repository', () => {
  const packages = [
    { dir: repoRoot, manifest: JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) },
    ...workspacePackages(repoRoot),
  ];
  const context = { root: repoRoot, packages, cli: cliGrammar(packages), emulator: emulatorFlags(packages) };
  const problems = (code) => shellBlockProblems(context, code);

  test('root scripts, filtered scripts, builtins, bins and cd hold', () => {
    assert.deepEqual(
      problems(
        [
          'pnpm install --frozen-lockfile && pnpm test',
          'pnpm --filter @clickwa/node build && API_TOKEN=x pnpm --filter @clickwa/node start',
          'pnpm --filter @clickwa/webhook... build',
          'pnpm -r --filter "./packages/*" pack --pack-destination /tmp/x',
          'pnpm changeset',
          'cd apps/worker',
          'pnpm exec wrangler deploy',
          'pnpm types',
        ].join('\n'),
      ),
      [],
    );
  });
  test('a script that is not there, in the package the command runs in', () => {
    assert.deepEqual(problems('pnpm start:nod'), ['pnpm start:nod: no such script in . (clickwa)']);
    assert.deepEqual(problems('cd apps/worker && pnpm start:node'), [
      'pnpm start:node: no such script in apps/worker (@clickwa/worker)',
    ]);
    assert.deepEqual(problems('pnpm --filter @clickwa/nope build'), [
      'pnpm --filter @clickwa/nope: no workspace package matches',
    ]);
  });
  test('clickwa commands, send kinds and flags, however the CLI is started', () => {
    assert.deepEqual(
      problems(
        [
          'clickwa send text --to +27821234567 --text "Hi" --encrypt --kms-key-id alias/x',
          'pnpm --silent sender bulk --file r.csv --text "Hi {{name}}" --dry-run',
          'pnpm exec clickwa reconcile results.jsonl --gateway http://127.0.0.1:8787',
          'node apps/sender/dist/main.js send media --to +27821234567 --file ./a.pdf',
          'deno run --allow-net=127.0.0.1 apps/sender/src/main.ts bulk --resume results.jsonl',
        ].join('\n'),
      ),
      [],
    );
    assert.deepEqual(problems('clickwa sned text'), [
      'clickwa sned: not a command (help, send <kind>, bulk, reconcile; send kinds: text, template, media)',
    ]);
    assert.match(problems('pnpm --silent sender send video --to 1')[0], /clickwa send video: not a command/);
    assert.deepEqual(problems('bun apps/sender/src/main.ts send text --to 1 --txt Hi'), [
      'clickwa send text: no flag --txt',
    ]);
  });
  test('the flags of the emulator runner, from the root script or its bin', () => {
    assert.deepEqual(
      problems(
        'pnpm emulator --api one --status-callback http://127.0.0.1:3000/s --no-callbacks\nnode packages/emulator/dist/node/cli.js --port 0',
      ),
      [],
    );
    assert.deepEqual(problems('pnpm emulator --status-callbak http://x'), [
      'clickwa-emulator: no flag --status-callbak',
    ]);
  });
  test('paths in the repository must exist; build output counts when its package builds', () => {
    assert.deepEqual(problems('node packages/webhook/examples/local-gateway.mjs --x ./a.pdf'), []);
    assert.deepEqual(problems('node packages/webhook/examples/gone.mjs'), [
      'node packages/webhook/examples/gone.mjs: no such file (from .)',
      'packages/webhook/examples/gone.mjs: no such file or folder (from .)',
    ]);
    assert.deepEqual(problems('cat docs/nope.md'), ['docs/nope.md: no such file or folder (from .)']);
    assert.deepEqual(problems('cd apps/nope'), ['cd apps/nope: no such folder']);
  });
});
