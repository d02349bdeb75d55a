/**
 * The process's exit codes: 0 only when every message was accepted, 2 when the input was unusable (nothing
 * or only part was sent because of it), 1 when sending did not fully succeed.
 */
export const EXIT = { ok: 0, sendFailed: 1, badInput: 2 } as const;

/** One of `EXIT`'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An error the CLI reports as one line (no stack unless `--verbose`) and exits with `exitCode`: a missing
 * key, a bad file, an unreadable media file, a number that fails validation.
 *
 * @example throw new CliError('CLICKATELL_API_KEY is not set', EXIT.badInput);
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** The help topic to point to (`clickwa help bulk`), for a usage mistake. */
  readonly usage?: string;
  constructor(
    message: string,
    exitCode: ExitCode = EXIT.badInput,
    options?: { cause?: unknown; usage?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
    if (options?.usage !== undefined) this.usage = options.usage;
  }
}

/** A usage mistake (exit 2) that points to `clickwa help <topic>`. */
export const usageError = (message: string, topic = 'main'): CliError =>
  new CliError(message, EXIT.badInput, { usage: topic });

/** A bad-input error: usage, file, row or message problems (exit 2). */
export const badInput = (message: string, cause?: unknown): CliError =>
  new CliError(message, EXIT.badInput, cause === undefined ? undefined : { cause });
