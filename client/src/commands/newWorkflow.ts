/**
 * Workflow Studio: New Workflow… — pick a template ("like the others in this folder" when the folder's documents
 * share a convention, the team's from `.wfs.json`, then the built-in ones), enter
 * a name, and get a new file in the configured folder (`wfs.newWorkflow.folder`, or the folder the Explorer's
 * context menu was opened on) with its front matter filled and the first TODO selected. An existing file is
 * never overwritten.
 *
 * Tests and other extensions can skip the prompts: `executeCommand('wfs.newWorkflow', { template, name, folder })`
 * with a template id or label, a name, and optionally a folder URI; it returns the new file's URI.
 */
import * as vscode from 'vscode';
import { builtinTemplates, fillTemplate, validateWorkflowName, workflowFileName, workflowTitle } from '../scaffold/template';
import { readTeamTemplate } from '../scaffold/teamTemplate';
import type { TemplateSource } from '../scaffold/template';
import type { CommandContext, WorkflowCommand } from './types';

interface NewWorkflowOptions {
  template?: string;
  name?: string;
  folder?: string | vscode.Uri;
}

const DEFAULT_FOLDER = 'docs/workflows';

export const newWorkflow: WorkflowCommand = {
  id: 'wfs.newWorkflow',
  async run(ctx, arg?: unknown) {
    const options: NewWorkflowOptions = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as NewWorkflowOptions) : {};
    const explorerUri = arg instanceof vscode.Uri ? arg : undefined;
    const target = await targetFolder(explorerUri ?? folderUri(options.folder));
    if (!target) return undefined;

    const templates = [...(await conventionTemplates(ctx, target.folder)), ...workspaceTemplates(target.workspaceFolder, ctx.output), ...builtinTemplates()];
    // A template is named by its id (`builtin.frontmatter`), its format (`frontmatter`) or its label.
    const template =
      options.template !== undefined
        ? templates.find((t) => t.id === options.template || t.id === `builtin.${options.template}` || t.label === options.template)
        : await pickTemplate(templates);
    if (!template) {
      if (options.template !== undefined) throw new Error(`No template "${options.template}".`);
      return undefined;
    }

    const exists = async (name: string): Promise<boolean> => fileExists(vscode.Uri.joinPath(target.folder, workflowFileName(name, template)));
    let name = options.name;
    if (name === undefined) {
      name = await vscode.window.showInputBox({
        title: `New workflow (${template.label})`,
        prompt: `A name for the workflow; the file goes into ${vscode.workspace.asRelativePath(target.folder, true)}`,
        placeHolder: 'Deploy the billing service',
        validateInput: async (value) =>
          validateWorkflowName(value) ??
          ((await exists(value)) ? `${workflowFileName(value, template)} already exists in that folder: choose another name.` : undefined),
      });
      if (name === undefined) return undefined;
    }
    const problem = validateWorkflowName(name);
    if (problem) throw new Error(problem);

    const file = vscode.Uri.joinPath(target.folder, workflowFileName(name, template));
    const relativePath = vscode.workspace.asRelativePath(file, false);
    if (await fileExists(file)) {
      void vscode.window.showErrorMessage(`${relativePath} already exists. Workflow Studio does not overwrite files: choose another name.`);
      return undefined;
    }
    const scaffold = fillTemplate(template.text, { title: workflowTitle(name), relativePath, now: new Date() });
    await vscode.workspace.fs.createDirectory(target.folder);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(scaffold.text));
    const doc = await vscode.workspace.openTextDocument(file);
    const selection = new vscode.Selection(doc.positionAt(scaffold.selection.start), doc.positionAt(scaffold.selection.end));
    const editor = await vscode.window.showTextDocument(doc, { selection });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    ctx.output.info(`Created ${relativePath} from ${template.id}.`);
    return file;
  },
};

/** Whether a file (or folder) exists at `uri`. */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * A folder argument: a URI, a string with a scheme (`file:///...`), or a path relative to the first workspace
 * folder (`docs/workflows`). A relative string must not be parsed as a URI: it would become `file:///docs/...`,
 * a folder at the root of the file system.
 */
