#!/usr/bin/env node
/**
 * Entry point of the `wfs` command (bundled to dist/cli.js). All the work is in cli/main.ts and cli/run.ts.
 */
import { isatty } from 'node:tty';
import { runWfs } from './cli/run';

void runWfs(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  // Asked of the descriptor: reading process.stdin would open a stream a run without questions never uses.
  stdinIsTTY: isatty(0),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  onInterrupt: (handler) => {
    // The first Ctrl+C stops the running command and lets the run end in order; a second one quits at once.
    let count = 0;
    const listener = (): void => {
      if (++count > 1) process.exit(130);
      handler();
    };
    process.on('SIGINT', listener);
    return () => void process.off('SIGINT', listener);
  },
}).then((code) => {
  process.exitCode = code;
});
