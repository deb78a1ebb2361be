/**
 * The terminal executor (client/src/runner/terminalExecutor.ts) on the real `vscode` API, in a real integrated
 * terminal (bash): exact exit codes with terminal shell integration, the same with shell integration turned off
 * (the exit-file fallback), a multi-line block with a heredoc as one unit under set -e, and Stop.
 */
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { TerminalExecutor } from '../../../client/src/runner/terminalExecutor';

/** Resolves when `file` exists: now, or when its folder's watcher sees it. */
function fileAppears(file: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      if (!existsSync(file)) return false;
      clearTimeout(timer);
      watcher.close();
      resolve();
      return true;
    };
    const watcher = watch(join(file, '..'), () => void done());
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`${file} did not appear within ${timeoutMs} ms`));
    }, timeoutMs);
    done();
  });
}

export function defineRunnerSuite(note: (message: string) => void): void {
  describe('the terminal executor', function () {
    this.timeout(60_000);
    let dir: string;
    let log: vscode.LogOutputChannel;
    const signal = new AbortController().signal;

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'wfs-inhost-run-'));
      log = vscode.window.createOutputChannel('Workflow Studio in-host runner', { log: true });
    });
    after(() => {
      log.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    async function exerciseExitCodes(executor: TerminalExecutor): Promise<string[]> {
      const modes: string[] = [];
      const begin = Date.now();
      assert.equal((await executor.run('exit 3', { signal })).exitCode, 3);
      modes.push(executor.mode ?? '?');
      assert.equal((await executor.run('true', { signal })).exitCode, 0);
      modes.push(executor.mode ?? '?');
      const block = [`cat > '${dir}/heredoc.txt' <<'EOF'`, 'literal $HOME "quotes"', 'EOF', 'false', `touch '${dir}/after-false'`].join('\n');
      assert.notEqual((await executor.run(block, { signal })).exitCode, 0, 'set -e: the failing line fails the block');
      modes.push(executor.mode ?? '?');
      assert.equal(readFileSync(join(dir, 'heredoc.txt'), 'utf8'), 'literal $HOME "quotes"\n');
      assert.equal(existsSync(join(dir, 'after-false')), false);
      note(`terminal executor (${modes.join(', ')}): 3 commands in ${Date.now() - begin} ms`);
      return modes;
    }

    it('gets exact exit codes through terminal shell integration', async () => {
      // Waits for shell integration itself (the product gives up after 5 s and uses the exit file, which a busy
      // machine can reach); the guard is only there so a terminal that never reports it fails the test.
      const executor = new TerminalExecutor({ name: 'Run: in-host shell integration', cwd: dir, log, shellIntegrationTimeoutMs: 30_000 });
      try {
        const modes = await exerciseExitCodes(executor);
        assert.deepEqual(modes, ['shell-integration', 'shell-integration', 'shell-integration']);
      } finally {
        executor.dispose();
      }
    });

    it('gets the same exit codes from the exit file when shell integration is off', async () => {
      const config = vscode.workspace.getConfiguration('terminal.integrated');
      await config.update('shellIntegration.enabled', false, vscode.ConfigurationTarget.Global);
      const executor = new TerminalExecutor({ name: 'Run: in-host fallback', cwd: dir, log });
      try {
        const modes = await exerciseExitCodes(executor);
        assert.deepEqual(modes, ['exit-file', 'exit-file', 'exit-file']);
      } finally {
        executor.dispose();
        await config.update('shellIntegration.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('Stop interrupts the running block and nothing after it runs', async () => {
      const executor = new TerminalExecutor({ name: 'Run: in-host stop', cwd: dir, log });
      try {
        const stop = new AbortController();
        const running = executor.run(`touch '${dir}/stop-started'\nsleep 30\ntouch '${dir}/stop-finished'`, { signal: stop.signal });
        await fileAppears(join(dir, 'stop-started'), 15_000);
        const begin = Date.now();
        stop.abort();
        await running.then(
          (r) => assert.notEqual(r.exitCode, 0),
          (e: Error) => assert.match(e.message, /cancelled/),
        );
        note(`Stop ended the block in ${Date.now() - begin} ms`);
        assert.equal(existsSync(join(dir, 'stop-finished')), false);
        // The terminal is usable again: the next block runs.
        assert.equal((await executor.run('exit 5', { signal })).exitCode, 5);
      } finally {
        executor.dispose();
      }
    });
  });
}
