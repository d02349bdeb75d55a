import { isClickwaError } from '@clickwa/core';
import { parseCommand } from './args.ts';
import { bulkCommand } from './commands/bulk.ts';
import { reconcileCommand } from './commands/reconcile.ts';
import { sendCommand } from './commands/send.ts';
import { CliError, EXIT, type ExitCode } from './exit-codes.ts';
import { HELP } from './help.ts';
import { type CliIo, line } from './io.ts';

/** The CLI's version, printed by `--version`. */
export const VERSION = '0.1.0';

function report(error: unknown, io: CliIo, verbose: boolean): ExitCode {
  if (error instanceof CliError) {
    for (const text of error.message.split('\n')) io.err(line(`clickwa: ${text}`));
    if (verbose && error.cause instanceof Error && error.cause.stack) io.err(line(error.cause.stack));
    if (error.usage !== undefined && !/\(see clickwa /.test(error.message)) {
      io.err(
        line(`Run ${error.usage === 'main' ? 'clickwa --help' : `clickwa help ${error.usage}`} for usage.`),
      );
    }
    return error.exitCode;
  }
  // Not expected: one line, the stack only on request.
  const text = isClickwaError(error)
    ? error.description
    : error instanceof Error
      ? error.message
      : String(error);
  io.err(line(`clickwa: unexpected error: ${text}${verbose ? '' : ' (--verbose for details)'}`));
  if (verbose && error instanceof Error && error.stack) io.err(line(error.stack));
  return EXIT.sendFailed;
}

/**
 * Runs `clickwa` with the arguments after the program name and resolves with the exit code. Never throws:
 * every error becomes a line on stderr (a stack trace only with `--verbose`).
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), nodeIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case 'version':
        io.out(line(`clickwa ${VERSION}`));
        return EXIT.ok;
      case 'help': {
        const text = HELP[command.topic ?? 'main'];
        if (!text)
          throw new CliError(
            `no help on "${command.topic}"; try clickwa help send, clickwa help bulk or clickwa help reconcile`,
          );
        io.out(line(text));
        return EXIT.ok;
      }
      case 'send':
        return await sendCommand(command, io);
      case 'bulk':
        return await bulkCommand(command, io);
      case 'reconcile':
        return await reconcileCommand(command, io);
    }
  } catch (error) {
    return report(error, io, verbose);
  }
}
