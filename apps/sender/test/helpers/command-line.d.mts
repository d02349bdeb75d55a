export declare const BINARIES: {
  readonly node: string;
  readonly node24: string;
  readonly bun: string;
  readonly deno: string;
};
export declare function commandLine(
  runtime: 'node' | 'node24' | 'bun' | 'deno',
  args: readonly string[],
  cwd: string,
  encrypt?: boolean,
): [string, string[]];
export declare const ENCRYPTION_ENV: readonly string[];
