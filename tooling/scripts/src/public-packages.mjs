// The workspace's public packages: every package.json under the globs of pnpm-workspace.yaml that is not
// `private`. Checks take their list from here, so a package added to the workspace is covered without a
// list to update.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder that holds pnpm-workspace.yaml). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The `packages:` globs of pnpm-workspace.yaml; only `dir/*` globs are used in this repository. */
export function workspaceGlobs(root = repoRoot) {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = text.split(/^packages:\s*$/m)[1] ?? '';
  const globs = [];
  for (const line of block.split('\n').slice(1)) {
    const match = /^\s+-\s+['"]?([^'"\s]+)['"]?\s*$/.exec(line);
    if (!match) break;
    globs.push(match[1]);
  }
  return globs;
}

/** Every workspace package: `{ dir, relativeDir, manifest }`. */
export function workspacePackages(root = repoRoot) {
  const found = [];
  for (const glob of workspaceGlobs(root)) {
    if (!glob.endsWith('/*'))
      throw new Error(`pnpm-workspace.yaml: only "dir/*" globs are supported, got ${glob}`);
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const file = join(parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const relativeDir = `${glob.slice(0, -2)}/${entry.name}`;
      found.push({
        dir: join(parent, entry.name),
        relativeDir,
        manifest: JSON.parse(readFileSync(file, 'utf8')),
      });
    }
  }
  return found.sort((a, b) => a.relativeDir.localeCompare(b.relativeDir));
}

/** The packages a registry would take: those not marked `private`. */
export function publicPackages(root = repoRoot) {
  return workspacePackages(root).filter((pkg) => pkg.manifest.private !== true);
}
