/**
 * The bundled language server over stdio: capabilities, rename of a YAML step (its name and every route to
 * it), prepareRename, document symbols, folding, definition, and empty answers for unknown documents.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  PrepareRenameRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import type { DocumentSymbol, InitializeResult, SymbolInformation, ProtocolConnection, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

const PIPELINE = [
  'steps:',
  '  - name: "build"',
  '    run: make',
  '    conditions:',
  '      success: test',
  '  - name: test',
  '    run: make test',
  '    dependsOn: ["build"]',
  '    fallback: build',
  '',
].join('\n');

/** Applies LSP edits (line/character ranges) to a text. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

describe('language server over stdio: navigation and symbols', () => {
  let server: ServerProcess;
  let connection: ProtocolConnection;
  let workspace: string;
  let initialized: InitializeResult;
  let pipelineUri: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-lsp-nav-'));
    // No initializationOptions, as before: a client without the extension's docsBase.
    server = await startServer({
      workspace,
      capabilities: { textDocument: { rename: { prepareSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
      initializationOptions: undefined,
    });
    connection = server.connection;
    initialized = server.initializeResult;
    pipelineUri = pathToFileURL(join(workspace, 'pipeline.workflow.yaml')).toString();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pipelineUri, languageId: 'yaml', version: 1, text: PIPELINE } });
  });

  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('announces symbols, folding, links, definition, references and rename with prepare', () => {
    const c = initialized.capabilities;
    assert.ok(c.documentSymbolProvider);
    assert.equal(c.workspaceSymbolProvider, true);
    assert.equal(c.foldingRangeProvider, true);
    assert.ok(c.documentLinkProvider);
    assert.equal(c.definitionProvider, true);
    assert.equal(c.referencesProvider, true);
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
  });

  it('prepares and renames a YAML step: its name and every route to it, quotes kept', async () => {
    const prepared = await connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: pipelineUri }, position: { line: 8, character: 15 } });
    assert.deepEqual(prepared, { range: { start: { line: 8, character: 14 }, end: { line: 8, character: 19 } }, placeholder: 'build' });

    const edit = (await connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: pipelineUri },
      position: { line: 1, character: 13 },
      newName: 'compile',
    })) as WorkspaceEdit;
    assert.deepEqual(Object.keys(edit.changes ?? {}), [pipelineUri]);
    const edits = edit.changes![pipelineUri];
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]), [
      [1, 11, 16, 'compile'],
      [7, 17, 22, 'compile'],
      [8, 14, 19, 'compile'],
    ]);
    assert.equal(applyEdits(PIPELINE, edits), PIPELINE.replace('"build"', '"compile"').replace('["build"]', '["compile"]').replace('fallback: build', 'fallback: compile'));
  });

  it('answers a rename to a name that exists with an error', async () => {
    await assert.rejects(
      connection.sendRequest(RenameRequest.type, { textDocument: { uri: pipelineUri }, position: { line: 1, character: 13 }, newName: 'test' }),
      /A step named "test" already exists/,
    );
  });

  it('goes to the step a route names', async () => {
    const locations = await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: pipelineUri }, position: { line: 4, character: 16 } });
    assert.deepEqual(locations, [{ uri: pipelineUri, range: { start: { line: 5, character: 10 }, end: { line: 5, character: 14 } } }]);
  });

  it('returns the outline of a Markdown workflow with steps under their section, and its folding ranges', async () => {
    const uri = pathToFileURL(join(workspace, 'deploy.md')).toString();
    const text = '# Deploy\n\n## Steps\n\n### 1. Build (Automated)\n**Actor**: System\n\n```sh\nmake\n```\n\n## Rollback\n\nUndo.\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const symbols = (await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const shape = (s: DocumentSymbol): unknown => [s.name, s.detail, s.range.start.line, s.range.end.line, s.selectionRange.start.character, (s.children ?? []).map(shape)];
    assert.deepEqual(symbols.map(shape), [
      ['Deploy', undefined, 0, 14, 2, [
        ['Steps', undefined, 2, 11, 3, [['1. Build', 'automated · System', 4, 11, 7, []]]],
        ['Rollback', undefined, 11, 14, 3, []],
      ]],
    ]);
    const folds = await connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(folds, [
      { startLine: 0, endLine: 13 },
      { startLine: 2, endLine: 9 },
      { startLine: 4, endLine: 9 },
      { startLine: 7, endLine: 9 },
      { startLine: 11, endLine: 13 },
    ]);
  });

  it('finds steps of every open workflow by a subsequence of their name', async () => {
    const found = await connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Bld' });
    const rows = (found as SymbolInformation[]).map((s) => [s.name, s.location.uri.slice(s.location.uri.lastIndexOf('/') + 1), s.location.range.start.line, s.containerName]);
    assert.deepEqual(rows.sort(), [
      ['1. Build', 'deploy.md', 4, 'Deploy'],
      ['build', 'pipeline.workflow.yaml', 1, 'pipeline'],
    ]);
  });

  it('answers empty for a document it does not know', async () => {
    const uri = pathToFileURL(join(workspace, 'never-opened.md')).toString();
    assert.deepEqual(await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), []);
    assert.equal(await connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  });
});
