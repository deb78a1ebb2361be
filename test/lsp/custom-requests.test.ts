/**
 * `workflow/steps` and `workflow/catalog` over the protocol with the built server: steps with exact LSP ranges
 * for open and closed documents, empty answers for unknown ones, and a catalog that follows files changing on
 * disk (after didChangeWatchedFiles) and open documents' unsaved text.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { CatalogRequest, StepsRequest } from '../../server/src/protocol';
import type { CatalogEntry } from '../../server/src/protocol';
import { startServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const RUNBOOK = [
  '---',
  'title: Deploy api',
  '---',
  '',
  '# Deploy api',
  '',
  '## Steps',
  '',
  '### 1. Build (Automated)',
  '',
  '```bash',
  'npm run build',
  '```',
  '',
  '**Validation**: `ls dist`',
  '',
  '**Rollback**: `git revert HEAD`',
  '',
].join('\n');

const CATALOG = (risk: string, status: string): string =>
  [
    '# Invoice sync',
    '',
    '## 0. Index Entry (for catalog)',
    '',
    '- **Workflow name:** `invoice-sync`',
    '- **Category:** Sync',
    `- **Status:** ${status}`,
    `- **Risk level:** ${risk}`,
    '- **Primary owners (team / role):** Billing team',
    '',
    '## 1. Problem Statement',
    '',
    'TODO: write it',
    '',
  ].join('\n');

const PIPELINE = 'name: nightly\nsteps:\n  - name: a\n    run: make\n    conditions:\n      success: nowhere\n';

describe('workflow/steps and workflow/catalog', () => {
  let server: ServerProcess;
  let ws: TempWorkspace;
  const catalog = async (): Promise<Map<string, CatalogEntry>> =>
    new Map((await server.connection.sendRequest(CatalogRequest, {})).entries.map((e) => [e.uri.slice(pathToFileURL(ws.dir).toString().length + 1), e]));

  before(async () => {
    ws = tempWorkspace('wfs-custom-');
    ws.write('runbooks/deploy.md', RUNBOOK);
    ws.write('catalog/sync.md', CATALOG('High (money moves)', 'Draft'));
    ws.write('pipelines/nightly.workflow.yaml', PIPELINE);
    ws.write('.wfs.json', JSON.stringify({ formats: { 'catalog/**': 'catalog' } }));
    server = await startServer({ workspace: ws.dir, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
  });
  after(() => {
    server?.stop();
    ws.remove();
  });

  it('reports an open document\'s steps with LSP ranges and its version', async () => {
    const uri = ws.uriOf('runbooks/deploy.md');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 7, text: RUNBOOK } });
    const result = await server.connection.sendRequest(StepsRequest, { textDocument: { uri } });
    assert.ok(result);
    assert.deepEqual([result.uri, result.version, result.format, result.title, result.risk], [uri, 7, 'frontmatter', 'Deploy api', undefined]);
    assert.equal(result.steps.length, 1);
    const step = result.steps[0];
    assert.deepEqual([step.index, step.number, step.title, step.mode, step.source], [0, 1, 'Build', 'automated', 'heading']);
    // Resolved by the server once: what the step is, what blocks run here, what it would be refused for.
    assert.deepEqual([step.kind, step.refusal, step.placeholders], ['command', undefined, []]);
    assert.deepEqual(step.titleRange, { start: { line: 8, character: 7 }, end: { line: 8, character: 12 } });
    assert.deepEqual(step.commands, [
      {
        lang: 'bash',
        code: 'npm run build',
        inline: false,
        runnable: true,
        range: { start: { line: 10, character: 0 }, end: { line: 12, character: 3 } },
        contentRange: { start: { line: 11, character: 0 }, end: { line: 11, character: 13 } },
      },
    ]);
    assert.deepEqual(step.validation?.commands.map((c) => [c.code, c.contentRange]), [['ls dist', { start: { line: 14, character: 17 }, end: { line: 14, character: 24 } }]]);
    assert.deepEqual(step.rollback?.commands.map((c) => [c.code, c.range]), [['git revert HEAD', { start: { line: 16, character: 14 }, end: { line: 16, character: 31 } }]]);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('reports a closed indexed document\'s steps from disk, with its risk', async () => {
    const result = await server.connection.sendRequest(StepsRequest, { textDocument: { uri: ws.uriOf('pipelines/nightly.workflow.yaml') } });
    assert.ok(result);
    assert.deepEqual([result.version, result.format, result.title], [undefined, 'yaml-definition', 'nightly']);
    assert.deepEqual(result.steps.map((s) => [s.title, s.commands.map((c) => c.code), s.yaml?.conditions]), [
      ['a', ['make'], [{ kind: 'success', target: 'nowhere', range: { start: { line: 5, character: 15 }, end: { line: 5, character: 22 } } }]],
    ]);
  });

  it('answers null for unknown documents and bad parameters', async () => {
    assert.equal(await server.connection.sendRequest(StepsRequest, { textDocument: { uri: ws.uriOf('missing.md') } }), null);
    assert.equal(await server.connection.sendRequest(StepsRequest, { textDocument: { uri: 'untitled:Untitled-1' } }), null);
    assert.equal(await server.connection.sendRequest(StepsRequest, {} as never), null);
  });

  it('lists every workflow with its facts and counts', async () => {
    const entries = await catalog();
    assert.deepEqual([...entries.keys()].sort(), ['catalog/sync.md', 'pipelines/nightly.workflow.yaml', 'runbooks/deploy.md']);
    const { problems, ...sync } = entries.get('catalog/sync.md')!;
    assert.deepEqual(sync, {
      uri: ws.uriOf('catalog/sync.md'), title: 'Invoice sync', format: 'catalog', category: 'Sync', status: 'Draft', risk: 'High',
      owner: 'Billing team', stepCount: 0, todoCount: 1,
    });
    assert.ok(problems.warnings > 0, 'the catalog template has sections this document lacks');
    assert.deepEqual(entries.get('pipelines/nightly.workflow.yaml')!.problems, { errors: 1, warnings: 0, infos: 0 });
    assert.deepEqual(entries.get('runbooks/deploy.md')!.stepCount, 1);
  });

  it('updates one entry after the file changes on disk, and drops a deleted file', async () => {
    const before = (await catalog()).get('catalog/sync.md')!;
    ws.write('catalog/sync.md', CATALOG('Low', 'Live (prod)'));
    ws.write('pipelines/nightly.workflow.yaml', PIPELINE.replace('nowhere', 'a'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: ws.uriOf('catalog/sync.md'), type: FileChangeType.Changed },
        { uri: ws.uriOf('pipelines/nightly.workflow.yaml'), type: FileChangeType.Changed },
      ],
    });
    let entries = await catalog();
    assert.deepEqual([entries.get('catalog/sync.md')!.risk, entries.get('catalog/sync.md')!.status], ['Low', 'Live (prod)']);
    assert.deepEqual(entries.get('catalog/sync.md')!.problems, before.problems);
    // `a` now routes to itself: a cycle instead of an unknown target, still one error.
    assert.deepEqual(entries.get('pipelines/nightly.workflow.yaml')!.problems.errors, 1);

    rmSync(join(ws.dir, 'runbooks', 'deploy.md'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ws.uriOf('runbooks/deploy.md'), type: FileChangeType.Deleted }] });
    entries = await catalog();
    assert.deepEqual([...entries.keys()].sort(), ['catalog/sync.md', 'pipelines/nightly.workflow.yaml']);
  });

  it('shows an open document\'s unsaved text, and the disk again once it is closed', async () => {
    const uri = ws.uriOf('catalog/sync.md');
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: CATALOG('Medium', 'In review') } });
    assert.equal((await catalog()).get('catalog/sync.md')!.status, 'In review');
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.equal((await catalog()).get('catalog/sync.md')!.status, 'Live (prod)');
  });

  it('limits the catalog to the folders asked for', async () => {
    const result = await server.connection.sendRequest(CatalogRequest, { folders: [pathToFileURL(join(ws.dir, 'pipelines')).toString()] });
    assert.deepEqual(result.entries.map((e) => e.title), ['nightly']);
  });
});
