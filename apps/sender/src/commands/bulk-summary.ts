import type { OutcomeCounts, ReconcileRow } from '../bulk/send-rows.ts';
import { type CliIo, line } from '../io.ts';
import { grouped } from '../progress.ts';

/** What `bulk` reports at the end. */
export interface BulkSummary {
  readonly json: boolean;
  readonly rows: number;
  /** Final outcome of every row of the file, earlier runs included. */
  readonly counts: OutcomeCounts;
  /** Rows this pass set out to send, those the client settled, and how long it took. */
  readonly planned: number;
  readonly settled: number;
  readonly seconds: number;
  readonly resultsPath: string;
  /** Unknown rows to reconcile (the first ones) and how many more there are. */
  readonly listed: readonly ReconcileRow[];
  readonly unlisted: number;
  readonly interrupted: boolean;
}

/** Prints the bulk summary on stdout: counts, rate, unknown rows to reconcile and what to do next. */
export function printSummary(io: CliIo, s: BulkSummary): void {
  const { counts } = s;
  const rate = s.seconds > 0 ? s.settled / s.seconds : 0;
  if (s.json) {
    io.out(
      line(
        JSON.stringify({
          rows: s.rows,
          accepted: counts.accepted,
          rejected: counts.rejected,
          unknown: counts.unknown,
          notSent: counts['not-sent'],
          rejectedRetryable: counts.rejectedRetryable,
          planned: s.planned,
          settled: s.settled,
          seconds: Number(s.seconds.toFixed(3)),
          results: s.resultsPath,
          interrupted: s.interrupted,
          unknownRows: s.listed,
          unknownRowsNotListed: s.unlisted,
        }),
      ),
    );
    return;
  }
  const out = (text: string) => io.out(line(text));
  out(
    `${grouped(s.rows)} rows: accepted ${grouped(counts.accepted)}, rejected ${grouped(counts.rejected)}, ` +
      `unknown ${grouped(counts.unknown)}, not sent ${grouped(counts['not-sent'])}`,
  );
  out(
    `this run: ${grouped(s.settled)} of ${grouped(s.planned)} rows to send settled in ${s.seconds.toFixed(1)} s ` +
      `(${grouped(rate)} rows/s); results in ${s.resultsPath}`,
  );
  if (s.interrupted) out(`interrupted: continue with clickwa bulk --resume ${s.resultsPath}`);
  if (s.listed.length > 0) {
    out(
      `unknown rows (may have been accepted; never resent as they are): clickwa reconcile ${s.resultsPath} --gateway URL settles them`,
    );
    for (const r of s.listed) out(`  line ${r.line}  ${r.to || '-'}  ${r.clientMessageId}`);
    if (s.unlisted > 0)
      out(`  ... and ${grouped(s.unlisted)} more: grep '"outcome":"unknown"' ${s.resultsPath}`);
  }
  const resendable = counts['not-sent'] + counts.rejectedRetryable;
  if (resendable > 0) {
    const parts = [
      counts['not-sent'] > 0 ? `${grouped(counts['not-sent'])} not sent` : '',
      counts.rejectedRetryable > 0
        ? `${grouped(counts.rejectedRetryable)} rejected with a retryable error`
        : '',
    ].filter(Boolean);
    out(
      `${grouped(resendable)} rows are safe to send again (${parts.join(', ')}): clickwa bulk --resume ${s.resultsPath}`,
    );
  }
  const permanent = counts.rejected - counts.rejectedRetryable;
  if (permanent > 0)
    out(
      `${grouped(permanent)} rejected rows would be rejected again and are not resent; see their error codes in ${s.resultsPath}`,
    );
}
