export declare const BINARIES: { readonly node: string; readonly bun: string; readonly deno: string };
export declare function commandLine(
  runtime: 'node' | 'bun' | 'deno',
  args: readonly string[],
  cwd: string,
  encrypt?: boolean,
): [string, string[]];
export declare const ENCRYPTION_ENV: readonly string[];
