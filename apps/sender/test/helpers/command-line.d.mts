export declare const BINARIES: { readonly node: string; readonly bun: string; readonly deno: string };
export declare function commandLine(
  runtime: 'node' | 'bun' | 'deno',
  args: readonly string[],
  cwd: string,
): [string, string[]];
