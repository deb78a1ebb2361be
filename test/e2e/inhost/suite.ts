/**
 * The in-host suite: mocha tests that run inside a real extension host and use the real `vscode` API (no mock).
 * index.ts loads them; code-server's extension host runs them here (scripts/e2e/inhost.mjs), and
 * `@vscode/test-electron` runs the same bundle where VS Code can be downloaded (runTest.ts).
 *
 * The workspace is a copy of examples/.
 */
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'workflow-studio.workflow-studio';

/** The part of the extension's API (client/src/extension.ts) the suite reads. */
interface WorkflowStudioApi {
  readonly activationMs: number;
  readonly activationCpuMs: number;
}

function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the in-host suite needs a workspace folder (a copy of examples/)');
  return folder;
}

/** Resolves with the diagnostics of `uri` once `accept` takes them: now, or on a later onDidChangeDiagnostics. */
function diagnosticsOf(uri: vscode.Uri, accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean, timeoutMs: number): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no matching diagnostics for ${vscode.workspace.asRelativePath(uri)} within ${timeoutMs} ms; got: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.code))}`));
    }, timeoutMs);
    check();
  });
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}

/** Defines the suite's tests; `note` passes a measurement on to the results the harness prints. */
export function defineInHostSuite(note: (message: string) => void): void {
  describe('Workflow Studio in the extension host', function () {
    this.timeout(30_000);

    it('activates in under 50 ms of its own work', async () => {
      const extension = vscode.extensions.getExtension<WorkflowStudioApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed`);
      const api = await extension.activate();
      assert.equal(typeof api.activationCpuMs, 'number', 'activate() returns { activationMs, activationCpuMs }');
      const took = `${api.activationCpuMs.toFixed(1)} ms of processor time (${api.activationMs.toFixed(1)} ms on the clock)`;
      note(`activation took ${took}`);
      // Processor time, not the clock: on a busy machine the clock also counts the time other processes ran.
      assert.ok(api.activationCpuMs < 50, `activation took ${took}`);
    });

    it('reports a blank section of customer-sync.md as section.blank', async () => {
      const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'docs', 'workflows', 'customer-sync.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const diagnostics = await diagnosticsOf(uri, (all) => all.some((d) => codeOf(d) === 'section.blank'), 25_000);
      const blank = diagnostics.find((d) => codeOf(d) === 'section.blank');
      assert.ok(blank);
      assert.equal(blank.source, 'wfs');
    });

    it('creates a workflow from a template with wfs.newWorkflow', async () => {
      const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'docs', 'workflows');
      const expected = vscode.Uri.joinPath(folder, 'in-host.md');
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(expected)), 'in-host.md exists before the command runs');
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('wfs.newWorkflow', { template: 'builtin.frontmatter', name: 'In Host', folder });
      assert.equal(created?.toString(), expected.toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(expected));
      assert.match(text, /^---\n/, 'the frontmatter template starts with front matter');
      assert.ok(text.includes('In Host'), 'the name is filled in');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), expected.toString());
    });
  });
}
