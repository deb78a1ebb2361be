/**
 * The TODOs view: the open TODO, TBD, FIXME and XXX markers of the workspace's workflows (`workflow/todos`),
 * one folder node per document. Clicking a marker reveals it.
 */
import * as vscode from 'vscode';
import { ViewContent } from './viewContent';
import { VisibleRefresh } from './visibleRefresh';
import type { TodoInfo, TodosResult } from '../../../server/src/protocol';
import type { WorkflowClient } from '../client';
import type { WorkflowChanges } from './changes';

export const TODOS_VIEW_ID = 'wfs.todos';

type TodoDocument = TodosResult['documents'][number];
type TodoNode = { kind: 'document'; doc: TodoDocument } | { kind: 'todo'; doc: TodoDocument; todo: TodoInfo };

export class TodosView implements vscode.TreeDataProvider<TodoNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TodoNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<TodoNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly visibleRefresh: VisibleRefresh;
  private readonly content: ViewContent<TodoDocument[]>;

  constructor(
    private readonly client: WorkflowClient,
    changes: WorkflowChanges,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView(TODOS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    // A diagnostics update that leaves every TODO where it was redraws nothing.
    this.content = new ViewContent(
      () => this.load(),
      (documents) => JSON.stringify(documents),
      (documents, previous) => {
        const total = documents.reduce((n, d) => n + d.todos.length, 0);
        this.view.badge = total ? { value: total, tooltip: `${total} open TODO${total === 1 ? '' : 's'}` } : undefined;
        if (previous) this.changed.fire(undefined);
        return documents;
      },
    );
    this.disposables.push(
      this.view,
      changes.onDidChange(() => this.refresh()),
      (this.visibleRefresh = new VisibleRefresh(this.view, () => void this.content.reload())),
    );
  }

  /** Fetches again when the view is visible; otherwise when it is shown. */
  refresh(): void {
    this.visibleRefresh.refresh();
  }

  async getChildren(node?: TodoNode): Promise<TodoNode[]> {
    if (node?.kind === 'todo') return [];
    if (node?.kind === 'document') return node.doc.todos.map((todo) => ({ kind: 'todo', doc: node.doc, todo }));
    const documents = (await this.content.data()) ?? [];
    return documents.map((doc) => ({ kind: 'document', doc }));
  }

  private async load(): Promise<TodoDocument[]> {
    try {
      return await this.client.todos();
    } catch (e) {
      this.output.error(`The TODOs could not be read: ${(e as Error).message}`);
      return [];
    }
  }

  getTreeItem(node: TodoNode): vscode.TreeItem {
    const uri = vscode.Uri.parse(node.doc.uri);
    if (node.kind === 'document') {
      const item = new vscode.TreeItem(node.doc.title, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `doc:${node.doc.uri}`;
      item.resourceUri = uri;
      item.description = `${vscode.workspace.asRelativePath(uri)} · ${node.doc.todos.length}`;
      item.iconPath = vscode.ThemeIcon.File;
      item.contextValue = 'workflow';
      return item;
    }
    const { todo } = node;
    const item = new vscode.TreeItem(todo.text, vscode.TreeItemCollapsibleState.None);
    item.id = `todo:${node.doc.uri}:${todo.range.start.line}:${todo.range.start.character}`;
    item.description = `line ${todo.range.start.line + 1}`;
    item.tooltip = `${todo.text}\n${vscode.workspace.asRelativePath(uri)}:${todo.range.start.line + 1}`;
    item.iconPath = new vscode.ThemeIcon(todo.kind === 'FIXME' || todo.kind === 'XXX' ? 'warning' : 'checklist');
    item.contextValue = 'todo';
    item.command = { command: 'wfs.revealRange', title: 'Reveal TODO', arguments: [node.doc.uri, todo.range] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
