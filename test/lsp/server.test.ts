/**
 * The bundled language server (dist/server.js) over stdio with a real LSP client connection: diagnostics on
 * open and change, the workspace's .wfs.json applied, LSP fields (code, source, codeDescription) set.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');

describe('language server over stdio', () => {
  let child: ChildProcess;
  let connection: ProtocolConnection;
  let workspace: string;
  const waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  /** The next diagnostics published for `uri` (and `version`, when given). */
  function diagnosticsFor(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => waiters.push({ uri, version, resolve }));
  }

  before(async () => {
    if (!existsSync(SERVER)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    workspace = mkdtempSync(join(tmpdir(), 'wfs-lsp-'));
    writeFileSync(join(workspace, '.wfs.json'), JSON.stringify({ rules: { 'todo.marker': 'off' } }));
    child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const i = waiters.findIndex((w) => w.uri === params.uri && (w.version === undefined || w.version === params.version));
      if (i >= 0) waiters.splice(i, 1)[0].resolve(params);
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).toString(),
      workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'ws' }],
      capabilities: {},
      initializationOptions: { docsBase: 'file:///ext' },
    });
    await connection.sendNotification('initialized', {});
  });

  after(() => {
    connection?.dispose();
    child?.kill();
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
