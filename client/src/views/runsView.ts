/**
 * The Runs view: the run logs under the run-log roots, per workflow with its success rate and mean duration,
 * each run with its outcome and duration. Clicking a run opens its Run panel read-only (`wfs.openRun`). It reads
 * the logs when shown and again, debounced, when a log file changes; a hidden view only remembers it is stale.
 * It redraws only what changed: nothing when a change is already shown, one workflow when only its runs changed.
 */
import * as vscode from 'vscode';
import { listRuns, sortNewestFirst, type RunLogCache, type RunRecord } from '../../../server/src/run/runLog';
import { buildRunsTree, mergeRunsTree, runsTreeKey, type RunsNode, type RunsWorkflowNode } from './runsTree';
import { ViewContent } from './viewContent';
import { VisibleRefresh } from './visibleRefresh';

export const RUNS_VIEW_ID = 'wfs.runs';
export const OPEN_RUN_COMMAND = 'wfs.openRun';
/** A run appends a line per event: one refresh for a burst of them. */
const CHANGE_DEBOUNCE_MS = 200;

const ICON_COLORS: Partial<Record<string, string>> = {
  pass: 'testing.iconPassed',
  error: 'testing.iconFailed',
  warning: 'list.warningForeground',
};

export class RunsView implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | RunsNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<RunsNode>;
  private readonly visibleRefresh: VisibleRefresh;
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private watchedRoots = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Called once, before the logs are first read (the controller marks unfinished runs interrupted). */
  private beforeFirstRead: (() => void) | undefined;
  /** Only the logs that changed are parsed again on a refresh. */
  private readonly cache: RunLogCache = new Map();
  private readonly content: ViewContent<RunsWorkflowNode[]>;

  constructor(
    private readonly roots: () => string[],
    private readonly output: vscode.LogOutputChannel,
    beforeFirstRead?: () => void,
  ) {
    this.beforeFirstRead = beforeFirstRead;
    this.view = vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    // A watcher event for a change already shown redraws nothing; a run going on redraws only its workflow.
    this.content = new ViewContent(
      () => this.load(),
      runsTreeKey,
      (next, shown) => {
        const count = next.reduce((n, w) => n + w.runs.length, 0);
        this.view.description = count ? `${count} run${count === 1 ? '' : 's'}` : undefined;
        if (!shown) return next;
        const changed = mergeRunsTree(shown, next);
        this.changed.fire(changed);
        return changed ? shown : next;
      },
    );
    this.visibleRefresh = new VisibleRefresh(this.view, () => void this.content.reload());
    this.disposables.push(this.view, this.visibleRefresh);
    this.watch();
  }

  /** Reads the logs again (now if visible, else when shown); follows a change of the roots (settings). */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watch();
    this.visibleRefresh.refresh();
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), CHANGE_DEBOUNCE_MS);
  }

  /** (Re)creates one watcher per root when the roots changed. */
  private watch(): void {
    const roots = this.roots();
    const key = JSON.stringify(roots);
    if (key === this.watchedRoots) return;
    this.watchedRoots = key;
    for (const w of this.watchers) w.dispose();
    this.watchers = roots.map((root) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '**/*.jsonl'));
      const onChange = (): void => this.refreshSoon();
      return vscode.Disposable.from(watcher, watcher.onDidCreate(onChange), watcher.onDidChange(onChange), watcher.onDidDelete(onChange));
    });
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (node?.kind === 'run') return [];
    if (node?.kind === 'workflow') return node.runs;
    return (await this.content.data()) ?? [];
  }

  /** The workflows and their runs as the logs say now. */
  private load(): RunsWorkflowNode[] {
    // Logs may come with the repository: a file that cannot be read or shown is logged and left out, never
    // allowed to empty the view.
    const first = this.beforeFirstRead;
    this.beforeFirstRead = undefined;
    first?.();
    const skip = (file: string, e: unknown): void =>
      this.output.error(`The run log ${file} was skipped: ${e instanceof Error ? e.message : String(e)}`);
    const runs: RunRecord[] = [];
    for (const root of this.roots()) {
      try {
        runs.push(...listRuns(root, this.cache, skip));
      } catch (e) {
        this.output.error(`The run logs in ${root} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return buildRunsTree(sortNewestFirst(runs), { onError: (run, e) => skip(run.file, e) });
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    if (node.kind === 'workflow') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `workflow:${node.key}`;
      item.description = node.description;
      item.tooltip = node.tooltip;
      item.iconPath = new vscode.ThemeIcon('history');
      item.contextValue = 'wfsRunWorkflow';
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = `run:${node.file}`;
    item.description = node.description;
    item.tooltip = node.tooltip;
    const color = ICON_COLORS[node.icon];
    item.iconPath = new vscode.ThemeIcon(node.icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = 'wfsRun';
    item.command = { command: OPEN_RUN_COMMAND, title: 'Open Run', arguments: [node.file] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
