/**
 * Code actions over the protocol with the bundled server: a quick fix round trip (open, wait for diagnostics,
 * ask for actions with those diagnostics, apply the returned edit), source.fixAll.wfs, and unknown documents.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Command, InitializeResult, ProtocolConnection, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol/node';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

/** Applies LSP edits to a text (positions in UTF-16 code units, lines split on CRLF or LF). */
function applyLsp(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => starts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function isAction(a: CodeAction | Command): a is CodeAction {
  return typeof (a as CodeAction).command !== 'string';
}

describe('code actions over stdio', () => {
  let server: ServerProcess;
  let connection: ProtocolConnection;
  let workspace: string;
  let capabilities: InitializeResult['capabilities'];

  function diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return server.waitForDiagnostics((p) => p.uri === uri && p.version === version);
  }

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-lsp-actions-'));
    // No initializationOptions, as before: a client without the extension's docsBase.
    server = await startServer({ workspace, initializationOptions: undefined });
    connection = server.connection;
    capabilities = server.initializeResult.capabilities;
  });

  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('announces quick fixes and source.fixAll.wfs', () => {
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.wfs'], resolveProvider: false });
  });

  it('returns a quick fix for a published diagnostic, and its edit fixes the text (CRLF kept)', async () => {
    const uri = pathToFileURL(join(workspace, 'runbooks', 'deploy.md')).toString();
    const text = '# Deploy\r\n\r\n## Prerequisites\r\n\r\n- [ ] [Prerequisite 1]\r\n\r\n## Notes\r\n\r\nNone.\r\n';
    const published = diagnosticsFor(uri, 1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const { diagnostics } = await published;
    const blank = diagnostics.find((d) => d.code === 'section.blank');
    assert.ok(blank, JSON.stringify(diagnostics));

    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: blank.range,
      context: { diagnostics: [blank], triggerKind: 1 },
    }))!.filter(isAction);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [
      ['Mark "Prerequisites" as not applicable for this workflow', 'quickfix'],
      ['Add a TODO to "Prerequisites"', 'quickfix'],
      ['Disable section.blank for this line', 'quickfix'],
      ['Disable section.blank for this file', 'quickfix'],
    ]);
    const notApplicable = actions[0];
    assert.deepEqual(notApplicable.diagnostics, [blank]);
    const edits = notApplicable.edit!.changes![uri];
    assert.deepEqual(edits, [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 22 } }, newText: '\r\nNot applicable for this workflow — TODO: say why.' }]);
    assert.equal(
      applyLsp(text, edits),
      '# Deploy\r\n\r\n## Prerequisites\r\n\r\nNot applicable for this workflow — TODO: say why.\r\n\r\n## Notes\r\n\r\nNone.\r\n',
    );

    // The fixed text, sent back as the client would, has no blank section left.
    const fixedText = applyLsp(text, edits);
    const republished = diagnosticsFor(uri, 2);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixedText }] });
    assert.ok(!(await republished).diagnostics.some((d) => d.code === 'section.blank'));
  });

  it('offers to select an unfilled placeholder: a command with its range, no edit', async () => {
    const uri = pathToFileURL(join(workspace, 'runbooks', 'restart.md')).toString();
    const text = '# Restart\n\nRestart it:\n\n```bash\nsystemctl restart <SERVICE_NAME>\n```\n';
    const published = diagnosticsFor(uri, 1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const placeholder = (await published).diagnostics.find((d) => d.code === 'placeholder.unfilled');
    assert.ok(placeholder);
    const range = { start: { line: 5, character: 18 }, end: { line: 5, character: 32 } };
    assert.deepEqual(placeholder.range, range);
    const actions = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [placeholder] } }))!.filter(isAction);
    const select = actions.find((a) => a.title === 'Select <SERVICE_NAME> to type its value');
    assert.ok(select, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(select.edit, undefined);
    assert.equal(select.isPreferred, true);
    assert.deepEqual(select.command, { title: 'Select <SERVICE_NAME> to type its value', command: 'wfs.revealRange', arguments: [uri, range] });
  });

  it('answers source.fixAll.wfs with every safe fix, and only when asked for it', async () => {
    const uri = pathToFileURL(join(workspace, 'workflows', 'release.md')).toString();
    const text = '---\ntitle: Release\ntype: system\nsubtype: workflow\n---\n\n# Release\n\n## Overview\n\nTags a release.\n\n## Triggers\n\nBy hand.\n\n' +
      '## Prerequisites\n\nA clean tree.\n\n## Steps\n\n### 1. Tag\n\n```bash\ngit tag v1\n```\n\n**Validation**: `git tag` lists v1.\n\n## Rollback Procedure\n\n1. Delete the tag.\n';
    const published = diagnosticsFor(uri, 1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    assert.deepEqual((await published).diagnostics.map((d) => d.code), ['step.missing-rollback']);
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll.wfs'] } }))!.filter(isAction);
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.wfs']);
    assert.equal(
      applyLsp(text, actions[0].edit!.changes![uri]),
      text.replace('lists v1.\n\n## Rollback', 'lists v1.\n\n**Rollback**: TODO\n\n## Rollback'),
    );
    const plain = await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: [] } });
    assert.deepEqual(plain, []);
  });

  it('answers an empty list for a document it does not have open', async () => {
    const uri = pathToFileURL(join(workspace, 'workflows', 'closed.md')).toString();
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const diagnostic = { range, message: 'Section "X" is blank.', code: 'section.blank', source: 'wfs', data: { bodyStart: 0, ownEnd: 0 } };
    assert.deepEqual(await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [diagnostic] } }), []);
  });
});
