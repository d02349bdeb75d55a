#!/usr/bin/env node
// The `clickwa-emulator` bin: flags and env in, a listening emulator out; Ctrl-C closes it cleanly.
import { runCli } from './run-cli.ts';

const { running, exitCode } = await runCli(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exitCode = exitCode;
if (running) {
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
