import type { RowOutcome } from './bulk/row-states.ts';

/** Options of `createProgress`. */
export interface ProgressOptions {
  /** Rows this pass will settle. */
  readonly total: number;
  readonly write: (text: string) => void;
  /** A terminal: one bar redrawn in place. Otherwise a plain line every `intervalMs`. */
  readonly tty: boolean;
  readonly columns?: number;
  readonly now: () => number;
  /** Plain mode: ms between lines. Default 2,000. TTY mode redraws at most every 100 ms. */
  readonly intervalMs?: number;
}

/** A progress display; see `createProgress`. */
export interface Progress {
  /** Counts one settled row. Cheap: called for every row. */
  tick(outcome: RowOutcome): void;
  /** Draws the final state (and ends the bar's line). */
  done(): void;
}

const WINDOW_MS = 5_000;

/** `1234567` -> `1,234,567`, the same on every runtime (no locale data needed). */
export const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Seconds as `m:ss` or `h:mm:ss`. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Progress of a bulk send: settled rows, rate (rows/s over the last 5 s) and ETA, with counts of accepted,
 * rejected and unknown rows. On a terminal a bar redrawn in place on one line; elsewhere (a log, CI) a plain
 * line every few seconds, so logs stay readable.
 *
 * @example const p = createProgress({ total, write: io.err, tty: io.errIsTty, now: () => performance.now() });
 */
export function createProgress(options: ProgressOptions): Progress {
  const { total, write, tty, now } = options;
  const interval = tty ? 100 : (options.intervalMs ?? 2_000);
  const started = now();
  let settled = 0;
  let accepted = 0;
  let rejected = 0;
  let unknown = 0;
  let last = started;
  // Samples of (time, settled) for the rate over a sliding window.
  const samples: [number, number][] = [[started, 0]];

  const render = (at: number): string => {
    while (samples.length > 2 && at - samples[1]![0] > WINDOW_MS) samples.shift();
    const [t0, n0] = samples[0]!;
    const rate = at > t0 ? ((settled - n0) * 1000) / (at - t0) : 0;
    const eta = rate > 0 ? (total - settled) / rate : Number.POSITIVE_INFINITY;
    const pct = total > 0 ? Math.floor((settled * 100) / total) : 100;
    const counts = `ok ${grouped(accepted)}  rejected ${grouped(rejected)}  unknown ${grouped(unknown)}`;
    const figures = `${grouped(settled)}/${grouped(total)} ${pct}%  ${grouped(rate)} rows/s  ETA ${clock(eta)}`;
    if (!tty) return `progress ${figures}  ${counts}\n`;
    const width = Math.max(10, Math.min(30, (options.columns ?? 80) - figures.length - counts.length - 8));
    const filled = total > 0 ? Math.round((settled / total) * width) : width;
    return `\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${figures}  ${counts}`;
  };
  const draw = (at: number) => {
    samples.push([at, settled]);
    last = at;
    write(render(at));
  };

  return {
    tick(outcome) {
      settled++;
      if (outcome === 'accepted') accepted++;
      else if (outcome === 'rejected') rejected++;
      else if (outcome === 'unknown') unknown++;
      const at = now();
      if (at - last >= interval) draw(at);
    },
    done() {
      draw(now());
      if (tty) write('\n');
    },
  };
}
