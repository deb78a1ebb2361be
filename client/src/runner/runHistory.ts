/**
 * Run history on disk, as the extension sees it: where run logs go (each workspace folder's log folder, or the
 * extension's storage), which of those folders may be read and written at all, marking runs of earlier sessions
 * that never ended as interrupted, and the read-only Run panel of a past run.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isInside, realPathOf } from '../../../server/src/files/boundedRead';
import { logRootRefusal, markInterrupted, processIsLive, readRunLog, type RunRecord } from '../../../server/src/run/runLog';
import { RunPanel } from './runPanel';
import { configuredLogRoot } from './runSettings';
import { viewFromRecords, type RunView } from './runState';

export class RunHistory implements vscode.Disposable {
  /** Read-only panels of past runs, by log file. */
  private readonly panels = new Map<string, RunPanel>();
  /** Log folders refused (outside the workspace and the storage), each said once in the output channel. */
  private readonly refusedRoots = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /**
   * The folders run logs go to: each workspace folder's log folder, or the extension's storage. A folder whose
   * real path leaves the workspace folders and the storage (a symlinked `.workflow-runs`, an absolute
   * `wfs.run.log.folder`) is left out, and said once in the output channel.
   */
  logRoots(): string[] {
    const roots: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) roots.push(this.logRootFor(folder.uri));
    // Runs of documents outside every workspace folder are kept in the storage folder: list them too.
    roots.push(this.storageRoot());
    return [...new Set(roots)].filter((root) => this.refusal(root) === undefined);
  }

  logRootFor(uri: vscode.Uri): string {
    return configuredLogRoot(uri, this.storageRoot());
  }

  private storageBase(): string {
    return (this.context.storageUri ?? this.context.globalStorageUri).fsPath;
  }

  private storageRoot(): string {
    return join(this.storageBase(), 'runs');
  }

  /** Why no run log may be read or written under `root` (said once), or undefined when they may. */
  refusal(root: string): string | undefined {
    const allowed = [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath), this.storageBase()];
    const refusal = logRootRefusal(root, allowed);
    if (refusal !== undefined && !this.refusedRoots.has(root)) {
      this.refusedRoots.add(root);
      this.output.warn(`Run logs: ${refusal}. Workflow Studio neither reads nor writes run logs there.`);
    }
    return refusal;
  }

  /**
   * Marks runs left unfinished by an earlier session "interrupted" (the Runs view calls it before it first
   * reads). Not in Restricted Mode: nothing is written in an untrusted workspace; such runs show as
   * interrupted when opened, without a change on disk.
   */
  markInterruptedRuns(liveRunIds: ReadonlySet<string>): void {
    if (!vscode.workspace.isTrusted) {
      this.output.info('Restricted Mode: unfinished runs are not marked interrupted in their logs (nothing is written in an untrusted workspace).');
      return;
    }
    for (const root of this.logRoots()) {
      try {
        const marked = markInterrupted(root, (header) => processIsLive(header, vscode.env.sessionId, liveRunIds, hostname()), Date.now());
        if (marked.length > 0) this.output.info(`Marked ${marked.length} unfinished run(s) in ${root} as interrupted.`);
      } catch (e) {
        this.output.warn(`Could not check the run logs in ${root}: ${(e as Error).message}`);
      }
    }
  }

  /**
   * A past run's view, from its log (only a log of the log folders: the commands may be given any path), or
   * undefined when it cannot be read (said in a warning).
   */
  readView(file: string, liveRunIds: ReadonlySet<string>): RunView | undefined {
    let record: RunRecord | undefined;
    let why = 'it is gone, or holds no run';
    try {
      const real = realPathOf(file);
      if (!this.logRoots().some((root) => isInside(realPathOf(root), real))) throw new Error('it is not in a run log folder');
      record = readRunLog(file);
    } catch (e) {
      why = (e as Error).message;
    }
    if (!record) {
      void vscode.window.showWarningMessage(`Workflow Studio cannot read the run log ${file}: ${why}.`);
      return undefined;
    }
    // A log still open whose writer is gone: shown as interrupted (the next start-up marks it on disk). A run another
    // window or machine is still writing shows as running.
    return viewFromRecords(record.records, true, {
      interrupted: record.outcome === 'running' && !processIsLive(record.header, vscode.env.sessionId, liveRunIds, hostname()),
    });
  }

  /** A past run's read-only panel, from its log. */
  open(file: string, liveRunIds: ReadonlySet<string>): void {
    const view = this.readView(file, liveRunIds);
    if (!view) return;
    this.panels.get(file)?.dispose();
    const panel = RunPanel.readOnly(this.context.extensionUri, view);
    this.panels.set(file, panel);
    // A history panel has no run to outlive: closing it ends it.
    panel.onDidClose(() => {
      panel.dispose();
      if (this.panels.get(file) === panel) this.panels.delete(file);
    });
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
  }
}
