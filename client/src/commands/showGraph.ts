/**
 * Workflow Studio: Show Graph — the workflow's graph beside the editor (graph/graphPanel.ts). Arguments: none (the
 * active editor), the file's URI (editor title, code lens), a Catalog entry, or a step of the Steps view (the graph
 * of the active document, with that step selected). It opens the document first, so the graph follows its edits
 * and shows its findings.
 */
import * as vscode from 'vscode';
import type { WorkflowCommand } from './types';

function target(arg: unknown): { uri?: vscode.Uri; line?: number } {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (typeof arg === 'string' && arg !== '') return { uri: vscode.Uri.parse(arg) };
  const active = vscode.window.activeTextEditor?.document.uri;
  if (arg && typeof arg === 'object') {
    // A Catalog entry node: { kind: 'entry', entry: { uri } }.
    const entry = (arg as { entry?: { uri?: unknown } }).entry;
    if (entry && typeof entry.uri === 'string') return { uri: vscode.Uri.parse(entry.uri) };
    // A step of the Steps view (StepInfo), which lists the active document's steps.
    const range = (arg as { titleRange?: { start?: { line?: unknown } } }).titleRange;
    if (typeof range?.start?.line === 'number') return { uri: active, line: range.start.line };
  }
  return { uri: active };
}

export const showGraph: WorkflowCommand = {
  id: 'wfs.showGraph',
  async run(ctx, arg?: unknown) {
    const { uri, line } = target(arg);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a workflow document to see its graph.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString())) {
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
    }
    const panel = ctx.graphs.show(uri);
    if (line !== undefined) {
      const disposable = panel.onDidPostGraph(() => {
        disposable.dispose();
        panel.selectLine(line);
      });
    }
    return panel;
  },
};
