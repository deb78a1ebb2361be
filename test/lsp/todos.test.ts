/**
 * `workflow/todos` over the protocol with the built server: the TODO markers of every indexed workflow with
 * exact LSP ranges, one document's markers (its unsaved text when open), and nothing for documents without any.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TodosRequest } from '../../server/src/protocol';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const WITH_TODOS = ['# Deploy api', '', '## Overview', '', 'TODO: say what it deploys', '', '## Steps', '', 'FIXME the build step', ''].join('\n');
const WITHOUT = ['# Clean', '', '## Overview', '', 'Nothing open here.', ''].join('\n');

describe('workflow/todos', () => {
  let server: ServerProcess;
  let ws: TempWorkspace;

  before(async () => {
    ws = tempWorkspace('wfs-todos-');
    ws.write('runbooks/deploy.md', WITH_TODOS);
    ws.write('runbooks/clean.md', WITHOUT);
    server = await startServer({ workspace: ws.dir });
  });
  after(() => {
    server?.stop();
    ws.remove();
  });

  it('lists the markers of every workflow that has some, with ranges', async () => {
    const result = await server.connection.sendRequest(TodosRequest, {});
    assert.deepEqual(result.documents, [
      {
        uri: ws.uriOf('runbooks/deploy.md'),
        title: 'Deploy api',
        todos: [
          { kind: 'TODO', text: 'TODO: say what it deploys', range: { start: { line: 4, character: 0 }, end: { line: 4, character: 25 } } },
          { kind: 'FIXME', text: 'FIXME the build step', range: { start: { line: 8, character: 0 }, end: { line: 8, character: 20 } } },
        ],
      },
    ]);
  });

  it('answers for one document, from its unsaved text when it is open', async () => {
    const uri = ws.uriOf('runbooks/clean.md');
    assert.deepEqual(await server.connection.sendRequest(TodosRequest, { textDocument: { uri } }), { documents: [] });
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: WITHOUT.replace('Nothing open here.', 'TBD') },
    });
    const result = await server.connection.sendRequest(TodosRequest, { textDocument: { uri } });
    assert.deepEqual(result.documents.map((d) => [d.title, d.todos.map((t) => [t.kind, t.range.start.line])]), [['Clean', [['TBD', 4]]]]);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('answers with no documents for an unknown document', async () => {
    assert.deepEqual(await server.connection.sendRequest(TodosRequest, { textDocument: { uri: ws.uriOf('missing.md') } }), { documents: [] });
  });
});
