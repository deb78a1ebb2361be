/**
 * A CommandExecutor over a child process instead of a terminal: the same script files (scripts.ts) the terminal
 * runs, started with `bash <wrapper>`. The benchmark measures the runner's own overhead with it, and unit tests
 * check the scripts' behaviour (set -e, heredocs, quoting, exit codes) with it. Pure Node, no vscode.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { CommandExecutor, CommandResult } from './engine';
import { OutputCapture } from './output';
import { createScriptFolder, readExitCode, removeScripts, writeScripts } from './scripts';

export class ProcessExecutor implements CommandExecutor {
  private readonly folder = createScriptFolder();
  private n = 0;

  async run(code: string, opts: { cwd?: string; signal: AbortSignal; label?: string }): Promise<CommandResult> {
    const files = writeScripts(this.folder, ++this.n, code, opts.cwd, opts.label);
    try {
      return await new Promise((resolve, reject) => {
        const child = spawn('bash', [files.wrapper], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        // The engine masks secrets, then cuts: the capture keeps far more than the run records. A decoder per
        // stream, so a character split between two chunks (of a secret, say) arrives whole.
        const output = new OutputCapture();
        const decoders = [new StringDecoder('utf8'), new StringDecoder('utf8')];
        child.stdout.on('data', (chunk: Buffer) => output.append(decoders[0].write(chunk)));
        child.stderr.on('data', (chunk: Buffer) => output.append(decoders[1].write(chunk)));
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
          for (const d of decoders) output.append(d.end());
          const exitCode = readExitCode(files) ?? status ?? -1;
          resolve({ exitCode, ...(output.text ? { output: output.text, outputCut: output.cut } : {}) });
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
