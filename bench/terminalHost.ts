/**
 * The part of the `vscode` API the run terminal uses, for the runner bench only (bench/build.mjs maps `vscode`
 * here for dist/run-bench.js). A terminal is a real bash reading the lines `sendText` gives it, as the integrated
 * terminal's shell does; shell integration is off, so the shipped TerminalExecutor takes its exit-file path, the
 * one it uses whenever a terminal has no shell integration. What is measured is the executor's and the engine's
 * own work; VS Code's terminal rendering is not part of it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

type Listener<T> = (e: T) => unknown;

export class Disposable {
  constructor(private readonly onDispose: () => void) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}

const shells: ChildProcess[] = [];

class BashTerminal {
  readonly shellIntegration = undefined;
  private readonly shell: ChildProcess;
  constructor(cwd: string | undefined) {
    this.shell = spawn('bash', ['--noprofile', '--norc'], { cwd, stdio: ['pipe', 'ignore', 'ignore'] });
    shells.push(this.shell);
  }
  show(): void {}
  sendText(text: string, addNewLine = true): void {
    this.shell.stdin?.write(addNewLine ? `${text}\n` : text);
  }
}

const never = new EventEmitter<unknown>();

export const window = {
  createTerminal: (options: { cwd?: string }): BashTerminal => new BashTerminal(options.cwd),
  onDidCloseTerminal: never.event,
  onDidChangeTerminalShellIntegration: never.event,
  onDidEndTerminalShellExecution: never.event,
};

export const workspace = {
  // Shell integration off: the bench's bash has none, and waiting for it would only add the 5 s timeout once.
  getConfiguration: () => ({ get: <T>(key: string, fallback: T): T => (key === 'shellIntegration.enabled' ? (false as T) : fallback) }),
};

/** Ends the bench's shells (their stdin closed, so each bash exits after its last line). */
export function closeTerminals(): void {
  for (const s of shells.splice(0)) s.stdin?.end();
}
