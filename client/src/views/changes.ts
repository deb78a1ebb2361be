/**
 * One debounced signal that the workspace's workflows changed: their diagnostics changed (the server re-checked
 * an edited or changed file), a workflow file was created or deleted, `.wfs.json` changed, or the server
 * started. The Catalog and TODOs views refresh on it instead of each watching everything.
 */
import * as vscode from 'vscode';
import type { WorkflowClient } from '../client';

const DEBOUNCE_MS = 300;
const WORKFLOW_PATH = /\.(md|markdown|ya?ml)$/i;

export class WorkflowChanges implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(client: WorkflowClient) {
    const files = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,yaml,yml}', false, true, false);
    const config = vscode.workspace.createFileSystemWatcher('**/.wfs.json');
    this.disposables.push(
      files,
      config,
      files.onDidCreate(() => this.schedule()),
      files.onDidDelete(() => this.schedule()),
      config.onDidCreate(() => this.schedule()),
      config.onDidChange(() => this.schedule()),
      config.onDidDelete(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (client.isRunning && e.uris.some((u) => WORKFLOW_PATH.test(u.path))) this.schedule();
      }),
      client.onDidStart(() => this.schedule()),
    );
  }

  /** Signals a change after a short pause, so a burst of events (a save, a checkout) refreshes once. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}
