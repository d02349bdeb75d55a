import assert from 'node:assert/strict';
import { test } from 'node:test';
import { manifestIssues } from './manifest-issues.mjs';

const complete = {
  name: '@clickwa/x',
  version: '0.1.0',
  description: 'x',
  license: 'MIT',
  keywords: ['x'],
  type: 'module',
  engines: { node: '>=20.19' },
  files: ['dist'],
  publishConfig: { access: 'public' },
  repository: { type: 'git', url: 'git+https://example.invalid/x.git', directory: 'packages/x' },
  exports: {
    '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    './package.json': './package.json',
  },
};

test('a complete manifest has no issues; a bin-only one needs no exports', () => {
  assert.deepEqual(manifestIssues(complete, 'packages/x'), []);
  const { exports: _, ...binOnly } = complete;
  assert.deepEqual(manifestIssues({ ...binOnly, bin: { x: './dist/main.js' } }, 'packages/x'), []);
});

test('each missing field and each untyped entry is one issue', () => {
  const { keywords: _k, engines: _e, files: _f, ...rest } = complete;
  const manifest = {
    ...rest,
    exports: {
      '.': { default: './dist/index.js', types: './dist/index.d.ts' },
      './extra': './dist/extra.js',
    },
  };
  assert.deepEqual(manifestIssues(manifest, 'apps/x'), [
    'no "keywords"',
    'no "engines.node"',
    'no "files" (the tarball would hold everything)',
    '"repository.directory" is not "apps/x"',
    'exports ".": "types" must come first',
    'exports "./extra": "types" must come first',
    'exports "./extra": no "default"',
    'exports: no "./package.json"',
  ]);
});
