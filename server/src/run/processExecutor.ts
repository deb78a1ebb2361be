/**
 * A CommandExecutor over a child process instead of a terminal: the same script files (scripts.ts) the terminal
 * runs, started with `bash <wrapper>`. `wfs run` runs steps with it (output streamed as it comes), the benchmark
 * measures the runner's own overhead with it, and unit tests check the scripts' behaviour (set -e, heredocs,
 * quoting, exit codes) with it. Pure Node, no vscode.
 *
 * Each block runs in a process group of its own (the wrapper is started detached, so it leads one). Stop and a
 * step's timeout end the whole group: SIGINT first, as Ctrl+C in a terminal would, then SIGKILL after a grace
 * period; whatever the block left behind in the group (a background job ignores SIGINT) is killed when it ends.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { CommandExecutor, CommandOptions, CommandResult } from './engine';
import { OutputCapture } from './output';
import { createScriptFolder, readExitCode, removeScripts, writeScripts } from './scripts';

export interface ProcessExecutorOptions {
  /**
   * Each chunk of the command's output (stdout and stderr) as it comes, unmasked (`command.mask` masks it), then
   * `onOutputEnd` when the command has ended: a terminal front end shows the output live.
   */
  onOutput?: (text: string, stream: 'stdout' | 'stderr', command: CommandOptions) => void;
  onOutputEnd?: (command: CommandOptions) => void;
  /** After SIGINT, how long the group has before SIGKILL (default 1.5 s). */
  interruptGraceMs?: number;
}

const INTERRUPT_GRACE_MS = 1_500;

export class ProcessExecutor implements CommandExecutor {
  private readonly folder = createScriptFolder();
  private n = 0;

  constructor(private readonly options: ProcessExecutorOptions = {}) {}

  async run(code: string, opts: CommandOptions): Promise<CommandResult> {
    // No label or display line from the wrapper: a front end over this executor shows the run's events itself.
    const files = writeScripts(this.folder, ++this.n, code, opts.cwd);
    try {
      return await new Promise((resolve, reject) => {
        const child = spawn('bash', [files.wrapper], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        // The engine masks secrets, then cuts: the capture keeps far more than the run records. A decoder per
        // stream, so a character split between two chunks (of a secret, say) arrives whole.
        const output = new OutputCapture();
        const decoders = [new StringDecoder('utf8'), new StringDecoder('utf8')];
        const take = (i: 0 | 1, text: string): void => {
          if (!text) return;
          output.append(text);
          this.options.onOutput?.(text, i === 0 ? 'stdout' : 'stderr', opts);
        };
        child.stdout.on('data', (chunk: Buffer) => take(0, decoders[0].write(chunk)));
        child.stderr.on('data', (chunk: Buffer) => take(1, decoders[1].write(chunk)));
        const group = (signal: NodeJS.Signals): void => {
          try {
            process.kill(-child.pid!, signal);
          } catch {
            // The group is gone (or was never made): the process alone, if it is still there.
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          }
        };
        let grace: ReturnType<typeof setTimeout> | undefined;
        const onAbort = (): void => {
          group('SIGINT');
          grace = setTimeout(() => group('SIGKILL'), this.options.interruptGraceMs ?? INTERRUPT_GRACE_MS);
        };
        if (opts.signal.aborted) onAbort();
        else opts.signal.addEventListener('abort', onAbort, { once: true });
        child.on('error', reject);
        child.on('close', (status, signal) => {
          opts.signal.removeEventListener('abort', onAbort);
          clearTimeout(grace);
          // What the block started in its group and left running (a background job) ends with it when it was stopped.
          if (opts.signal.aborted) group('SIGKILL');
          take(0, decoders[0].end());
          take(1, decoders[1].end());
          this.options.onOutputEnd?.(opts);
          const exitCode = readExitCode(files) ?? status ?? (signal ? 128 + signalNumber(signal) : -1);
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

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal] ?? 0;
}
