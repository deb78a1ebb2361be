/**
 * The bundled language server (dist/server.js) over stdio with a real LSP client connection: diagnostics on
 * open and change, the workspace's .wfs.json applied, LSP fields (code, source, codeDescription) set.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

describe('language server over stdio', () => {
  let server: ServerProcess;
  let connection: ProtocolConnection;
  let workspace: string;

  /** The diagnostics published for `uri` (and `version`, when given). */
  function diagnosticsFor(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return server.waitForDiagnostics((p) => p.uri === uri && (version === undefined || p.version === version));
  }

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-lsp-'));
    writeFileSync(join(workspace, '.wfs.json'), JSON.stringify({ rules: { 'todo.marker': 'off', 'placeholder.unfilled': 'off' } }));
    server = await startServer({ workspace });
    connection = server.connection;
  });

  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('publishes diagnostics on open and on change, with the config applied', async () => {
    const uri = pathToFileURL(join(workspace, 'deploy.md')).toString();
    const opened = diagnosticsFor(uri, 1);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: '# Deploy\n\nTODO: owner\n\n## Prerequisites\n\n- [ ] [Prerequisite 1]\n' },
    });
    const first = await opened;
    assert.deepEqual(
      first.diagnostics.map((d: Diagnostic) => [d.code, d.source, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['section.blank', 'wfs', 2, 4, 3, 16]],
    );
    assert.equal(first.diagnostics[0].codeDescription?.href, 'file:///ext/docs/rules/section.blank.md');

    const changed = diagnosticsFor(uri, 2);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 6, character: 6 }, end: { line: 6, character: 22 } }, text: 'kubectl access' }],
    });
    assert.deepEqual((await changed).diagnostics, []);
  });

  it('lints YAML workflow definitions', async () => {
    const uri = pathToFileURL(join(workspace, 'ci.workflow.yaml')).toString();
    const published = diagnosticsFor(uri, 1);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: 'steps:\n  - name: a\n    run: make\n    conditions:\n      success: nowhere\n' },
    });
    const result = await published;
    assert.deepEqual(result.diagnostics.map((d: Diagnostic) => d.code), ['yaml.unknown-target']);
  });
});
