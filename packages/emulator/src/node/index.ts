export type { CliConfig, CliParseResult } from './parse-cli-args.ts';
export { CLI_HELP, parseCliArgs } from './parse-cli-args.ts';
export type { RunningEmulator, ServeEmulatorOptions } from './serve.ts';
export { DEFAULT_PORT, serveEmulator } from './serve.ts';
