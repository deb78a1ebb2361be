/**
 * The export over the protocol with the built server: export.stale appears on an open workflow whose
 * `.github/workflows/<name>.yml` (found by the server in the workspace folder) is an export of an older version,
 * and leaves once the file is what the document exports; `workflow/export` gives the file's text and what is on
 * disk, and names the step it refuses.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ExportRequest } from '../../server/src/protocol';
import { createWorkflowService } from '../../server/src/service';
import { exportWorkflow, findExportTarget } from '../../server/src/service/export';
import { workflowSteps } from '../../server/src/service/features/steps';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

const GUARD = { timeout: 30_000 };
const OLD = '# Deploy\n\n## Steps\n\n### 1. Build\n\n```bash\nmake\n```\n';
const NEW = '# Deploy\n\n## Steps\n\n### 1. Build\n\n```bash\nmake release\n```\n';
const SOURCE = 'docs/workflows/deploy.md';

function exportOf(text: string): { path: string; text: string } {
  const model = createWorkflowService().parse({ uri: 'file:///x/deploy.md', version: 1, getText: () => text }, {});
  return exportWorkflow(findExportTarget('github-actions')!, { path: SOURCE, workflow: workflowSteps(model) });
}

describe('export over the protocol', () => {
  const servers: ServerProcess[] = [];
  const roots: string[] = [];
  after(() => {
    for (const server of servers) server.stop();
    for (const dir of roots) rmSync(dir, { recursive: true, force: true });
  });

  it('reports a stale generated file on the open document, and nothing once it is exported again', GUARD, async () => {
    const ws = mkdtempSync(join(tmpdir(), 'wfs-export-lsp-'));
    roots.push(ws);
    mkdirSync(join(ws, 'docs', 'workflows'), { recursive: true });
    mkdirSync(join(ws, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(ws, SOURCE), NEW);
    const generated = join(ws, '.github', 'workflows', 'deploy.yml');
    writeFileSync(generated, exportOf(OLD).text);
    const server = await startServer({ workspace: ws });
    servers.push(server);
    const uri = pathToFileURL(join(ws, SOURCE)).toString();
    const stale = (diagnostics: Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.code === 'export.stale');

    const first = server.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: NEW } });
    const found = stale((await first).diagnostics);
    assert.equal(found.length, 1);
    assert.equal(found[0].message, `.github/workflows/deploy.yml is out of date: it is not what this document exports now; export it again (Workflow Studio: Export as GitHub Actions Workflow, or wfs export --to github-actions ${SOURCE}).`);

    const result = await server.connection.sendRequest(ExportRequest, { textDocument: { uri }, target: 'github-actions', source: SOURCE });
    assert.deepEqual(result, { ...exportOf(NEW), onDisk: 'generated' });

    writeFileSync(generated, exportOf(NEW).text);
    const second = server.waitForDiagnostics((p) => p.uri === uri && p.version === 2);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: NEW }] });
    assert.deepEqual(stale((await second).diagnostics), []);
    assert.deepEqual(await server.connection.sendRequest(ExportRequest, { textDocument: { uri }, target: 'github-actions', source: SOURCE }), { ...exportOf(NEW), onDisk: 'current' });
  });

  it('names the step it refuses', GUARD, async () => {
    const ws = mkdtempSync(join(tmpdir(), 'wfs-export-lsp-'));
    roots.push(ws);
    const server = await startServer({ workspace: ws });
    servers.push(server);
    const uri = pathToFileURL(join(ws, 'win.md')).toString();
    const opened = server.waitForDiagnostics((p) => p.uri === uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '# Win\n\n## Steps\n\n### 1. Restart\n\n```powershell\nRestart-Service api\n```\n' } });
    await opened;
    const result = await server.connection.sendRequest(ExportRequest, { textDocument: { uri }, target: 'github-actions', source: 'win.md' });
    assert.match((result as { refusal: string }).refusal, /win\.md: step 1 "Restart" cannot be exported to GitHub Actions: its `powershell` block is PowerShell/);
  });
});
