/**
 * Workflow Studio: Save Convention as Template — the active document's group convention, as the server learned and
 * wrote it, saved as a template file the team can edit and commit, and `.wfs.json`'s `templates` pointed at it
 * for the group (an edit of the config, never a rewrite: comments and other keys stay). An existing template file
 * is never overwritten, and a config that does not parse is left alone with a message saying so.
 *
 * Tests can skip the prompt: `executeCommand('wfs.saveConventionAsTemplate', { uri, path })`; it returns the
 * template's URI.
 */
import * as vscode from 'vscode';
import { setGroupTemplate } from '../scaffold/configEdit';
import { FileReadError, READ_LIMITS, readBoundedText } from '../../../server/src/files/boundedRead';
import type { WorkflowCommand } from './types';
import { fileExists } from './newWorkflow';

interface SaveOptions {
  uri?: string;
  /** The template's path relative to the workspace folder (default: the server's suggestion). */
  path?: string;
}

export const saveConventionAsTemplate: WorkflowCommand = {
  id: 'wfs.saveConventionAsTemplate',
  async run(ctx, arg?: unknown) {
    const options: SaveOptions = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as SaveOptions) : {};
    const uri = arg instanceof vscode.Uri ? arg : options.uri ? vscode.Uri.parse(options.uri) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) throw new Error('Open a workflow document first: its folder\'s convention is saved.');
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) throw new Error('The document is not in a workspace folder.');
    const { convention, template } = await ctx.client.convention(uri);
    if (!convention || !template) {
      void vscode.window.showInformationMessage(
        'Workflow Studio: this document\'s group has no convention to save (it needs at least 4 documents without a template that share something).',
      );
      return undefined;
    }
    let path = options.path;
    if (path === undefined) {
      path = await vscode.window.showInputBox({
        title: `Save the convention of ${convention.group} as a template`,
        prompt: `Learned from ${convention.documents} ${convention.noun}. The file goes into the workspace folder; .wfs.json will name it for ${template.glob}.`,
        value: template.path,
        validateInput: (value) => (value.trim() === '' || value.split(/[\\/]+/).includes('..') ? 'A path inside the workspace folder.' : undefined),
      });
      if (path === undefined) return undefined;
    }
    const parts = path.split(/[\\/]+/).filter((p) => p && p !== '.');
    if (parts.length === 0 || parts.includes('..')) throw new Error(`The template must go inside the workspace folder: "${path}".`);
    const file = vscode.Uri.joinPath(folder.uri, ...parts);
    const configUri = vscode.Uri.joinPath(folder.uri, '.wfs.json');

    // The config first: when it cannot be edited, nothing is written.
    const configText = readConfig(configUri, folder);
    if (typeof configText === 'object') {
      void vscode.window.showErrorMessage(`Workflow Studio: ${configText.error}`);
      return undefined;
    }
    const edited = setGroupTemplate(configText, template.glob, parts.join('/'));
    if ('error' in edited) {
      void vscode.window.showErrorMessage(`Workflow Studio: ${edited.error}`);
      return undefined;
    }
    if (await fileExists(file)) {
      void vscode.window.showErrorMessage(`Workflow Studio: ${parts.join('/')} already exists. It is not overwritten: choose another path.`);
      return undefined;
    }
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(template.text));
    await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(edited.text));
    ctx.output.info(`Saved the convention of ${convention.group} as ${parts.join('/')}; .wfs.json names it for ${template.glob}.`);
    await vscode.window.showTextDocument(file);
    return file;
  },
};

/**
 * The config's text, read as the language server reads it (bounded, a regular file inside the workspace);
 * undefined when there is none yet.
 */
function readConfig(uri: vscode.Uri, folder: vscode.WorkspaceFolder): string | undefined | { error: string } {
  if (uri.scheme !== 'file') return { error: 'Save Convention as Template works in a folder on disk.' };
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  try {
    return readBoundedText(uri.fsPath, READ_LIMITS.config, { within: { roots: roots.length > 0 ? roots : [folder.uri.fsPath], what: 'the workspace' } });
  } catch (e) {
    if (e instanceof FileReadError && e.reason === 'missing') return undefined;
    return { error: `.wfs.json cannot be read: ${(e as Error).message}` };
  }
}
