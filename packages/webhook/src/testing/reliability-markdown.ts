import type { PartReport } from './part-report.ts';

/** Where and how a run happened, for the tables' header lines. */
export interface RunContext {
  /** The gateway under test, e.g. "apps/worker in workerd (Miniflare)". */
  readonly gateway: string;
  readonly howToRun: string;
  readonly date: string;
  readonly machine: string;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** One gateway's section of RELIABILITY.md: a table per part (what it checks, target, result). */
export function reliabilitySection(reports: readonly PartReport[], run: RunContext): string {
  const lines = [`## ${run.gateway}`, '', `Run: \`${run.howToRun}\` · ${run.date} · ${run.machine}`, ''];
  for (const r of reports) {
    const held = r.violations.length === 0 && r.checks.every((c) => c.ok);
    lines.push(
      `### ${r.part} (${held ? 'held' : 'FAILED'}, ${r.seconds.toFixed(0)} s)`,
      '',
      cell(r.summary),
      '',
    );
    lines.push('| what it checks | target | result |', '| --- | --- | --- |');
    for (const c of r.checks)
      lines.push(
        `| ${cell(c.what)} | ${cell(c.target)} | ${c.ok ? '' : '**'}${cell(c.result)}${c.ok ? '' : '**'} |`,
      );
    if (r.violations.length > 0) {
      lines.push('', 'Violations:', '', ...r.violations.slice(0, 20).map((v) => `- ${cell(v)}`));
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Puts a gateway's section into RELIABILITY.md's text, replacing its previous one (between markers named
 * after `id`), so each gateway rewrites only its own figures.
 */
export function replaceSection(document: string, id: string, section: string): string {
  const begin = `<!-- reliability:${id} -->`;
  const end = `<!-- /reliability:${id} -->`;
  const block = `${begin}\n${section.trimEnd()}\n${end}`;
  const from = document.indexOf(begin);
  const to = document.indexOf(end);
  if (from >= 0 && to > from) return document.slice(0, from) + block + document.slice(to + end.length);
  return `${document.trimEnd()}\n\n${block}\n`;
}
