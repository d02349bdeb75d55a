import { spawn } from 'node:child_process';

/**
 * Starts an example as its runtime would (`node main.mjs`, `bun main.ts`, `deno run ...`) with only the
 * environment given (plus PATH and HOME, which Deno needs for its cache). `waitFor(pattern)` resolves with the
 * first match in stdout, or rejects with everything printed if the program exits first; `exited` resolves
 * with `{ code, stdout, stderr }`.
 *
 * @example
 * const server = runProgram(BINARIES.bun, ['server.ts'], { cwd, env: { PORT: '0' } });
 * const [, url] = await server.waitFor(/listening on (\S+)/);
 */
export function runProgram(command, args, { cwd, env = {}, stdin } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? cwd,
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
      ...env,
    },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    exited,
    output: () => ({ stdout, stderr }),
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (!match) return;
          child.stdout.off('data', check);
          resolve(match);
        };
        child.stdout.on('data', check);
        check();
        exited.then(({ code, signal }) =>
          reject(new Error(`${args.join(' ')} exited (${code ?? signal}):\n${stdout}${stderr}`)),
        );
      });
    },
    /** SIGTERM, and the exit that follows (at once if it has already exited). */
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
