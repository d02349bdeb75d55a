import { readFile } from 'node:fs/promises';
import type { IntegrationOptions } from '../integrations.ts';
import { CLI_HELP, parseCliArgs } from './parse-cli-args.ts';
import { type RunningEmulator, serveEmulator } from './serve.ts';

/** Where the CLI writes. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

async function readJson(flag: string, file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`--${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Runs the `clickwa-emulator` command: parses flags and env, reads the template and integration files, and
 * starts the server. Resolves with the running emulator, or undefined (help printed, or an error with its
 * exit code set).
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<{ running?: RunningEmulator; exitCode: number }> {
  const parsed = parseCliArgs(argv, env);
  if ('help' in parsed) {
    io.out(CLI_HELP);
    return { exitCode: 0 };
  }
  if ('error' in parsed) {
    io.err(`clickwa-emulator: ${parsed.error}\nRun clickwa-emulator --help for the flags.`);
    return { exitCode: 2 };
  }
  const { options, templatesFile, integrationsFile } = parsed.config;
  try {
    const templates = templatesFile
      ? ((await readJson('templates', templatesFile)) as Record<string, string>)
      : undefined;
    const integrations = integrationsFile
      ? ((await readJson('integrations', integrationsFile)) as IntegrationOptions[])
      : undefined;
    const running = await serveEmulator({
      ...options,
      ...(templates ? { templates } : {}),
      ...(integrations ? { integrations } : {}),
    });
    io.out(`clickwa emulator listening on ${running.url}`);
    io.out(
      `  POST ${running.url}/wa/messages   inspect ${running.url}/_emulator/messages   stats ${running.url}/_emulator/stats`,
    );
    for (const i of running.emulator.integrations) {
      io.out(`  integration "${i.name}" id ${i.id}${i.sandbox ? ' (sandbox)' : ''}`);
    }
    if (!integrations) io.out(`  api key: ${options.apiKey ?? 'local-dev-key'}`);
    return { running, exitCode: 0 };
  } catch (error) {
    io.err(`clickwa-emulator: ${error instanceof Error ? error.message : String(error)}`);
    return { exitCode: 1 };
  }
}
