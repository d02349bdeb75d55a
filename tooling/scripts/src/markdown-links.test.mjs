import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { brokenLinks, headingAnchors } from './markdown-links.mjs';

const dir = mkdtempSync(join(tmpdir(), 'clickwa-links-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'docs'));
writeFileSync(
  join(dir, 'docs/guide.md'),
  '# Guide\n\n## The gateway (`packages/webhook`, `apps/worker`)\n\n## Usage\n\n## Usage\n',
);

function check(markdown) {
  const file = join(dir, 'README.md');
  writeFileSync(file, markdown);
  return brokenLinks(file).map(({ line, target }) => `${line}:${target}`);
}

test('heading anchors follow GitHub: code and punctuation dropped, repeats numbered', () => {
  const anchors = headingAnchors('# Guide\n## The gateway (`packages/webhook`, `apps/worker`)\n## A\n## A\n');
  assert.deepEqual([...anchors], ['guide', 'the-gateway-packageswebhook-appsworker', 'a', 'a-1']);
});

test('links to files and headings that exist hold', () => {
  assert.deepEqual(
    check(
      '[g](docs/guide.md) [h](docs/guide.md#usage-1) [x](./docs/guide.md#the-gateway-packageswebhook-appsworker)\n',
    ),
    [],
  );
});

test('a missing file, a missing heading and a heading of the file itself are reported with their line', () => {
  assert.deepEqual(check('# Top\n[a](docs/nope.md)\n[b](docs/guide.md#nope)\n[c](#top) [d](#bottom)\n'), [
    '2:docs/nope.md',
    '3:docs/guide.md#nope',
    '4:#bottom',
  ]);
});

test('reference definitions are checked; code, inline code and absolute URLs are not', () => {
  const markdown =
    '[ref]: docs/gone.md\n```md\n[a](docs/nope.md)\n```\n`[b](nope.md)` [c](https://example.com/x.md)\n';
  assert.deepEqual(check(markdown), ['1:docs/gone.md']);
});
