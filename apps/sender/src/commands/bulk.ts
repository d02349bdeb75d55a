import type { ClickatellApi } from '@clickwa/core';
import type { RowIssue } from '../bulk/check-row.ts';
import { compileMapping } from '../bulk/row-mapping.ts';
import { acquireRunLock, type RunLock, RunLockedError } from '../bulk/run-lock.ts';
import { type OutcomeCounts, type ReconcileRow, sendRows } from '../bulk/send-rows.ts';
import { MissingColumnsError, NoRowsError, type RowsReport, validateRows } from '../bulk/validate-rows.ts';
import { clientFromEnv, resolveApi } from '../client-from-env.ts';
import type { BulkCommand } from '../command.ts';
import { encryptionFromEnv } from '../encryption-from-env.ts';
import { badInput, CliError, EXIT, type ExitCode } from '../exit-codes.ts';
import { describeFsError } from '../fs-error.ts';
import { LineTooLongError } from '../input/read-lines.ts';
import { type CliIo, line } from '../io.ts';
import { createMessageIds } from '../message-id.ts';
import { describeDenial, type PermissionDenial } from '../permission-denial.ts';
import { createProgress, grouped } from '../progress.ts';
import { isFsError, type Plan, plan } from './bulk-plan.ts';
import { printSummary } from './bulk-summary.ts';
import { startJournal } from './start-journal.ts';

/**
 * Retries per request in bulk (the client's default is 2). Only what cannot have been accepted is retried
 * (901, HTTP 429, connection refused), and a throttle that outlives its retries stops the whole run, so a
 * campaign tries harder than a one-off send.
 */
export const BULK_MAX_RETRIES = 5;

/** Unknown rows listed in the summary; the rest are in the results file. */
const LISTED = 100;

const checkOptions = (p: Plan, api: ClickatellApi) => ({
  ...(p.templates ? { templates: p.templates.registry } : {}),
  allowWarnings: p.allowWarnings,
  api,
});

async function validate(
  p: Plan,
  api: ClickatellApi,
  command: BulkCommand,
  io: CliIo,
  mapper: ReturnType<typeof compileMapping>,
) {
  const show = (issue: RowIssue) => {
    if (command.json)
      return JSON.stringify({ line: issue.line, code: issue.code ?? null, error: issue.text });
    return `line ${issue.line}: ${issue.text}`;
  };
  const print = command.dryRun ? io.out : io.err;
  try {
    return await validateRows({
      path: p.path,
      format: p.format,
      ...(p.delimiter === undefined ? {} : { delimiter: p.delimiter }),
      mapper,
      check: checkOptions(p, api),
      states: p.states,
      onIssue: (issue) => {
        // On resume, rows that already have an outcome were reported by the run that recorded it.
        if (p.resumed && p.states.get(issue.line) !== undefined) return;
        print(line(show(issue)));
      },
    });
  } catch (error) {
    if (error instanceof NoRowsError) throw badInput(`${p.path}: ${error.message}; nothing was sent`, error);
    if (error instanceof MissingColumnsError || error instanceof LineTooLongError) {
      throw badInput(`${p.path}: ${error.message}`, error);
    }
    if (isFsError(error)) {
      throw badInput(`cannot read ${p.path}: ${describeFsError(error)}`, error);
    }
    throw badInput(error instanceof Error ? error.message : String(error), error);
  }
}

function checkResume(p: Plan, report: RowsReport): void {
  const run = p.resumed;
  if (!run) return;
  if (run.fingerprint !== report.fingerprint || run.rows !== report.rows) {
    throw badInput(
      `${p.path} is not the file the run in ${p.resultsPath} started with (it changed, or --file names another); ` +
        'resuming would send the wrong rows',
    );
  }
}

/**
 * `clickwa bulk`: a validation pass over the whole file, then (unless `--dry-run`) a send pass through the
 * client that journals every row to the results file, with progress on stderr and a summary on stdout.
 */
export async function bulkCommand(command: BulkCommand, io: CliIo): Promise<ExitCode> {
  if (command.dryRun) return run(command, io);
  const resultsPath = command.resume ?? command.results ?? 'results.jsonl';
  let lock: RunLock;
  try {
    lock = await acquireRunLock(resultsPath);
  } catch (error) {
    if (error instanceof RunLockedError) throw badInput(`${resultsPath}: ${error.message}`, error);
    throw badInput(`cannot write ${resultsPath}.lock: ${describeFsError(error)}`, error);
  }
  try {
    return await run(command, io);
  } finally {
    await lock.release();
  }
}

