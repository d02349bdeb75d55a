import { createGatewayLookup, GatewayError } from '../bulk/gateway-lookup.ts';
import { type ReconcileReport, reconcileRows } from '../bulk/reconcile-rows.ts';
import { acquireRunLock, type RunLock, RunLockedError } from '../bulk/run-lock.ts';
import { ENV, readEnv } from '../client-from-env.ts';
import type { ReconcileCommand } from '../command.ts';
import { badInput, CliError, EXIT, type ExitCode } from '../exit-codes.ts';
import { describeFsError } from '../fs-error.ts';
import { type CliIo, line } from '../io.ts';
import { describeDenial, permissionDenial } from '../permission-denial.ts';
import { grouped } from '../progress.ts';
import { isFsError } from './bulk-plan.ts';

const duration = (ms: number): string => {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
};

function printReport(io: CliIo, command: ReconcileCommand, r: ReconcileReport): void {
  if (command.json) {
    io.out(line(JSON.stringify({ results: command.results, gateway: command.gateway, ...r })));
    return;
  }
  const out = (text: string) => io.out(line(text));
  out(
    `${grouped(r.unsettled)} unknown rows: ${grouped(r.accepted)} accepted (the gateway has their status), ` +
      `${grouped(r.unanswered)} unanswered (safe to send again), ${grouped(r.waiting + r.guarded)} still unknown`,
  );
  if (r.unanswered > 0) out(`send the unanswered rows: clickwa bulk --resume ${command.results}`);
  if (r.waiting > 0) {
    if (command.resendAfterMs === undefined) {
      out(
        `${grouped(r.waiting)} rows have no status at the gateway; pass --resend-after 30m to take rows quiet that long after sending as never accepted`,
      );
    } else {
      const when =
        r.nextAt === undefined ? '' : `; the first quiet period ends at ${new Date(r.nextAt).toISOString()}`;
      out(
        `${grouped(r.waiting)} rows were sent less than ${duration(command.resendAfterMs)} ago: run reconcile again later${when}`,
      );
    }
  }
  if (r.guarded > 0) {
    out(
      `${grouped(r.guarded)} rows have no status, but the gateway holds no status of any row of this run: ` +
        `is ${command.gateway} the gateway that receives this integration's callbacks? Nothing was marked to resend`,
    );
  }
  if (r.undated > 0) {
    out(
      `${grouped(r.undated)} rows carry no send time (written by an older clickwa): their quiet period counts from the results file's last change`,
    );
  }
}

/**
 * `clickwa reconcile results.jsonl --gateway URL [--resend-after 30m]`: settles the unknown rows of a
 * bulk run from the gateway's statuses, appends what changed to the results file and prints a summary.
 * Exit 0 when no row is left unknown, 1 when some are, 2 for bad input (including a refused token).
 */
export async function reconcileCommand(command: ReconcileCommand, io: CliIo): Promise<ExitCode> {
  const token = readEnv(io, ENV.apiToken, [ENV.apiToken])?.trim();
  if (!token) {
    throw badInput(
      `${ENV.apiToken} is not set: export the gateway's API token (API_TOKEN of the gateway; dev-api-token for the local stack)`,
    );
  }
  try {
    new URL(command.gateway);
  } catch {
    throw badInput(`--gateway must be a URL such as http://127.0.0.1:8787, got "${command.gateway}"`);
  }
  let lock: RunLock;
  try {
    lock = await acquireRunLock(command.results);
  } catch (error) {
    if (error instanceof RunLockedError) throw badInput(`${command.results}: ${error.message}`, error);
    throw badInput(`cannot write ${command.results}.lock: ${describeFsError(error)}`, error);
  }
  let report: ReconcileReport;
  try {
    report = await reconcileRows({
      path: command.results,
      gateway: command.gateway,
      lookup: createGatewayLookup({ gateway: command.gateway, token }),
      ...(command.resendAfterMs === undefined ? {} : { resendAfterMs: command.resendAfterMs }),
      now: io.wallClock ?? Date.now,
    });
  } catch (error) {
    const denial = permissionDenial(error);
    if (denial) throw badInput(`${describeDenial(denial)}; nothing was changed`, error);
    if (error instanceof GatewayError) {
      throw new CliError(
        `${error.message}; nothing was changed`,
        error.httpStatus === 401 ? EXIT.badInput : EXIT.sendFailed,
        { cause: error },
      );
    }
    if (isFsError(error)) throw badInput(`cannot read ${command.results}: ${describeFsError(error)}`, error);
    if (error instanceof TypeError) {
      throw new CliError(
        `cannot reach the gateway at ${command.gateway}: ${error.message}; nothing was changed`,
        EXIT.sendFailed,
        {
          cause: error,
        },
      );
    }
    throw badInput(`${command.results}: ${error instanceof Error ? error.message : String(error)}`, error);
  } finally {
    await lock.release();
  }
  printReport(io, command, report);
  return report.waiting + report.guarded === 0 ? EXIT.ok : EXIT.sendFailed;
}
