/**
 * `workflow/todos` over the protocol with the built server: the TODO markers of every indexed workflow with
 * exact LSP ranges, one document's markers (its unsaved text when open), and nothing for documents without any.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TodosRequest } from '../../server/src/protocol';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';

const WITH_TODOS = ['# Deploy api', '', '## Overview', '', 'TODO: say what it deploys', '', '## Steps', '', 'FIXME the build step', ''].join('\n');
const WITHOUT = ['# Clean', '', '## Overview', '', 'Nothing open here.', ''].join('\n');

describe('workflow/todos', () => {
  let server: ServerProcess;
  let workspace: string;
  const uriOf = (name: string): string => pathToFileURL(join(workspace, name)).toString();
  const write = (name: string, text: string): void => {
    mkdirSync(dirname(join(workspace, name)), { recursive: true });
    writeFileSync(join(workspace, name), text);
  };

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'wfs-todos-'));
    write('runbooks/deploy.md', WITH_TODOS);
    write('runbooks/clean.md', WITHOUT);
    server = await startServer({ workspace });
  });
  after(() => {
    server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('lists the markers of every workflow that has some, with ranges', async () => {
    const result = await server.connection.sendRequest(TodosRequest, {});
    assert.deepEqual(result.documents, [
      {
        uri: uriOf('runbooks/deploy.md'),
        title: 'Deploy api',
        todos: [
          { kind: 'TODO', text: 'TODO: say what it deploys', range: { start: { line: 4, character: 0 }, end: { line: 4, character: 25 } } },
          { kind: 'FIXME', text: 'FIXME the build step', range: { start: { line: 8, character: 0 }, end: { line: 8, character: 20 } } },
        ],
      },
    ]);
  });

  it('answers for one document, from its unsaved text when it is open', async () => {
    const uri = uriOf('runbooks/clean.md');
    assert.deepEqual(await server.connection.sendRequest(TodosRequest, { textDocument: { uri } }), { documents: [] });
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: WITHOUT.replace('Nothing open here.', 'TBD') },
    });
    const result = await server.connection.sendRequest(TodosRequest, { textDocument: { uri } });
    assert.deepEqual(result.documents.map((d) => [d.title, d.todos.map((t) => [t.kind, t.range.start.line])]), [['Clean', [['TBD', 4]]]]);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('answers with no documents for an unknown document', async () => {
    assert.deepEqual(await server.connection.sendRequest(TodosRequest, { textDocument: { uri: uriOf('missing.md') } }), { documents: [] });
  });
});
