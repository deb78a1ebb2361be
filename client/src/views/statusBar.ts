/**
 * A status bar item on workflow documents: the open workflow's errors, warnings and TODO markers. Clicking it
 * shows the Problems panel filtered to that file. Hidden for other editors and by `wfs.statusBar.enabled`.
 */
import * as vscode from 'vscode';
import type { WorkflowClient } from '../client';
import { isWorkflowDocument } from '../workflowFiles';
import { statusText, statusTooltip } from './statusBarText';
import type { WorkflowCounts } from './statusBarText';

const REFRESH_DEBOUNCE_MS = 200;

export class WorkflowStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** The counts shown now (for tests driving the extension through its API); undefined when hidden. */
  counts: WorkflowCounts | undefined;

  constructor(private readonly client: WorkflowClient) {
    this.item = vscode.window.createStatusBarItem('wfs.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Workflow Studio';
    this.item.command = 'wfs.showProblems';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.updateSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('wfs.statusBar.enabled')) this.update();
      }),
      client.onDidStart(() => this.update()),
    );
    this.update();
  }

  private updateSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), REFRESH_DEBOUNCE_MS);
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    const workflow = !!doc && isWorkflowDocument(doc.uri.scheme, doc.uri.fsPath, doc.languageId);
    void vscode.commands.executeCommand('setContext', 'wfs.activeIsWorkflow', workflow);
    const enabled = vscode.workspace.getConfiguration('wfs', doc?.uri).get<boolean>('statusBar.enabled', true);
    if (!doc || !workflow || !enabled || !this.client.isRunning) {
      this.counts = undefined;
      this.item.hide();
      return;
    }
    const diagnostics = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'wfs');
    let todos = 0;
    try {
      todos = (await this.client.todos(doc.uri)).reduce((n, d) => n + d.todos.length, 0);
    } catch {
      // The server restarted or the request was cancelled: the next change updates the item.
    }
    if (generation !== this.generation) return;
    const counts: WorkflowCounts = {
      errors: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
      warnings: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
      todos,
    };
    this.counts = counts;
    this.item.text = statusText(counts);
    this.item.tooltip = statusTooltip(counts);
    this.item.accessibilityInformation = { label: statusTooltip(counts) };
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
