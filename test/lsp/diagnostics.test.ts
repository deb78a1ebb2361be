/**
 * Diagnostics over the protocol with the built server: push for clients without pull support (stale
 * versions never published after newer ones), pull for clients that have it (no push then, so nothing is
 * reported twice), and workspace diagnostics for closed workflow files that respect the exclude settings.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, FullDocumentDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { CatalogRequest, StepsRequest } from '../../server/src/protocol';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

const BLANK = '# Deploy\n\n## Prerequisites\n\n- [ ] [Prerequisite 1]\n';
const FILLED = '# Deploy\n\n## Prerequisites\n\n- [ ] kubectl access\n';
const BLANK_RENAMED = '# Deploy\n\n## Prerequisites!\n\n- [ ] [Prerequisite 1]\n';

const summary = (d: Diagnostic): string => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
const whole = (text: string) => ({ text });

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

describe('push diagnostics (a client without pull support)', () => {
  let server: ServerProcess;
  let workspace: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-push-'));
    server = await startServer({ workspace });
  });
  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('advertises pull diagnostics for clients that want them', () => {
    assert.deepEqual(server.initializeResult.capabilities.diagnosticProvider, { identifier: 'wfs', interFileDependencies: false, workspaceDiagnostics: true });
  });

  it('publishes on open with code, source, docs link and data', async () => {
    const uri = pathToFileURL(join(workspace, 'open.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: BLANK } });
    const first = await server.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    const blank = first.diagnostics.find((d) => d.code === 'section.blank');
    assert.equal(blank && summary(blank), 'section.blank@2:3-2:16');
    assert.equal(blank?.source, 'wfs');
    assert.equal(blank?.codeDescription?.href, 'file:///ext/docs/rules/section.blank.md');
    assert.ok(blank?.data, 'quick fixes read the diagnostic data');
  });

  it('never publishes an older version after a newer one when changes come quickly', async () => {
    const uri = pathToFileURL(join(workspace, 'quick.md')).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: BLANK } });
    await server.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    // Two changes back to back, without waiting: v2 fills the section, v3 blanks it again under a new title.
    void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [whole(FILLED)] });
    void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [whole(BLANK_RENAMED)] });
    const last = await server.waitForDiagnostics((p) => p.uri === uri && p.version === 3);
    assert.deepEqual(last.diagnostics.filter((d) => d.code === 'section.blank').map(summary), ['section.blank@2:3-2:17']);
    // A round trip after v3's diagnostics: anything published for an older version would have arrived by now.
    await server.connection.sendRequest(StepsRequest, { textDocument: { uri } });
    const versions = server.published.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(versions.filter((v, i) => i > 0 && v <= versions[i - 1]), [], `published versions ${versions.join(', ')}`);
    assert.equal(versions[versions.length - 1], 3);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = pathToFileURL(join(workspace, 'open.md')).toString();
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await server.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length === 0);
    assert.equal(cleared.version, undefined);
  });
});

describe('pull diagnostics (a client with textDocument.diagnostic)', () => {
  let server: ServerProcess;
  let workspace: string;
  const fileUri = (name: string): string => pathToFileURL(join(workspace, name)).toString();

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-pull-'));
    writeFiles(workspace, {
      'docs/deploy.md': BLANK,
      'pipelines/nightly.workflow.yaml': 'steps:\n  - name: a\n    run: make\n    conditions:\n      success: nowhere\n',
      'config/app.yaml': 'replicas: 3\n',
      'node_modules/pkg/README.md': BLANK,
      'drafts/wip.md': BLANK,
      'generated/out.md': BLANK,
    });
    server = await startServer({
      workspace,
      capabilities: {
        textDocument: { diagnostic: { dynamicRegistration: false } },
        workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      },
      configuration: (item) =>
        item.section === 'files' ? { exclude: { '**/generated': true, '**/.git': true } } : item.section === 'wfs' ? { exclude: ['drafts/**'] } : null,
    });
  });
  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('registers file watchers for workflow files and .wfs.json', async () => {
    // The registration is sent on `initialized`; the catalog's answer comes after it.
    await server.connection.sendRequest(CatalogRequest, {});
    const watchers = server.registrations.filter((r) => r.method === DidChangeWatchedFilesNotification.method).flatMap((r) => r.registerOptions.watchers);
    assert.deepEqual(watchers.map((w: { globPattern: string }) => w.globPattern), ['**/*.{md,markdown,yaml,yml}', '**/.wfs.json']);
  });

  it('reports closed workflow files, skipping excluded folders and YAML that is not a workflow', async () => {
    const result = await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const reports = result.items as (WorkspaceDocumentDiagnosticReport & FullDocumentDiagnosticReport)[];
    assert.deepEqual(reports.map((r) => [r.uri, r.kind, r.items.map((d) => d.code).filter((c) => c !== 'todo.marker')]).sort(), [
      [fileUri('docs/deploy.md'), 'full', ['section.blank', 'placeholder.unfilled']],
      [fileUri('pipelines/nightly.workflow.yaml'), 'full', ['yaml.unknown-target']],
    ]);
    const yaml = reports.find((r) => r.uri.endsWith('.yaml'))!.items[0];
    assert.deepEqual([summary(yaml), yaml.codeDescription?.href], ['yaml.unknown-target@4:15-4:22', 'file:///ext/docs/rules/yaml.unknown-target.md']);

    // Asked again with the result ids: nothing changed, so nothing is re-sent.
    const again = await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
      previousResultIds: reports.map((r) => ({ uri: r.uri, value: r.resultId! })),
    });
    assert.deepEqual(again.items.map((r) => r.kind), ['unchanged', 'unchanged']);
  });

  it('answers document pulls, does not push for open documents, and leaves them out of workspace reports', async () => {
    const uri = fileUri('docs/deploy.md');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: FILLED } });
    const report = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map(summary), []);
    const workspaceReport = await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    assert.deepEqual(workspaceReport.items.map((r) => r.uri), [fileUri('pipelines/nightly.workflow.yaml')]);
    assert.deepEqual(server.published.filter((p) => p.uri === uri), []);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('answers a pull for an unknown document with an empty report', async () => {
    const report = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: fileUri('nope.md') } })) as FullDocumentDiagnosticReport;
    assert.deepEqual([report.kind, report.items], ['full', []]);
  });

  it('picks up a file created on disk once the client reports it', async () => {
    writeFiles(workspace, { 'docs/new.md': BLANK });
    const refreshes = server.refreshes;
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri('docs/new.md'), type: 1 }] });
    const result = await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    assert.ok(result.items.some((r) => r.uri === fileUri('docs/new.md')), JSON.stringify(result.items.map((r) => r.uri)));
    // The client was asked to pull again, so the Problems panel shows the new file without waiting.
    assert.equal(server.refreshes, refreshes + 1);
  });
});
