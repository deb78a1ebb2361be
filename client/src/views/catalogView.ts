/**
 * The Catalog view: every workflow of the workspace (`workflow/catalog`), grouped by category, status or risk
 * as the user chooses, with problem and TODO counts as descriptions and badges. Clicking a workflow opens it.
 * The server is started by the first fetch, which happens only once the view is shown.
 */
import * as vscode from 'vscode';
import { ViewContent } from './viewContent';
import { VisibleRefresh } from './visibleRefresh';
import type { CatalogEntry } from '../../../server/src/protocol';
import type { WorkflowClient } from '../client';
import type { WorkflowChanges } from './changes';
import { countsText, entryBadge, entryDescription, groupCatalog, groupDescription, isCatalogGrouping, problemCount } from './catalogTree';
import type { CatalogGroup, CatalogGrouping } from './catalogTree';

export const CATALOG_VIEW_ID = 'wfs.catalog';
/** The scheme of the tree items' resource URIs: decorations (badges) for the view only, not the Explorer. */
const DECORATION_SCHEME = 'wfs-catalog';
const GROUPING_KEY = 'wfs.catalog.groupBy';

type CatalogNode = { kind: 'group'; group: CatalogGroup } | { kind: 'entry'; entry: CatalogEntry };

export class CatalogView implements vscode.TreeDataProvider<CatalogNode>, vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CatalogNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private readonly view: vscode.TreeView<CatalogNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private entries = new Map<string, CatalogEntry>();
  private readonly visibleRefresh: VisibleRefresh;
  private readonly content: ViewContent<CatalogEntry[]>;
  private grouping: CatalogGrouping;

  constructor(
    private readonly client: WorkflowClient,
    private readonly state: vscode.Memento,
    changes: WorkflowChanges,
    private readonly output: vscode.LogOutputChannel,
  ) {
    const saved = state.get<string>(GROUPING_KEY);
    this.grouping = isCatalogGrouping(saved) ? saved : 'category';
    void vscode.commands.executeCommand('setContext', 'wfs.catalogGroupBy', this.grouping);
    this.view = vscode.window.createTreeView(CATALOG_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    // Diagnostics change on every edit; the catalog redraws only when a workflow, a count or a fact changed.
    this.content = new ViewContent(
      () => this.load(),
      (entries) => JSON.stringify(entries),
      (entries, previous) => {
        this.show(entries);
        if (previous) this.changed.fire(undefined);
        return entries;
      },
    );
    this.disposables.push(
      this.view,
      vscode.window.registerFileDecorationProvider(this),
      changes.onDidChange(() => this.refresh()),
      (this.visibleRefresh = new VisibleRefresh(this.view, () => void this.content.reload())),
    );
  }

  get groupBy(): CatalogGrouping {
    return this.grouping;
  }

  async setGrouping(grouping: CatalogGrouping): Promise<void> {
    this.grouping = grouping;
    await this.state.update(GROUPING_KEY, grouping);
    await vscode.commands.executeCommand('setContext', 'wfs.catalogGroupBy', grouping);
    this.changed.fire(undefined);
  }

  /** Fetches again when the view is visible; otherwise when it is shown. */
  refresh(): void {
    this.visibleRefresh.refresh();
  }

  async getChildren(node?: CatalogNode): Promise<CatalogNode[]> {
    if (node?.kind === 'entry') return [];
    if (node?.kind === 'group') return node.group.entries.map((entry) => ({ kind: 'entry', entry }));
    const entries = (await this.content.data()) ?? [];
    if (entries.length === 0) return [];
    const groups = groupCatalog(entries, this.grouping);
    if (this.grouping === 'none') return groups[0].entries.map((entry) => ({ kind: 'entry', entry }));
    return groups.map((group) => ({ kind: 'group', group }));
  }

  private async load(): Promise<CatalogEntry[]> {
    try {
      return await this.client.catalog();
    } catch (e) {
      this.output.error(`The catalog could not be read: ${(e as Error).message}`);
      return [];
    }
  }

  /** The decorations (badges), the view's badge and its description for these entries. */
  private show(entries: CatalogEntry[]): void {
    this.entries = new Map(entries.map((e) => [decorationUri(e.uri).toString(), e]));
    this.decorationsChanged.fire([...this.entries.keys()].map((k) => vscode.Uri.parse(k)));
    const problems = entries.reduce((n, e) => n + problemCount(e), 0);
    this.view.badge = problems ? { value: problems, tooltip: `${problems} problem${problems === 1 ? '' : 's'} in workflows` } : undefined;
    this.view.description = entries.length ? `${entries.length} workflow${entries.length === 1 ? '' : 's'}` : undefined;
  }

  getTreeItem(node: CatalogNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.grouping}:${node.group.key.toLowerCase()}`;
      item.description = groupDescription(node.group);
      item.contextValue = 'workflowGroup';
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'risk' ? 'shield' : this.grouping === 'status' ? 'pulse' : 'folder-library');
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.title, vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${entry.uri}`;
    item.resourceUri = decorationUri(entry.uri);
    item.description = entryDescription(entry);
    item.tooltip = tooltip(entry);
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'workflow';
    item.command = { command: 'vscode.open', title: 'Open Workflow', arguments: [vscode.Uri.parse(entry.uri)] };
    return item;
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== DECORATION_SCHEME) return undefined;
    const entry = this.entries.get(uri.toString());
    if (!entry) return undefined;
    const badge = entryBadge(entry);
    if (!badge) return undefined;
    const color = entry.problems.errors
      ? new vscode.ThemeColor('list.errorForeground')
      : entry.problems.warnings
        ? new vscode.ThemeColor('list.warningForeground')
        : undefined;
    return new vscode.FileDecoration(badge, countsText(entry.problems, entry.todoCount), color);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
    this.decorationsChanged.dispose();
  }
}

function decorationUri(uri: string): vscode.Uri {
  return vscode.Uri.parse(uri).with({ scheme: DECORATION_SCHEME });
}

function tooltip(entry: CatalogEntry): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(entry.title)}**\n\n`);
  const rows: [string, string | undefined][] = [
    ['Format', entry.format],
    ['Category', entry.category],
    ['Status', entry.status],
    ['Risk', entry.risk],
    ['Owner', entry.owner],
    ['Steps', String(entry.stepCount)],
    ['Problems', `${entry.problems.errors} errors, ${entry.problems.warnings} warnings, ${entry.problems.infos} infos`],
    ['TODOs', String(entry.todoCount)],
  ];
  for (const [k, v] of rows) if (v) md.appendMarkdown(`${k}: ${escape(v)}  \n`);
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
