/**
 * Conventions in the language server: an open document's findings come from its group's convention, learned by the
 * workspace index; editing one document updates an open sibling's findings, re-deriving the convention from the
 * shapes the index keeps, without reading the other files from disk again; `workflow/convention` answers the
 * client; hover on a heading says how common the section is.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { ConventionRequest } from '../../server/src/protocol';
import type { ConventionResult } from '../../server/src/protocol';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const GUARD = { timeout: 30_000 };
const ROLLBACK = '## Rollback\n\nStart the previous release.\n';
const runbook = (n: number, rollback = true): string =>
  `# Runbook ${n}\n\n## Prerequisites\n\nShell access.\n\n## Steps\n\n1. Restart: \`systemctl restart api\`\n\n${rollback ? ROLLBACK : ''}`;
const MISSING = "4 of 5 runbooks in runbooks/ have a 'Rollback' section.";

describe('conventions over the protocol', () => {
  let server: ServerProcess;
  let ws: TempWorkspace;

  before(async () => {
    ws = tempWorkspace('wfs-conventions-lsp-');
    for (const n of [1, 2, 3, 4]) ws.write(`runbooks/r${n}.md`, runbook(n));
    ws.write('runbooks/r5.md', runbook(5, false));
    server = await startServer({ workspace: ws.dir });
  });
  after(() => {
    server.stop();
    ws.remove();
  });

  const messages = (uri: string, version: number): Promise<string[]> =>
    server.waitForDiagnostics((p) => p.uri === uri && p.version === version).then((p) => p.diagnostics.filter((d) => String(d.code).startsWith('convention.')).map((d) => d.message));
  const convention = (uri: string): Promise<ConventionResult> => server.connection.sendRequest(ConventionRequest, { textDocument: { uri } });

  it('an edit of one document updates an open sibling without reading the others again', GUARD, async () => {
    const r5 = ws.uriOf('runbooks/r5.md');
    const r1 = ws.uriOf('runbooks/r1.md');
    const r5Published = messages(r5, 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: r5, languageId: 'markdown', version: 1, text: runbook(5, false) } });
    assert.deepEqual(await r5Published, [MISSING]);

    const learned = await convention(r5);
    assert.deepEqual(learned.convention?.sections.map((s) => `${'#'.repeat(s.level)} ${s.title} ${s.count}`), ['## Prerequisites 5', '## Steps 5', '## Rollback 4']);
    assert.equal(learned.convention?.group, 'runbooks/');
    // r1 to r4 were read once, to learn the convention; r5 is open.
    assert.equal(learned.diskReads, 4);

    const r1Opened = messages(r1, 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: r1, languageId: 'markdown', version: 1, text: runbook(1) } });
    assert.deepEqual(await r1Opened, []);

    // r1 loses its Rollback: 3 of 5 is under 75 %, so Rollback is no convention any more and r5's finding goes.
    let r5Again = server.waitForDiagnostics((p) => p.uri === r5 && p.version === 1 && p.diagnostics.every((d) => d.message !== MISSING));
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: r1, version: 2 }, contentChanges: [{ text: runbook(1, false) }] });
    await r5Again;
    assert.deepEqual((await convention(r5)).convention?.sections.map((s) => s.title), ['Prerequisites', 'Steps']);

    // And back.
    r5Again = server.waitForDiagnostics((p) => p.uri === r5 && p.version === 1 && p.diagnostics.some((d) => d.message === MISSING));
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: r1, version: 3 }, contentChanges: [{ text: runbook(1) }] });
    await r5Again;
    assert.equal((await convention(r5)).diskReads, 4);
  });

  it('the quick fix inserts the section the siblings have, after Steps', GUARD, async () => {
    const r5 = ws.uriOf('runbooks/r5.md');
    const published = await server.waitForDiagnostics((p) => p.uri === r5 && p.diagnostics.some((d) => d.message === MISSING));
    const diagnostic = published.diagnostics.find((d) => d.message === MISSING);
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: r5 },
      range: diagnostic?.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as { title: string; edit?: { changes: Record<string, { range: unknown; newText: string }[]> } }[];
    const fix = actions.find((a) => a.title === 'Add the section "Rollback" the other documents have');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(fix.edit?.changes[r5], [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, newText: '## Rollback\n\nTODO: fill in this section.\n' }]);
  });

  it('a file changed on disk is read again, alone, and its siblings follow the new convention', GUARD, async () => {
    const r5 = ws.uriOf('runbooks/r5.md');
    const reads = (await convention(r5)).diskReads;
    // r2 loses its Rollback on disk: 3 of 5, and r5's finding goes.
    const after = (count: number) => (p: { uri: string }) => p.uri === r5 && server.published.indexOf(p as (typeof server.published)[number]) >= count;
    let seen = server.published.length;
    const r5Updated = server.waitForDiagnostics((p) => after(seen)(p) && p.diagnostics.every((d) => d.message !== MISSING));
    ws.write('runbooks/r2.md', runbook(2, false));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ws.uriOf('runbooks/r2.md'), type: FileChangeType.Changed }] });
    await r5Updated;
    assert.equal((await convention(r5)).diskReads, reads + 1);
    // Back as it was, for the tests after this one.
    seen = server.published.length;
    const r5Back = server.waitForDiagnostics((p) => after(seen)(p) && p.diagnostics.some((d) => d.message === MISSING));
    ws.write('runbooks/r2.md', runbook(2));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ws.uriOf('runbooks/r2.md'), type: FileChangeType.Changed }] });
    await r5Back;
  });

  it('hover on a section heading says how common it is in the group', GUARD, async () => {
    const r5 = ws.uriOf('runbooks/r5.md');
    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: r5 }, position: { line: 6, character: 4 } })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /^\*\*Steps\*\*: in 5 of 5 runbooks in runbooks\/\./);
  });

  it('gives the group a new file in a folder would join, with the convention written as a template', GUARD, async () => {
    const result = await convention(ws.uriOf('runbooks/new-workflow.md'));
    assert.equal(result.convention?.documents, 5);
    assert.equal(result.template?.glob, 'runbooks/*.md');
    assert.equal(result.template?.path, '.wfs/templates/runbooks.md');
    assert.match(result.template?.text ?? '', /^# \[Workflow Name\]\n\n## Prerequisites\n[^]*## Steps\n[^]*## Rollback\n/);
  });

  it('a document outside any group with a convention gets null', GUARD, async () => {
    ws.write('notes/a.md', runbook(9));
    assert.deepEqual((await convention(ws.uriOf('notes/a.md'))).convention, null);
  });
});
