/**
 * Restricted Mode in a real VS Code: a code-server of this file's own with workspace trust on (the shared one runs
 * with it off), a folder the user declines to trust. The run lenses are replaced by one that says why (and opens
 * the trust editor), the dry run stays, and nothing runs: no terminal opens and no run log is written. The Runs
 * view lists the logs the folder came with and writes nothing to them (an unfinished run is not marked).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { createRunDirs, installExtension, startCodeServer, type CodeServer } from '../../scripts/e2e/code-server.mjs';
import type { Workbench } from './workbench';
import { openFile, openWorkbench, showWorkflowsViews, treeRow, viewPane, workbenchTest } from './workbench';

/** An unfinished run of an earlier session (a dead process), as a repository may bring it. */
const OLD_LOG = [
  {
    type: 'run-start', time: 1_700_000_000_000, runId: '2023-11-14T22-13-20-000Z', workflow: 'Old deploy', uri: 'file:///elsewhere/old-deploy.md',
    relativePath: 'docs/workflows/old-deploy.md', steps: [{ index: 0, title: 'Build', line: 3, hasRollback: false, manual: false }],
    // Above Linux's largest process id: certainly not running.
    scope: 'workflow', pid: 4_194_305, session: 'an-earlier-session',
  },
  { type: 'step-start', time: 1_700_000_000_100, step: 0, title: 'Build', attempt: 1, phase: 'run' },
].map((r) => JSON.stringify(r)).join('\n') + '\n';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`npm run test:e2e\``);
  return value;
}

describe('an untrusted workspace', () => {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const it = workbenchTest(() => workbench);

  before(async () => {
    const base = join(required('WFS_E2E_RUN_DIR'), 'untrusted');
    mkdirSync(base, { recursive: true });
    const dirs = createRunDirs(join(base, 'vscode'), { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' });
    installExtension(dirs, required('WFS_E2E_VSIX'));
    server = await startCodeServer(dirs, { trust: true, logFile: join(base, 'code-server.log'), recordIn: required('WFS_E2E_PROCESS_GROUPS') });
    workbench = await openWorkbench(
      'untrusted',
      (folder) => {
        mkdirSync(join(folder, '.workflow-runs', 'old-deploy'), { recursive: true });
        writeFileSync(join(folder, '.workflow-runs', 'old-deploy', '2023-11-14T22-13-20-000Z.jsonl'), OLD_LOG);
      },
      {},
      server.url,
    );
    // The start-up prompt: decline to trust the folder's authors.
    await workbench.page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don.t trust/ }).click();
    await workbench.page.locator('.monaco-dialog-box').waitFor({ state: 'detached' });
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('says why nothing runs instead of offering Run, keeps the dry run, and runs nothing', async ({ page, folder }) => {
    await openFile(page, 'try-a-run.md');
    const lenses = page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a');
    const why = lenses.filter({ hasText: /Running is off: this workspace is not trusted/ });
    await why.first().waitFor();
    await lenses.filter({ hasText: /^\s*Dry run workflow\s*$/ }).first().waitFor();
    const texts = await lenses.allTextContents();
    assert.ok(!texts.some((t) => /Run (workflow|step)|Run from here|Mark done/.test(t.replace(/Dry run workflow/, ''))), `no run lens: ${JSON.stringify(texts)}`);
    // The lens explains itself: it opens the Workspace Trust editor.
    await why.first().click();
    await page.locator('.editor-group-container .tab', { hasText: 'Workspace Trust' }).first().waitFor();
    assert.equal(await page.locator('.terminal-tabs-entry, .single-terminal-tab').count(), 0, 'no terminal was opened');
    assert.deepEqual(readdirSync(join(folder, '.workflow-runs')), ['old-deploy'], 'no run log was written');
    assert.deepEqual(readdirSync(join(folder, '.workflow-runs', 'old-deploy')), ['2023-11-14T22-13-20-000Z.jsonl']);
  });

  it('the Runs view lists the folder\'s run logs and writes nothing to them', async ({ page, folder }) => {
    await showWorkflowsViews(page);
    // The row is there once the view has read the logs; a trusted workspace marks the unfinished run first.
    await treeRow(viewPane(page, 'Runs'), 'Old deploy').waitFor();
    assert.equal(readFileSync(join(folder, '.workflow-runs', 'old-deploy', '2023-11-14T22-13-20-000Z.jsonl'), 'utf8'), OLD_LOG, 'the log is as it came');
  });
});
