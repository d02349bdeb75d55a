import type { ClickatellApi } from '@clickwa/core';
import { type Journal, openJournal } from '../bulk/journal.ts';
import type { RunRecord } from '../bulk/journal-records.ts';
import type { RowsReport } from '../bulk/validate-rows.ts';
import { badInput } from '../exit-codes.ts';
import { describeFsError, isAlreadyExists } from '../fs-error.ts';
import { line } from '../io.ts';
import { createRunId } from '../message-id.ts';
import type { Plan } from './bulk-plan.ts';

/**
 * Opens the results file for the send pass: a new run gets a fresh run id and a `run` line (its settings,
 * the file's fingerprint and row count); a resumed run keeps its id and gets a `resume` line. Both are
 * synced before any row is sent. Throws a one-line `CliError` (exit 2) if the file cannot be written.
 */
export async function startJournal(
  p: Plan,
  report: RowsReport,
  api: ClickatellApi,
): Promise<{ runId: string; journal: Journal }> {
  try {
    if (p.resumed) {
      const journal = await openJournal(p.resultsPath, { create: false });
      await journal.writeDurably(line(JSON.stringify({ type: 'resume', at: new Date().toISOString() })));
      return { runId: p.resumed.runId, journal };
    }
    const runId = createRunId();
    const journal = await openJournal(p.resultsPath, { create: true });
    const run: RunRecord = {
      type: 'run',
      version: 1,
      runId,
      // Absent for the legacy API, as in files written before One API.
      ...(api === 'wa' ? {} : { api }),
      file: p.path,
      format: p.format,
      ...(p.delimiter === undefined ? {} : { delimiter: p.delimiter }),
      mapping: p.mapping,
      skipInvalid: p.skipInvalid,
      ...(p.allowWarnings ? { allowWarnings: true } : {}),
      ...(p.templates ? { templates: p.templates.bodies } : {}),
      fingerprint: report.fingerprint,
      rows: report.rows,
      startedAt: new Date().toISOString(),
    };
    await journal.writeDurably(line(JSON.stringify(run)));
    return { runId, journal };
  } catch (error) {
    throw badInput(
      isAlreadyExists(error)
        ? `${p.resultsPath} already exists: continue that run with --resume ${p.resultsPath}, or pass --results NEW.jsonl`
        : `cannot write ${p.resultsPath}: ${describeFsError(error)}`,
      error,
    );
  }
}
