import { readFile } from 'node:fs/promises';
import { formatDeliveryFailure } from '../delivery-event.ts';
import type { IntegrationOptions } from '../integrations.ts';
import { EMULATOR_DEFAULTS } from '../options.ts';
import { CLI_HELP, parseCliArgs } from './parse-cli-args.ts';
import { type RunningEmulator, type ServeEmulatorOptions, serveEmulator } from './serve.ts';

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

/** What the runner will call back, and with which credentials, said at start. */
function callbackLines(
  options: ServeEmulatorOptions,
  integrations: readonly Pick<IntegrationOptions, 'name' | 'statusCallback' | 'inboundCallback'>[],
): string[] {
  if (options.callbacks === false) return ['  callbacks: off (--no-callbacks); statuses are recorded only'];
  const lines: string[] = [];
  for (const i of integrations) {
    const who = integrations.length > 1 ? ` of "${i.name}"` : '';
    const targets = [
      i.statusCallback ? `status -> ${i.statusCallback}` : '',
      i.inboundCallback ? `inbound -> ${i.inboundCallback}` : '',
    ].filter(Boolean);
    lines.push(
      targets.length > 0
        ? `  callbacks${who}: ${targets.join(', ')}`
        : `  callbacks${who}: none (no --status-callback or --inbound-callback); statuses are recorded only`,
    );
  }
  const username = (options.callbackUsername ?? EMULATOR_DEFAULTS.callbackUsername) || undefined;
  const password = (options.callbackPassword ?? EMULATOR_DEFAULTS.callbackPassword) || undefined;
  lines.push(
    username === undefined && password === undefined
      ? '  callback credentials: none'
      : `  callback credentials: username "${username ?? ''}", password "${password ?? ''}" (in each body${options.callbackBasicAuth ? ' and as HTTP Basic' : ''})`,
  );
  lines.push('  failed callback deliveries are printed below as they happen');
  return lines;
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
      // Failed deliveries are the operator's business: a wrong password or a dead port is said at once.
      onDelivery: (event) => {
        const text = formatDeliveryFailure(event);
        if (text) io.out(text);
      },
    });
    io.out(`clickwa emulator listening on ${running.url}`);
    io.out(
      `  POST ${running.url}/wa/messages   inspect ${running.url}/_emulator/messages   stats ${running.url}/_emulator/stats`,
    );
    for (const i of running.emulator.integrations) {
      io.out(`  integration "${i.name}" id ${i.id}${i.sandbox ? ' (sandbox)' : ''}`);
    }
    if (!integrations) io.out(`  api key: ${options.apiKey ?? 'local-dev-key'}`);
    for (const line of callbackLines(options, integrations ?? [{ name: '', ...options }])) io.out(line);
    return { running, exitCode: 0 };
  } catch (error) {
    io.err(`clickwa-emulator: ${error instanceof Error ? error.message : String(error)}`);
    return { exitCode: 1 };
  }
}
