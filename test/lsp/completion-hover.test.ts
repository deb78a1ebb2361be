/**
 * Completion and hover through the bundled language server (dist/server.js) over stdio with a real LSP client
 * connection: a front-matter enum completion with its text edit, a hover with its range and an absolute link to
 * the rule's page, and empty answers for documents the server does not have open.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { CompletionItem, CompletionList, InitializeResult, MarkupContent, ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

describe('completion and hover over stdio', () => {
  let server: ServerProcess;
  let connection: ProtocolConnection;
  let workspace: string;
  let initialized: InitializeResult;

  /** Opens a document and waits until the server has linted it (so it is known to the server). */
  async function open(uri: string, text: string): Promise<void> {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await server.waitForDiagnostics((p) => p.uri === uri);
  }

  function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-lsp-completion-'));
    server = await startServer({ workspace });
    connection = server.connection;
    initialized = server.initializeResult;
  });

  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('announces completion (with trigger characters) and hover', () => {
    assert.deepEqual(initialized.capabilities.completionProvider?.triggerCharacters, [':', ' ', '#', '`', '*']);
    assert.equal(initialized.capabilities.hoverProvider, true);
  });

  it('completes a front-matter enum value with an edit over the typed word', async () => {
    const uri = pathToFileURL(join(workspace, 'deploy.md')).toString();
    await open(uri, '---\ntitle: Deploy\nfrequency: we\n---\n# Deploy\n');
    const result = items(await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 13 } }));
    assert.deepEqual(result.map((i) => i.label), ['daily', 'weekly', 'monthly', 'on-demand']);
    const weekly = result[1];
    assert.deepEqual(weekly.textEdit, { range: { start: { line: 2, character: 11 }, end: { line: 2, character: 13 } }, newText: 'weekly' });
    assert.equal(weekly.detail, 'frequency: allowed value');
    assert.equal(weekly.insertTextFormat, 1);
  });

  it('hovers a front-matter key with its description, and a diagnostic with an absolute link to its rule page', async () => {
    const uri = pathToFileURL(join(workspace, 'release.md')).toString();
    await open(uri, '---\ntitle: Release\nfrequency: every week\n---\n# Release\n');
    const key = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.deepEqual(key?.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } });
    assert.deepEqual(key?.contents, {
      kind: 'markdown',
      value: '**frequency**\n\nHow often the workflow runs.\n\nAllowed values: `daily`, `weekly`, `monthly`, `on-demand`',
    });
    const value = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 15 } });
    assert.deepEqual(value?.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 21 } });
    const markdown = (value?.contents as MarkupContent).value;
    assert.match(markdown, /^\*\*frontmatter\.schema\*\*: /);
    assert.match(markdown, /\n\n\[docs\/rules\/frontmatter\.schema\.md\]\(file:\/\/\/ext\/docs\/rules\/frontmatter\.schema\.md\)$/);
  });

  it('answers empty for a document that is not open', async () => {
    const uri = pathToFileURL(join(workspace, 'never-opened.md')).toString();
    assert.deepEqual(items(await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } })), []);
    assert.equal(await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  });
});