function folderUri(folder: string | vscode.Uri | undefined): vscode.Uri | undefined {
  if (folder === undefined || folder instanceof vscode.Uri) return folder;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(folder)) return vscode.Uri.parse(folder);
  const root = vscode.workspace.workspaceFolders?.[0];
  const parts = folder.split(/[\\/]+/).filter((p) => p && p !== '.');
  if (!root || parts.includes('..')) throw new Error(`The folder must be a URI or a path inside the workspace: "${folder}".`);
  return vscode.Uri.joinPath(root.uri, ...parts);
}

/** Where the file goes: the folder given (a file's folder for a file), else the setting's folder in a workspace folder. */
async function targetFolder(given: vscode.Uri | undefined): Promise<{ folder: vscode.Uri; workspaceFolder: vscode.WorkspaceFolder | undefined } | undefined> {
  if (given) {
    let folder = given;
    try {
      if ((await vscode.workspace.fs.stat(given)).type & vscode.FileType.File) folder = vscode.Uri.joinPath(given, '..');
    } catch {
      // A folder that does not exist yet is created with the file.
    }
    return { folder, workspaceFolder: vscode.workspace.getWorkspaceFolder(folder) };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Open a folder first: a new workflow is created inside the workspace.');
    return undefined;
  }
  const workspaceFolder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The workspace folder for the new workflow' });
  if (!workspaceFolder) return undefined;
  const setting = vscode.workspace.getConfiguration('wfs', workspaceFolder.uri).get<string>('newWorkflow.folder', DEFAULT_FOLDER).trim();
  const parts = (setting || DEFAULT_FOLDER).split(/[\\/]+/).filter((p) => p && p !== '.');
  if (parts.includes('..')) throw new Error(`wfs.newWorkflow.folder must stay inside the workspace folder: "${setting}".`);
  return { folder: vscode.Uri.joinPath(workspaceFolder.uri, ...parts), workspaceFolder };
}

/**
 * The template `.wfs.json` names at the workspace folder's root, if any: read bounded and only from inside the
 * workspace (readTeamTemplate), and only from a folder on disk, as the language server reads it.
 */
function workspaceTemplates(folder: vscode.WorkspaceFolder | undefined, output: vscode.LogOutputChannel): TemplateSource[] {
  if (!folder || folder.uri.scheme !== 'file') return [];
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const { template, problem } = readTeamTemplate(folder.uri.fsPath, roots);
  if (problem) output.warn(`New Workflow: ${problem}`);
  return template ? [template] : [];
}

/**
 * "Like the others in this folder": the convention of the group a new file in `folder` would join, written as a
 * template by the server (the client derives nothing). None when the group has no convention.
 */
async function conventionTemplates(ctx: CommandContext, folder: vscode.Uri): Promise<TemplateSource[]> {
  if (folder.scheme !== 'file') return [];
  try {
    const { convention, template } = await ctx.client.convention(vscode.Uri.joinPath(folder, 'new-workflow.md'));
    if (!convention || !template) return [];
    const sections = convention.sections.map((s) => s.title).join(', ');
    return [
      {
        id: 'convention',
        label: 'Like the others in this folder',
        detail: `Learned from ${convention.documents} ${convention.noun} in ${convention.group}${sections ? `: ${sections}` : ''}`,
        text: template.text,
        extension: '.md',
      },
    ];
  } catch (e) {
    ctx.output.warn(`New Workflow: the folder's convention is not available: ${(e as Error).message}`);
    return [];
  }
}

async function pickTemplate(templates: TemplateSource[]): Promise<TemplateSource | undefined> {
  const picked = await vscode.window.showQuickPick(
    templates.map((t) => ({ label: t.label, detail: t.detail, template: t })),
    { title: 'New Workflow: pick a template', placeHolder: 'The template the new workflow starts from', matchOnDetail: true },
  );
  return picked?.template;
}
