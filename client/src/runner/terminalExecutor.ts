/**
 * The CommandExecutor of a real run: one integrated terminal per run, named after the workflow.
 *
 * Each block is written to a script (scripts.ts) and the terminal gets one line that runs it. The exit code comes
 * from whichever answers first:
 * - shell integration (`terminal.shellIntegration.executeCommand` and `window.onDidEndTerminalShellExecution`,
 *   stable since VS Code 1.93), which also streams the output;
 * - the exit file the wrapper writes. This is the fallback when the shell has no shell integration (turned off,
 *   an unsupported shell, or it did not start within the timeout): the line is sent with `sendText` and the file,
 *   written then renamed into place, says when and how the block ended. It is also the backstop when the end event
 *   never arrives, which happens when the shell echoes something VS Code cannot match to the execution.
 */
import { existsSync, rmSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { CommandExecutor, CommandOptions, CommandResult } from '../../../server/src/run/engine';
import { OutputCapture } from '../../../server/src/run/output';
import { createScriptFolder, killScript, readExitCode, removeScripts, stripTerminalSequences, withoutFinalNewlines, writeScripts, type ScriptFiles } from '../../../server/src/run/scripts';

/** How long a new terminal may take to report shell integration (bash took about 1.3 s in code-server). */
const SHELL_INTEGRATION_TIMEOUT_MS = 5_000;
/** After Ctrl+C, how long the block has to end before its process group is killed. */
const INTERRUPT_GRACE_MS = 1_500;
/** A watcher can miss a rename on some file systems: the exit file is also checked at this interval. */
const EXIT_FILE_POLL_MS = 250;
/** With shell integration: how long after the exit file appears the end event may still take. */
const END_EVENT_GRACE_MS = 2_000;

export interface TerminalExecutorOptions {
  name: string;
  cwd?: string;
  log: vscode.LogOutputChannel;
  /** How long the first block waits for shell integration before using the exit file (default 5 s). */
  shellIntegrationTimeoutMs?: number;
}

export class TerminalExecutor implements CommandExecutor, vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  private ready: Promise<vscode.TerminalShellIntegration | undefined> | undefined;
  private folder: string | undefined;
  private n = 0;
  /** The block running now: killed when the executor is disposed (the window closes or reloads mid-step). */
  private current: ScriptFiles | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private closed = new vscode.EventEmitter<void>();
  /** Which way the last command's exit code came, for the log and tests. */
  mode: 'shell-integration' | 'exit-file' | undefined;

  constructor(private readonly options: TerminalExecutorOptions) {
    this.disposables.push(
      this.closed,
      vscode.window.onDidCloseTerminal((t) => {
        if (t !== this.terminal) return;
        this.terminal = undefined;
        this.ready = undefined;
        this.closed.fire();
      }),
    );
  }

  /** The run's terminal, created (and shown without taking focus) on first use. */
  private open(): { terminal: vscode.Terminal; ready: Promise<vscode.TerminalShellIntegration | undefined> } {
    if (!this.terminal || !this.ready) {
      const terminal = vscode.window.createTerminal({
        name: this.options.name,
        cwd: this.options.cwd,
        iconPath: new vscode.ThemeIcon('play-circle'),
        // A reload must not bring back a terminal whose run is over: its process would be a stranger's.
        isTransient: true,
      });
      terminal.show(true);
      this.terminal = terminal;
      // Turned off in the settings, shell integration will not come: no point waiting for it.
      const enabled = vscode.workspace.getConfiguration('terminal.integrated').get<boolean>('shellIntegration.enabled', true);
      const timeoutMs = this.options.shellIntegrationTimeoutMs ?? SHELL_INTEGRATION_TIMEOUT_MS;
      this.ready = enabled ? waitForShellIntegration(terminal, timeoutMs) : Promise.resolve(undefined);
      void this.ready.then((si) =>
        this.options.log.info(
          si
            ? `Run terminal "${this.options.name}": shell integration is active; exit codes come from it.`
            : `Run terminal "${this.options.name}": no shell integration (${enabled ? `none within ${timeoutMs} ms` : 'turned off in the settings'}); exit codes come from the exit file the wrapper writes until it comes.`,
        ),
      );
    }
    return { terminal: this.terminal, ready: this.ready };
  }

  async run(code: string, opts: CommandOptions): Promise<CommandResult> {
    const { terminal, ready } = this.open();
    // Stop while the terminal is still starting ends the wait at once. Shell integration that came after the
    // wait gave up (a slow start on a busy machine) serves the later blocks.
    const si = (await untilAborted(ready, opts.signal)) ?? terminal.shellIntegration;
    if (opts.signal.aborted) throw new Error('cancelled');
    this.folder ??= createScriptFolder();
    const files = writeScripts(this.folder, ++this.n, code, opts.cwd ?? this.options.cwd, opts.label, opts.display);
    this.current = files;
    try {
      return await this.execute(terminal, si, files, opts.signal, opts.display);
    } finally {
      this.current = undefined;
      removeScripts(files);
    }
  }

  private execute(
    terminal: vscode.Terminal,
    si: vscode.TerminalShellIntegration | undefined,
    files: ScriptFiles,
    signal: AbortSignal,
    display: string | undefined,
  ): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      const cleanups: (() => void)[] = [];
      let settled = false;
      // The engine masks secrets in it, then keeps the end: the capture keeps far more than that.
      const output = new OutputCapture();
      const finish = (result: { exitCode: number } | Error, mode?: TerminalExecutor['mode']): void => {
        if (settled) return;
        settled = true;
        for (const c of cleanups) c();
        if (result instanceof Error) return reject(result);
        this.mode = mode;
        const text = afterDisplay(stripTerminalSequences(output.text), display).trim();
        resolve({ exitCode: result.exitCode, ...(text ? { output: text, outputCut: output.cut } : {}) });
      };
      // With shell integration the end event gives the exit code; the exit file only stands in when the event has
      // not come a while after the file appeared (VS Code could not match the execution). Without it, the file
      // is the answer.
      let backstop: ReturnType<typeof setTimeout> | undefined;
      const checkExitFile = (): void => {
        const exitCode = readExitCode(files);
        if (exitCode === undefined) return;
        if (!si) return finish({ exitCode }, 'exit-file');
        backstop ??= setTimeout(() => finish({ exitCode }, 'exit-file'), END_EVENT_GRACE_MS);
      };
      cleanups.push(() => clearTimeout(backstop));

      // The exit file: watched, and polled in case the watcher misses the rename.
      let watcher: FSWatcher | undefined;
      try {
        watcher = watch(dirname(files.exitFile), checkExitFile);
        cleanups.push(() => watcher?.close());
      } catch {
        // Watching can fail (too many watchers); the poll still finds the file.
      }
      const poll = setInterval(checkExitFile, EXIT_FILE_POLL_MS);
      cleanups.push(() => clearInterval(poll));

      const closed = this.closed.event(() => finish(new Error('the run terminal was closed')));
      cleanups.push(() => closed.dispose());

      const onAbort = (): void => {
        // Ctrl+C first, as a person would; then, if the block is still going, its process group.
        terminal.sendText('\x03', false);
        const timer = setTimeout(() => {
          killScript(files);
          finish(new Error('cancelled'));
        }, INTERRUPT_GRACE_MS);
        // If the block ends within the grace period, its exit code settles the promise and clears the timer;
        // the engine sees the aborted signal and records the run as cancelled either way.
        cleanups.push(() => clearTimeout(timer));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));

      if (si) {
        const execution = si.executeCommand(files.commandLine);
        const ended = vscode.window.onDidEndTerminalShellExecution((e) => {
          if (e.execution !== execution) return;
          // The event's code is the wrapper's (it exits with the block's code); when the shell could not report one
          // (undefined), the exit file has it.
          const exitCode = e.exitCode ?? readExitCode(files);
          if (exitCode !== undefined) finish({ exitCode }, 'shell-integration');
          else checkExitFile();
        });
        cleanups.push(() => ended.dispose());
        void (async () => {
          try {
            for await (const chunk of execution.read()) {
              if (settled) break;
              output.append(chunk);
            }
          } catch {
            // The stream ends with the terminal; the exit code does not depend on it.
          }
        })();
      } else {
        terminal.sendText(files.commandLine, true);
      }
      if (existsSync(files.exitFile)) checkExitFile();
    });
  }

  /** Shows the run's terminal (the Run panel's and notifications' "Show Terminal"). */
  show(): void {
    this.terminal?.show(true);
  }

  /** Removes the run's script folder (a later block makes a new one); the terminal stays. */
  cleanUp(): void {
    if (this.current) return;
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = undefined;
  }

  dispose(): void {
    // A block still running when the window closes is killed now: once the folder (and its pid file) is gone,
    // nothing could find it.
    if (this.current) killScript(this.current);
    for (const d of this.disposables) d.dispose();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = undefined;
    // The terminal stays open: its output is the run's record for the person reading it.
  }
}

/** `promise`'s value, or undefined as soon as the signal aborts (its listener removed either way). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function waitForShellIntegration(terminal: vscode.Terminal, timeoutMs: number): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(terminal.shellIntegration);
    }, timeoutMs);
    const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal !== terminal) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.shellIntegration);
    });
  });
}

/**
 * The command's own output: what the terminal showed after the commands the wrapper printed (the run log has those
 * as the command's record already).
 */
function afterDisplay(text: string, display: string | undefined): string {
  if (!display) return text;
  const shown = withoutFinalNewlines(display);
  const at = text.indexOf(shown);
  return at < 0 ? text : text.slice(at + shown.length);
}
