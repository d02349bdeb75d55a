/**
 * What the CLI needs from its runtime, injected so commands run the same under Node, Bun, Deno and tests.
 * `env` is a lookup, not an object: Deno asks permission per variable, so only the names the CLI uses are read.
 */
export interface CliIo {
  /** Writes to stdout (results, summaries); `text` carries its own newlines. */
  readonly out: (text: string) => void;
  /** Writes to stderr (errors, progress). */
  readonly err: (text: string) => void;
  /** Whether stderr is a terminal: a redrawn progress bar there, plain progress lines otherwise. */
  readonly errIsTty: boolean;
  /** Whether stdin is a terminal: Deno can then ask for a permission rather than refuse it. */
  readonly inIsTty?: boolean;
  /** Width of the stderr terminal, if known. */
  readonly columns?: number;
  readonly env: (name: string) => string | undefined;
  /** Registers a handler for Ctrl-C; returns a function that removes it. */
  readonly onInterrupt?: (handler: () => void) => () => void;
  /** Milliseconds from a monotonic clock. */
  readonly now?: () => number;
  /** The wall clock (epoch ms), for the send times in the results file. Default `Date.now`. */
  readonly wallClock?: () => number;
}

/** A line for stdout or stderr. */
export const line = (text: string): string => `${text}\n`;
