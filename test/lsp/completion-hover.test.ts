/**
 * Completion and hover through the bundled language server (dist/server.js) over stdio with a real LSP client
 * connection: a front-matter enum completion with its text edit, a hover with its range and an absolute link to
 * the rule's page, and empty answers for documents the server does not have open.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  HoverRequest,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { CompletionItem, CompletionList, InitializeResult, MarkupContent, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');

describe('completion and hover over stdio', () => {
  let child: ChildProcess;
  let connection: ProtocolConnection;
  let workspace: string;
  let initialized: InitializeResult;
  const waiters: { uri: string; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  function diagnosticsFor(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => waiters.push({ uri, resolve }));
  }

  /** Opens a document and waits until the server has linted it (so it is known to the server). */
  async function open(uri: string, text: string): Promise<void> {
    const published = diagnosticsFor(uri);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await published;
  }

  function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  before(async () => {
    if (!existsSync(SERVER)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    workspace = mkdtempSync(join(tmpdir(), 'wfs-lsp-completion-'));
    child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const i = waiters.findIndex((w) => w.uri === params.uri);
      if (i >= 0) waiters.splice(i, 1)[0].resolve(params);
    });
    connection.listen();
    initialized = await connection.sendRequest(InitializeRequest.type, {
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
