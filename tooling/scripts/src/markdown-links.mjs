// Relative links of a markdown file and whether they hold: the target file exists and, for `#fragment`, a
// heading of the target file has that GitHub anchor. Links inside code (fenced blocks, inline spans) are
// not links, and absolute URLs (`https:`, `mailto:`) are left to the reader.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** Markdown text without fenced code blocks, line count kept. */
function withoutFences(text) {
  return text.replace(/^(\s*)(```|~~~)[^\n]*\n[\s\S]*?^\s*\2[^\n]*$/gm, (block) =>
    block.replace(/[^\n]/g, ' '),
  );
}

/** Markdown text without fenced code blocks and inline code spans, line count kept. */
function withoutCode(text) {
  return withoutFences(text).replace(/(`+)[^`\n][\s\S]*?\1/g, (span) => span.replace(/[^\n]/g, ' '));
}

/** Every link target of a markdown text: inline `[text](target)`, images, and `[ref]: target` definitions. */
export function linkTargets(text) {
  const clean = withoutCode(text);
  const targets = [];
  const lineOf = (index) => clean.slice(0, index).split('\n').length;
  for (const match of clean.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    targets.push({ target: match[1], line: lineOf(match.index) });
  }
  for (const match of clean.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)) {
    targets.push({ target: match[1], line: lineOf(match.index) });
  }
  return targets;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown file's headings, numbered as GitHub numbers repeats (`x`, `x-1`). */
export function headingAnchors(text) {
  const seen = new Map();
  const anchors = new Set();
  for (const match of withoutFences(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = headingAnchor(match[1].replace(/`/g, ''));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/**
 * The broken relative links of one markdown file, as `{ line, target, reason }`.
 * @example brokenLinks('/repo/README.md') // [{ line: 3, target: 'docs/nope.md', reason: 'no such file' }]
 */
export function brokenLinks(file, text = readFileSync(file, 'utf8')) {
  const broken = [];
  for (const { target, line } of linkTargets(text)) {
    if (ABSOLUTE.test(target) || target.startsWith('//')) continue;
    const [pathPart, fragment] = target.split('#', 2);
    const path = decodeURIComponent(pathPart);
    const resolved = path === '' ? file : path.startsWith('/') ? null : resolve(dirname(file), path);
    if (resolved === null) {
      broken.push({ line, target, reason: 'root-relative links do not work outside the repository page' });
      continue;
    }
    if (!existsSync(resolved)) {
      broken.push({ line, target, reason: 'no such file' });
      continue;
    }
    if (fragment === undefined || fragment === '' || statSync(resolved).isDirectory()) continue;
    if (!resolved.endsWith('.md')) continue;
    const source = resolved === file ? text : readFileSync(resolved, 'utf8');
    if (!headingAnchors(source).has(fragment.toLowerCase())) {
      broken.push({ line, target, reason: `no heading "#${fragment}" in ${join(path || '.')}` });
    }
  }
  return broken;
}
