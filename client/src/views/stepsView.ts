/**
 * The Steps view: the active editor's workflow steps (`workflow/steps`) with their mode, actor and duration.
 * It follows the active editor and its edits, and selects the step the cursor is in; clicking a step reveals it.
 */
import * as vscode from 'vscode';
import type { StepInfo, StepsResult } from '../../../server/src/protocol';
import type { WorkflowClient } from '../client';
import { isWorkflowDocument } from '../workflowFiles';
import { noStepsMessage, stepDescription, stepIcon, stepLabel, stepTooltip } from './stepsTree';
import { ViewContent } from './viewContent';
import { VisibleRefresh } from './visibleRefresh';

export const STEPS_VIEW_ID = 'wfs.steps';
const EDIT_DEBOUNCE_MS = 250;

/** What the view shows: the active workflow's steps, or none with a message saying why. */
interface StepsShown {
  result: StepsResult | null;
  message: string | undefined;
}

export class StepsView implements vscode.TreeDataProvider<StepInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StepInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<StepInfo>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly content: ViewContent<StepsShown>;
  private readonly visibleRefresh: VisibleRefresh;
  private editTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: WorkflowClient,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView(STEPS_VIEW_ID, { treeDataProvider: this });
    // Switching back to the document shown, or an edit that leaves the steps as they are, redraws nothing.
    this.content = new ViewContent(
      () => this.load(),
      (shown) => JSON.stringify(shown),
      (next, previous) => {
        this.view.message = next.message;
        this.view.description = next.result?.title;
        if (previous) this.changed.fire(undefined);
        return next;
      },
    );
    this.visibleRefresh = new VisibleRefresh(this.view, () => void this.content.reload());
    this.disposables.push(
      this.view,
      this.visibleRefresh,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.refreshSoon();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.selectStepAt(e.selections[0]?.active);
      }),
    );
  }

  /** The steps shown now (for tests driving the extension through its API). */
  get current(): StepsResult | null {
    return this.result;
  }

  private get result(): StepsResult | null {
    return this.content.current?.result ?? null;
  }

  /** Reads the active editor's steps again (now if the view is visible, else when it is shown). */
  refresh(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = undefined;
    this.visibleRefresh.refresh();
  }

  private refreshSoon(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => this.refresh(), EDIT_DEBOUNCE_MS);
  }

  /** What the view would show for the active editor. */
  private async load(): Promise<StepsShown> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isWorkflowDocument(doc.uri.scheme, doc.uri.fsPath, doc.languageId)) {
      // Keep the last workflow's steps while another kind of editor (output, settings) is active.
      if (doc && doc.uri.scheme === 'file') return { result: null, message: 'The active editor is not a workflow document.' };
      return this.content.current ?? { result: null, message: undefined };
    }
    try {
      const result = await this.client.steps(doc.uri);
      return { result, message: result && result.steps.length === 0 ? noStepsMessage(result) : undefined };
    } catch (e) {
      this.output.error(`The steps could not be read: ${(e as Error).message}`);
      return { result: null, message: undefined };
    }
  }

  async getChildren(step?: StepInfo): Promise<StepInfo[]> {
    if (step) return [];
    return (await this.content.data())?.result?.steps ?? [];
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
    const result = this.result;
    if (!position || !this.view.visible || !result) return;
    if (vscode.window.activeTextEditor?.document.uri.toString() !== result.uri) return;
    const step = result.steps.find((s) => s.range.start.line <= position.line && position.line <= s.range.end.line);
    if (step) void this.view.reveal(step, { select: true, focus: false }).then(undefined, () => undefined);
  }

  dispose(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
