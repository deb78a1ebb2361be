/**
 * What outlives a document keeps none of its text: the parser's module-wide caches (heading titles, field
 * labels), the service's model cache once the document is closed, and the workspace index's entries. A string
 * cut from a text (`slice`, `trim`, a regex match) is a view that keeps the whole text alive in V8, so each of
 * these once held every document (every edited version of it, for the caches) it had seen.
 *
 * Measured as heap growth after a full garbage collection, against documents of about 1 MiB each with titles,
 * labels and findings of their own: holding them would cost at least 16 MiB, holding none about nothing.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocuments } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createWorkflowService } from '../../server/src/service';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { SettingsCache } from '../../server/src/lsp/settings';
import { WorkspaceConfigs } from '../../server/src/lsp/workspaceConfig';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const DOCUMENTS = 16;
const MiB = 1024 * 1024;

/**
 * A workflow of about 1 MiB whose title, step heading, field label and TODO are its own (`tag` keeps each test's
 * documents apart from the others', so no test finds another's headings already cached).
 */
function bigDocument(tag: string, i: number): string {
  const filler = 'The operator checks the dashboards and the logs before going on.\n\n'.repeat(16_000);
  return `# Release runbook ${tag} number ${i} of the quarter\n\n## Steps\n\n### Step 1: Deploy service ${tag} number ${i}\n\n**Approver ${tag} number ${i}**: release manager\n\nTODO: confirm the window of release ${i} with the team\n\n${filler}`;
}

/** Heap growth (MiB) over `work`, after a full collection on both sides. */
function retainedBy(work: () => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = work();
  gc();
  const after = process.memoryUsage().heapUsed;
  assert.ok(kept !== undefined);
  return (after - before) / MiB;
}

describe('memory: nothing kept beyond a document keeps its text', () => {
  it('the parser caches (titles, labels) keep no document text', () => {
    const retained = retainedBy(() => {
      let steps = 0;
      for (let i = 0; i < DOCUMENTS; i++) steps += parseWorkflow(`file:///w/doc-${i}.md`, 1, bigDocument('parsed', i)).steps.length;
      assert.equal(steps, DOCUMENTS);
      return steps;
    });
    assert.ok(retained < 4, `the parser kept ${retained.toFixed(1)} MiB after its documents were gone`);
  });

  it('the service drops a closed document’s model (forget)', () => {
    const service = createWorkflowService();
    const doc = { uri: 'file:///w/open.md', version: 1, getText: () => bigDocument('open', 0) };
    const model = service.parse(doc);
    assert.equal(service.parse(doc), model, 'cached while open');
    service.forget(doc.uri);
    assert.notEqual(service.parse(doc), model, 'parsed again after forget');
    const retained = retainedBy(() => {
      for (let i = 0; i < DOCUMENTS; i++) {
        const uri = `file:///w/closed-${i}.md`;
        const text = bigDocument('closed', i);
        service.getDiagnostics({ uri, version: 1, getText: () => text });
        service.forget(uri);
      }
      return service;
    });
    assert.ok(retained < 4, `the service kept ${retained.toFixed(1)} MiB of closed documents`);
  });

  it('the workspace index keeps entries, not the texts of the files', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wfs-memory-'));
    try {
      for (let i = 0; i < DOCUMENTS; i++) writeFileSync(join(folder, `runbook-${i}.md`), bigDocument('indexed', i));
      const log = (): void => undefined;
      const service = createWorkflowService();
      const documents = new TextDocuments(TextDocument);
      const configs = new WorkspaceConfigs(log);
      const index = new WorkspaceIndex(service, documents, new SettingsCache({} as Connection, () => false, configs), log);
      index.setFolders([pathToFileURL(folder).toString()]);
      gc();
      const before = process.memoryUsage().heapUsed;
      const entries = await index.entries();
      assert.equal(entries?.length, DOCUMENTS);
      assert.ok(entries.every((e) => e.data.title.startsWith('Release runbook indexed number') && e.diagnostics.some((d) => d.message.includes('TODO'))));
      gc();
      const retained = (process.memoryUsage().heapUsed - before) / MiB;
      assert.ok(retained < 4, `the index kept ${retained.toFixed(1)} MiB for ${DOCUMENTS} entries`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
