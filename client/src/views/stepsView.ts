/**
 * The Steps view: the active editor's workflow steps (`workflow/steps`) with their mode, actor and duration.
 * It follows the active editor and its edits, and selects the step the cursor is in; clicking a step reveals it.
 */
import * as vscode from 'vscode';
import type { StepInfo, StepsResult } from '../../../server/src/protocol';
import type { WorkflowClient } from '../client';
import { isWorkflowDocument } from '../workflowFiles';
import { noStepsMessage, stepDescription, stepIcon, stepLabel, stepTooltip } from './stepsTree';

export const STEPS_VIEW_ID = 'wfs.steps';
const EDIT_DEBOUNCE_MS = 250;

export class StepsView implements vscode.TreeDataProvider<StepInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StepInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<StepInfo>;
  private readonly disposables: vscode.Disposable[] = [];
  private result: StepsResult | null = null;
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly client: WorkflowClient,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView(STEPS_VIEW_ID, { treeDataProvider: this });
    this.disposables.push(
      this.view,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.refreshSoon();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.selectStepAt(e.selections[0]?.active);
      }),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) this.refresh();
      }),
    );
  }

  /** The steps shown now (for tests driving the extension through its API). */
  get current(): StepsResult | null {
    return this.result;
  }

  refresh(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = undefined;
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => this.refresh(), EDIT_DEBOUNCE_MS);
  }

  async getChildren(step?: StepInfo): Promise<StepInfo[]> {
    if (step) return [];
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isWorkflowDocument(doc.uri.scheme, doc.uri.fsPath, doc.languageId)) {
      // Keep the last workflow's steps while another kind of editor (output, settings) is active.
      if (doc && doc.uri.scheme === 'file') this.setResult(null, 'The active editor is not a workflow document.');
      return this.result?.steps ?? [];
    }
    let result: StepsResult | null;
    try {
      result = await this.client.steps(doc.uri);
    } catch (e) {
      this.output.error(`The steps could not be read: ${(e as Error).message}`);
      return [];
    }
    if (generation !== this.generation) return this.result?.steps ?? [];
    this.setResult(result, result && result.steps.length === 0 ? noStepsMessage(result) : undefined);
    return result?.steps ?? [];
  }

  private setResult(result: StepsResult | null, message: string | undefined): void {
    this.result = result;
    this.view.message = message;
    this.view.description = result?.title;
  }

  getTreeItem(step: StepInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(stepLabel(step), vscode.TreeItemCollapsibleState.None);
    item.id = `${this.result?.uri}#${step.index}`;
    item.description = stepDescription(step);
    item.tooltip = stepTooltip(step);
    item.contextValue = `step.${step.source}`;
    item.iconPath = new vscode.ThemeIcon(stepIcon(step));
    if (this.result) item.command = { command: 'wfs.revealRange', title: 'Reveal Step', arguments: [this.result.uri, step.titleRange] };
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  private selectStepAt(position: vscode.Position | undefined): void {
    if (!position || !this.view.visible || !this.result) return;
    if (vscode.window.activeTextEditor?.document.uri.toString() !== this.result.uri) return;
    const step = this.result.steps.find((s) => s.range.start.line <= position.line && position.line <= s.range.end.line);
    if (step) void this.view.reveal(step, { select: true, focus: false }).then(undefined, () => undefined);
  }

  dispose(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
