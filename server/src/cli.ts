#!/usr/bin/env node
/**
 * Entry point of the `wfs` command (bundled to dist/cli.js). All the work is in cli/main.ts.
 */
import { runCli } from './cli/main';

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
});
