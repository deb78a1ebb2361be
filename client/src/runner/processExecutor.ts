/**
 * A CommandExecutor over a child process instead of a terminal: the same script files (scripts.ts) the terminal
 * runs, started with `bash <wrapper>`. The benchmark measures the runner's own overhead with it, and unit tests
 * check the scripts' behaviour (set -e, heredocs, quoting, exit codes) with it. Pure Node, no vscode.
 */
import { spawn } from 'node:child_process';
import type { CommandExecutor } from './engine';
import { createScriptFolder, readExitCode, removeScripts, writeScripts } from './scripts';
import { rmSync } from 'node:fs';

export class ProcessExecutor implements CommandExecutor {
  private readonly folder = createScriptFolder();
  private n = 0;

  async run(code: string, opts: { cwd?: string; signal: AbortSignal; label?: string }): Promise<{ exitCode: number; output?: string }> {
    const files = writeScripts(this.folder, ++this.n, code, opts.cwd, opts.label);
    try {
      return await new Promise((resolve, reject) => {
        const child = spawn('bash', [files.wrapper], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        let output = '';
        const keep = (chunk: Buffer): void => {
          output = (output + chunk.toString('utf8')).slice(-4096);
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        const onAbort = (): void => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        };
        opts.signal.addEventListener('abort', onAbort, { once: true });
        child.on('error', reject);
        child.on('close', (status) => {
          opts.signal.removeEventListener('abort', onAbort);
          resolve({ exitCode: readExitCode(files) ?? status ?? -1, ...(output ? { output } : {}) });
        });
      });
    } finally {
      removeScripts(files);
    }
  }

  dispose(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
