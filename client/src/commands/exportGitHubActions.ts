/**
 * Workflow Studio: Export as GitHub Actions Workflow — writes `.github/workflows/<name>.yml` in the workflow's
 * workspace folder (what `wfs export --to github-actions` writes, computed by the language server from the same
 * steps) and opens it. A file edited by hand since it was generated, or not written by the export, is replaced
 * only when the user says so. Like New Workflow, it writes only the file the user asked for, so it works in
 * Restricted Mode too (it runs nothing).
 *
 * Arguments: none (the active editor), the file's URI (editor title menu), a Catalog entry (its context menu), or
 * `{ uri, replace }` for tests and other extensions; it returns the written file's URI.
 */
import * as vscode from 'vscode';
import type { WorkflowCommand } from './types';

const TARGET = 'github-actions';

interface ExportOptions {
  uri?: string | vscode.Uri;
  /** Replace a hand-edited file without asking. */
  replace?: boolean;
}

function sourceUri(arg: unknown): { uri?: vscode.Uri; replace: boolean } {
  if (arg instanceof vscode.Uri) return { uri: arg, replace: false };
  if (arg && typeof arg === 'object') {
    // A Catalog entry node: { kind: 'entry', entry: { uri } }.
    const entry = (arg as { entry?: { uri?: unknown } }).entry;
    if (entry && typeof entry.uri === 'string') return { uri: vscode.Uri.parse(entry.uri), replace: false };
    const options = arg as ExportOptions;
    if (options.uri !== undefined) return { uri: typeof options.uri === 'string' ? vscode.Uri.parse(options.uri) : options.uri, replace: options.replace === true };
  }
  return { uri: vscode.window.activeTextEditor?.document.uri, replace: false };
}

export const exportGitHubActions: WorkflowCommand = {
  id: 'wfs.exportGitHubActions',
  async run(ctx, arg?: unknown) {
    const { uri, replace } = sourceUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a workflow document to export it.');
      return undefined;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      void vscode.window.showErrorMessage('Only a workflow inside a workspace folder can be exported: the file goes to its .github/workflows folder.');
      return undefined;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // The header names the saved document, and `wfs export --check` compares with it.
    if (open?.isDirty && !(await open.save())) return undefined;
    const source = vscode.workspace.asRelativePath(uri, false);
    const result = await ctx.client.exportWorkflow({ textDocument: { uri: uri.toString() }, target: TARGET, source });
    if (!result) throw new Error(`${source} is not a workflow document the language server reads.`);
    if ('refusal' in result) {
      void vscode.window.showErrorMessage(result.refusal);
      return undefined;
    }
    const file = vscode.Uri.joinPath(folder.uri, result.path);
    if (result.onDisk === 'unreadable') throw new Error(`${result.path} cannot be read (not a plain file, or over 1 MB); it is left as it is.`);
    if ((result.onDisk === 'edited' || result.onDisk === 'foreign') && !replace) {
      const why = result.onDisk === 'edited' ? 'was edited by hand since it was generated' : 'was not written by Workflow Studio';
      const choice = await vscode.window.showWarningMessage(`${result.path} ${why}. Replace it with the export of ${source}?`, { modal: true }, 'Replace');
      if (choice !== 'Replace') return undefined;
    }
    if (result.onDisk !== 'current') {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(result.text));
      ctx.output.info(`Exported ${source} to ${result.path}.`);
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
    return file;
  },
};
