/**
 * The graph view: a webview beside the editor that draws a workflow's graph as the server builds and lays it out
 * (`workflow/graph`), follows the document live, and shows a run's statuses. A thin adapter: the messages and
 * their checks are pure (graphMessages.ts), the page is the Run panel's strict shell (panelHtml.ts) with its own
 * script (media/graphPanel.js), and the run actions are the existing commands (the node's context menu).
 */
import * as vscode from 'vscode';
import type { GraphResult } from '../../../server/src/protocol';
import type { WorkflowClient } from '../client';
import { createStrictPanel } from '../runner/runPanel';
import { graphStepActions, type StepActions } from '../runner/lenses';
import type { RunView } from '../runner/runState';
import { nodeAtLine, nodeStatuses, parseGraphMessage, type GraphMessage } from './graphMessages';

export const GRAPH_VIEW_TYPE = 'wfs.graph';

export class GraphPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private graph: GraphResult | undefined;
  private actions: Record<string, StepActions> = {};
  /** A request is on its way; `stale` asks for one more when it is back (edits while it ran). */
  private inFlight = false;
  private stale = false;
  private run: RunView | undefined;
  private disposed = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** Fires after a graph was posted to the webview (tests and the bench wait for it). */
  private readonly drawnEmitter = new vscode.EventEmitter<GraphResult>();
  readonly onDidPostGraph = this.drawnEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly client: WorkflowClient,
    readonly uri: vscode.Uri,
    /** A finished run from the Runs view: its statuses stay, and no run action is offered. */
    private readonly pastRun?: RunView,
  ) {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const title = pastRun ? `Graph of run: ${pastRun.workflow}` : `Graph: ${name}`;
    this.panel = createStrictPanel(extensionUri, GRAPH_VIEW_TYPE, title, 'graphPanel');
    const webview = this.panel.webview;
    this.run = pastRun;
    this.disposables.push(
      this.disposeEmitter,
      this.drawnEmitter,
      webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      this.panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.pastRun && e.document.uri.toString() === this.uri.toString() && e.contentChanges.length > 0) void this.refresh();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.uri.toString()) this.selectLine(e.selections[0].active.line);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
    );
    void this.refresh();
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** The graph of the document as it is now; edits during a request ask for one more, never for one each. */
  async refresh(): Promise<void> {
    if (this.inFlight) {
      this.stale = true;
      return;
    }
    this.inFlight = true;
    try {
      do {
        this.stale = false;
        const [graph, steps] = await Promise.all([this.client.graph(this.uri), this.client.steps(this.uri)]);
        if (this.disposed) return;
        if (!graph) {
          void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(this.uri)} is not a workflow document Workflow Studio reads.`);
          return;
        }
        this.graph = graph;
        const trusted = vscode.workspace.isTrusted && !this.pastRun;
        const perStep = steps ? graphStepActions(steps, trusted) : [];
        this.actions = Object.fromEntries(perStep.map((a, i) => [`s${i}`, a]));
        this.post({ type: 'graph', graph, actions: this.actions, readOnly: !!this.pastRun });
        if (this.run) this.postRun();
        this.drawnEmitter.fire(graph);
      } while (this.stale && !this.disposed);
    } finally {
      this.inFlight = false;
    }
  }

  /** A run of this document changed (or the past run to show). */
  showRun(view: RunView): void {
    if (this.pastRun && view !== this.pastRun) return;
    this.run = view;
    this.postRun();
  }

  /** Selects the node of the step the editor's cursor is in. */
  selectLine(line: number): void {
    const node = this.graph && nodeAtLine(this.graph, line);
    if (node) this.post({ type: 'select', node });
  }

  private postRun(): void {
    const run = this.run;
    if (!run) return;
    const label = `${run.mode === 'dry-run' ? 'Dry run' : 'Run'} ${run.runId}`;
    this.post({ type: 'status', run: { label, status: run.status }, statuses: nodeStatuses(run) });
  }

  private post(message: GraphMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const action = parseGraphMessage(raw, this.graph);
    if (!action) return;
    switch (action.type) {
      case 'ready':
        if (this.graph) this.post({ type: 'graph', graph: this.graph, actions: this.actions, readOnly: !!this.pastRun });
        this.postRun();
        return;
      case 'reveal':
        return this.revealNode(action.node);
      case 'copy-mermaid': {
        const result = await this.client.graph(this.uri, 'mermaid');
        if (!result?.text) return;
        await vscode.env.clipboard.writeText(result.text);
        void vscode.window.showInformationMessage('Copied the graph as a Mermaid flowchart.');
        return;
      }
      case 'export-svg': {
        const result = await this.client.graph(this.uri, 'svg');
        if (!result?.text) return;
        const base = this.uri.path.replace(/\.(?:workflow\.ya?ml|ya?ml|md)$/i, '');
        const target = await vscode.window.showSaveDialog({ defaultUri: this.uri.with({ path: `${base}.graph.svg` }), filters: { 'SVG image': ['svg'] } });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
        void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}.`);
        return;
      }
    }
  }

  /** Shows the node's text in the editor, selected, and leaves the focus in the graph. */
  private async revealNode(id: string): Promise<void> {
    const node = this.graph?.nodes.find((n) => n.id === id);
    const range = node?.range;
    if (!range) return;
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
    editor.selection = new vscode.Selection(selection.start, selection.end);
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.panel.dispose();
    this.disposeEmitter.fire();
    for (const d of this.disposables) d.dispose();
  }
}

/** The open graph views: one per document, and one per past run opened from the Runs view. */
export class GraphPanels implements vscode.Disposable {
  private readonly panels = new Map<string, GraphPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: WorkflowClient,
  ) {}

  /** The document's graph view, opened or brought to the front. */
  show(uri: vscode.Uri, run?: RunView): GraphPanel {
    const key = run ? `run:${run.runId}:${uri.toString()}` : uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = new GraphPanel(this.extensionUri, this.client, uri, run);
    this.panels.set(key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    return panel;
  }

  /** A run's view changed: the graph of its document shows the new statuses. */
  runChanged(view: RunView): void {
    this.panels.get(view.uri)?.showRun(view);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
  }
}
