import { type ChildProcess, spawn } from 'node:child_process';
import type { PartReport } from './part-report.ts';
import type { KillableTarget, ReliabilityTarget } from './reliability-target.ts';
import { runFaults } from './run-faults.ts';
import { runFuzz } from './run-fuzz.ts';
import { runSigkill } from './run-sigkill.ts';
import { runStorm } from './run-storm.ts';

/** A gateway started for the suites in a process group of its own. */
export interface GatewayProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/** The gateway processes of one run: each started detached, all killed at the end. */
export interface GatewayProcesses {
  /**
   * Runs `command args` detached (its own process group, so a SIGKILL reaches what it spawned too) and resolves
   * once its first stdout line, JSON `{ url }`, says where it listens.
   */
  start(
    command: string,
    args: readonly string[],
    options?: { cwd?: string; env?: NodeJS.ProcessEnv },
  ): Promise<GatewayProcess>;
  /** SIGKILL to the child's whole process group, and waits for it to be gone. */
  kill(child: ChildProcess): Promise<void>;
  killAll(): Promise<void>;
}

export function gatewayProcesses(): GatewayProcesses {
  const children = new Set<ChildProcess>();
  const kill = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await gone;
    children.delete(child);
  };
  return {
    start(command, args, options = {}) {
      const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      let log = '';
      child.stderr!.on('data', (d) => {
        log = (log + d).slice(-4000);
      });
      return new Promise((resolve, reject) => {
        let out = '';
        const onData = (d: Buffer) => {
          out += d;
          if (!out.includes('\n')) return;
          // Keep reading (and dropping) the rest, so the child never blocks on a full pipe.
          child.stdout!.off('data', onData);
          child.stdout!.resume();
          resolve({ child, url: JSON.parse(out.split('\n')[0]!).url });
        };
        child.stdout!.on('data', onData);
        child.once('exit', (code) =>
          reject(new Error(`the gateway exited (${code}) before it was ready:\n${log}`)),
        );
      });
    },
    kill,
    async killAll() {
      for (const child of children) await kill(child);
    },
  };
}

/** How a test build of a gateway answers the suites' hooks over HTTP (`/__reliability/...`). */
export interface HttpTargetOptions {
  readonly apiToken: string;
  readonly callback: ReliabilityTarget['callback'];
  readonly callbackToken?: string;
  readonly limits: ReliabilityTarget['limits'];
  /** Runs the scheduled drain once; default `POST /__reliability/drain`. */
  readonly drain?: (url: string) => Promise<void>;
}

/** The suites' view of a test build of a gateway at `url`: HTTP, plus its storage, drain and fault routes. */
export function httpTarget(url: string, options: HttpTargetOptions): ReliabilityTarget {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(new URL(path, url), { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  return {
    baseUrl: url,
    apiToken: options.apiToken,
    callback: options.callback,
    ...(options.callbackToken ? { callbackToken: options.callbackToken } : {}),
    limits: options.limits,
    async inspect(keys) {
      const rows = (await post('/__reliability/inspect', keys)) as {
        key: string;
        events: number;
        outbox: number;
        handedOff: number;
      }[];
      return new Map(
        rows.map((r) => [r.key, { events: r.events, outbox: r.outbox, handedOff: r.handedOff }]),
      );
    },
    drain: options.drain
      ? () => options.drain!(url)
      : () => post('/__reliability/drain', {}).then(() => undefined),
    setFaultRate: (rate) => post('/__reliability/faults', { rate }).then(() => undefined),
  };
}

/** Part sizes of one run. */
export interface PartCounts {
  readonly fuzz: number;
  readonly storm: number;
  readonly faults: number;
  readonly sigkill: number;
}

/**
 * Runs every part: fuzz, storm and faults each on a fresh gateway (`fresh`), then SIGKILL on one that restarts
 * on its own state (`killable`).
 */
export async function runAllParts(
  fresh: <T>(run: (target: ReliabilityTarget) => Promise<T>) => Promise<T>,
  killable: KillableTarget,
  counts: PartCounts,
  seed: number,
): Promise<PartReport[]> {
  return [
    await fresh((t) => runFuzz(t, { bodies: counts.fuzz, seed })),
    await fresh((t) => runStorm(t, { callbacks: counts.storm, seed })),
    await fresh((t) => runFaults(t, { callbacks: counts.faults, seed })),
    await runSigkill(killable, { callbacks: counts.sigkill, seed }),
  ];
}

/** Whether a part broke a promise. */
export const brokePromise = (report: PartReport): boolean =>
  report.violations.length > 0 || report.checks.some((c) => !c.ok);
