// `changeset version` as the release workflow runs it (root script `version-packages`), in a temporary copy
// of the workspace's manifests: it bumps the public packages a changeset names, writes their changelogs,
// leaves private packages alone, and jsr.json follows package.json.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot, workspacePackages } from './public-packages.mjs';

const run = promisify(execFile);
const copy = mkdtempSync(join(tmpdir(), 'clickwa-release-'));
after(() => rmSync(copy, { recursive: true, force: true }));

const readJson = (file) => JSON.parse(readFileSync(join(copy, file), 'utf8'));

test('changeset version bumps the named package, writes its changelog, and jsr.json follows', async () => {
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) {
    cpSync(join(repoRoot, file), join(copy, file), { recursive: true });
  }
  const packages = workspacePackages();
  for (const { dir, relativeDir } of packages) {
    mkdirSync(join(copy, relativeDir), { recursive: true });
    for (const file of ['package.json', 'jsr.json']) {
      if (existsSync(join(dir, file))) cpSync(join(dir, file), join(copy, relativeDir, file));
    }
  }
  writeFileSync(
    join(copy, '.changeset/new-catalog.md'),
    "---\n'@clickwa/core': minor\n---\n\nA new catalog entry.\n",
  );
  // The repository's pending changesets too: one that does not parse (a formatter turned its front matter
  // into a heading, say) fails the release, so it fails here first.
  const pending = readdirSync(join(repoRoot, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  );
  for (const file of pending) cpSync(join(repoRoot, '.changeset', file), join(copy, '.changeset', file));
  const core = readJson('packages/core/package.json');

  await run(join(repoRoot, 'node_modules/.bin/changeset'), ['version'], { cwd: copy });
  await run(process.execPath, [join(repoRoot, 'tooling/scripts/src/sync-jsr-version.mjs'), copy]);

  const [major, minor] = core.version.split('.').map(Number);
  const next = major === 0 ? `0.${minor + 1}.0` : `${major}.${minor + 1}.0`;
  assert.equal(readJson('packages/core/package.json').version, next);
  assert.equal(readJson('packages/core/jsr.json').version, next);
  assert.match(
    readFileSync(join(copy, 'packages/core/CHANGELOG.md'), 'utf8'),
    new RegExp(`## ${next}[\\s\\S]*A new catalog entry`),
  );
  assert.deepEqual(
    readdirSync(join(copy, '.changeset')).filter((file) => file.endsWith('.md')),
    [],
    'every changeset is consumed',
  );
  for (const { relativeDir, manifest } of packages) {
    const after = readJson(`${relativeDir}/package.json`);
    if (manifest.private) assert.equal(after.version, manifest.version, `${manifest.name} is private`);
    if (manifest.dependencies?.['@clickwa/core'])
      assert.equal(after.dependencies['@clickwa/core'], 'workspace:*');
  }
});

test('a publish dry run takes exactly the public packages', async () => {
  const { stdout, stderr } = await run('pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks'], {
    cwd: repoRoot,
  });
  const published = [...`${stdout}${stderr}`.matchAll(/📦 (@?[^@\s]+)@/g)].map((match) => match[1]).sort();
  const expected = workspacePackages()
    .filter(({ manifest }) => !manifest.private)
    .map(({ manifest }) => manifest.name)
    .sort();
  assert.deepEqual(published, expected);
});

test('the release workflow versions and publishes through the root scripts, with provenance', () => {
  const workflow = readFileSync(join(repoRoot, '.github/workflows/release.yml'), 'utf8');
  const scripts = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts;
  assert.match(workflow, /^\s+id-token: write$/m);
  assert.match(workflow, /^\s+NPM_CONFIG_PROVENANCE: 'true'$/m);
  for (const script of ['version-packages', 'release']) {
    assert.match(workflow, new RegExp(`: pnpm ${script}$`, 'm'));
    assert.ok(scripts[script], `root script ${script}`);
  }
  assert.match(scripts.release, /changeset publish$/);
  assert.match(
    scripts['version-packages'],
    /^changeset version && node tooling\/scripts\/src\/sync-jsr-version\.mjs$/,
  );
});
