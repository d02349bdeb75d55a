export type { HttpFetchOptions } from './http-fetch.ts';
export { createHttpFetch } from './http-fetch.ts';
export type { CliConfig, CliParseResult } from './parse-cli-args.ts';
export { CLI_HELP, parseCliArgs } from './parse-cli-args.ts';
export type { RunningEmulator, ServeEmulatorOptions } from './serve.ts';
export { DEFAULT_PORT, serveEmulator } from './serve.ts';
