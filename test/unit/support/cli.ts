/**
 * The built `wfs` command (dist/cli.js) for tests that run it as a user would: built when missing or older than
 * any source file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import type { WorkflowService } from '../../../server/src/service';

export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    newest = Math.max(newest, st.isDirectory() ? newestSource(path) : st.mtimeMs);
  }
  return newest;
}

/** Builds dist/cli.js when it is missing or older than server/src or package.json. */
export function ensureBuiltCli(): void {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (built < Math.max(newestSource(join(ROOT, 'server', 'src')), statSync(join(ROOT, 'package.json')).mtimeMs)) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
}

/** Runs the CLI in-process in `cwd`, capturing its exit code and output. */
export function runCliIn(cwd: string, argv: string[], createService?: () => WorkflowService): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { cwd, env: {}, stdoutIsTTY: false, stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const code = runCli(argv, io, createService);
  return { code, stdout, stderr };
}