async function run(command: BulkCommand, io: CliIo): Promise<ExitCode> {
  const p = await plan(command);
  const mapper = compileMapping(p.mapping, p.format);
  // A resumed run keeps the API it started with.
  const api = resolveApi(io, command.client.api, p.resumed?.api);
  // Fail fast on a missing key, before reading a large file.
  const client = command.dryRun
    ? undefined
    : clientFromEnv(io, { maxRetries: BULK_MAX_RETRIES, ...command.client, api }, command.verbose);
  const encryption =
    client && command.client.encryption ? await encryptionFromEnv(io, command.client.encryption) : undefined;
  const report = await validate(p, api, command, io, mapper);
  checkResume(p, report);
  const invalid = report.invalid.size;
  if (command.dryRun) {
    const verdict = invalid === 0 ? 'all valid' : `${grouped(invalid)} invalid`;
    io.out(
      line(
        command.json
          ? JSON.stringify({ rows: report.rows, invalid, valid: report.rows - invalid })
          : `${grouped(report.rows)} rows checked: ${verdict}`,
      ),
    );
    return invalid === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (invalid > 0 && !p.skipInvalid && !p.resumed) {
    throw badInput(
      `${grouped(invalid)} of ${grouped(report.rows)} rows are invalid (listed above); nothing was sent. ` +
        'Fix them, or pass --skip-invalid to record them rejected and send the rest' +
        (p.allowWarnings ? '' : ' (--allow-warnings sends rows whose only issue is a warning)'),
    );
  }

  const { runId, journal } = await startJournal(p, report, api);

  const now = io.now ?? (() => performance.now());
  const progress = createProgress({
    total: report.toSend,
    write: io.err,
    tty: io.errIsTty,
    ...(io.columns === undefined ? {} : { columns: io.columns }),
    now,
  });
  const graceful = new AbortController();
  const controller = new AbortController();
  const stopListening = io.onInterrupt?.(() => {
    if (!graceful.signal.aborted) {
      io.err(
        line(
          '\ninterrupted: reading no more rows; waiting for the answers to what was sent (Ctrl-C again to abandon them)',
        ),
      );
      graceful.abort();
    } else {
      io.err(line('\nabandoning the requests in flight: their rows will be unknown'));
      controller.abort();
    }
  });
  let denial: PermissionDenial | undefined;
  let acceptedNow = 0;
  const listed: ReconcileRow[] = [];
  let unlisted = 0;
  const started = now();
  let counts: OutcomeCounts;
  try {
    counts = await sendRows({
      client: client!,
      ...(encryption ? { encryption } : {}),
      path: p.path,
      format: p.format,
      ...(p.delimiter === undefined ? {} : { delimiter: p.delimiter }),
      mapper,
      check: checkOptions(p, api),
      ...(io.wallClock ? { wallClock: io.wallClock } : {}),
      onDenied: (d) => {
        // Every later request would fail the same way: stop reading rows, and name the flag below.
        denial = d;
        graceful.abort();
      },
      states: p.states,
      invalid: report.invalid,
      journal,
      idOf: createMessageIds(runId),
      signal: controller.signal,
      stop: graceful.signal,
      ...(command.client.concurrency === undefined ? {} : { concurrency: command.client.concurrency }),
      onResult: (outcome) => {
        progress.tick(outcome);
        if (outcome === 'accepted') acceptedNow++;
      },
      onReconcile: (row) => {
        if (listed.length < LISTED) listed.push(row);
        else unlisted++;
      },
    });
  } catch (error) {
    await journal.close().catch(() => {});
    throw new CliError(
      `sending stopped: ${error instanceof Error ? error.message : String(error)}; ` +
        `rows in flight are recorded in ${p.resultsPath}: continue with --resume ${p.resultsPath}`,
      EXIT.sendFailed,
      { cause: error },
    );
  } finally {
    stopListening?.();
    progress.done();
  }
  try {
    await journal.close();
  } catch (error) {
    throw new CliError(`cannot write ${p.resultsPath}: ${describeFsError(error)}`, EXIT.sendFailed, {
      cause: error,
    });
  }
  if (denial) {
    throw badInput(
      `${describeDenial(denial)}; ${acceptedNow === 0 ? 'nothing was sent' : 'sending stopped'}: ` +
        `the rows are recorded not sent in ${p.resultsPath}; continue with --resume ${p.resultsPath}`,
    );
  }
  const settled = counts.accepted + counts.rejected + counts.unknown + counts['not-sent'];
  counts['not-sent'] += report.rows - settled;
  printSummary(io, {
    json: command.json,
    rows: report.rows,
    counts,
    planned: report.toSend,
    settled: counts.settledThisPass,
    seconds: (now() - started) / 1000,
    resultsPath: p.resultsPath,
    listed,
    unlisted,
    interrupted: graceful.signal.aborted,
  });
  return counts.accepted === report.rows ? EXIT.ok : EXIT.sendFailed;
}
