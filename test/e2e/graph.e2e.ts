/**
 * The graph view in a real VS Code: Show Graph on the example definition with a decision, a failure route and the
 * rules' findings (its screenshot is the README's), a click on a node selects the step in the editor and the
 * editor's cursor selects the node, and a run turns one node passed and another failed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { Workbench } from './workbench';
import { goToLine, openFile, openWorkbench, runCommand, showWorkflowsViews, treeRow, viewPane, waitFor, workbenchTest } from './workbench';

const RUN_DOC = [
  '---',
  'title: "Graph run e2e"',
  'type: system',
  '---',
  '',
  '# Graph run e2e',
  '',
  '## Steps',
  '',
  '### 1. Passes (Automated)',
  '**Actor**: System',
  '',
  '```bash',
  'mkdir -p out && touch out/graph-1.txt',
  '```',
  '',
  '### 2. Fails (Automated)',
  '**Actor**: System',
  '',
  '```bash',
  'exit 3',
  '```',
  '',
].join('\n');

/** The graph view's content: the inner frame of the visible webview whose page is the graph. */
function graphView(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

/**
 * Waits until the extension has seen the active workflow editor: the workflow status bar item comes with the
 * context key that shows the workflow commands in the Command Palette, and stays while the editor is active.
 */
async function workflowEditorSeen(page: Page): Promise<void> {
  await page.locator('.statusbar-item[id$="wfs.status"]').waitFor();
}

/** The active editor's code lens whose text is `title` (its icon has no text), once it is there. */
function lensOf(page: Page, title: string): Locator {
  return page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a', { hasText: new RegExp(`^\\s*${title}\\s*$`) }).first();
}

/** Brings the editor tab whose label contains `label` to the front of its group. */
async function showTab(page: Page, label: string): Promise<void> {
  await page.locator('.editor-group-container .tab', { hasText: label }).first().click();
  await page.locator('.editor-group-container.active .tab.active', { hasText: label }).waitFor();
}

describe('the graph view', () => {
  let workbench: Workbench | undefined;
  const it = workbenchTest(() => workbench);

  before(async () => {
    workbench = await openWorkbench('graph', (folder) => {
      const dir = join(folder, 'docs', 'workflows', 'e2e');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'graph-run.md'), RUN_DOC);
    });
  });

  after(async () => {
    await workbench?.close();
  });

  it('draws the example definition with its routes and findings; a click selects the step, the cursor selects the node', async ({ page, folder }) => {
    await openFile(page, 'nightly-report.workflow.yaml');
    await workflowEditorSeen(page);
    await runCommand(page, 'Workflow Studio: Show Graph');
    const graph = graphView(page);
    await graph.locator('#root[aria-busy="false"]').waitFor();
    await graph.locator('g[data-node="s2"].step-decision').waitFor();
    await graph.locator('g[data-node="s4"].flag-warning').waitFor();
    await graph.locator('g[data-node="unknown:notify_oncall"].flag-error').waitFor();
    await graph.locator('g.edge-failure.flag-error').first().waitFor();
    assert.equal(await graph.locator('g[data-node="s4"] title').textContent(), 'yaml.unreachable-step: Step "archive" is unreachable: no route from the first step leads to it.');
    const results = process.env.WFS_E2E_RESULTS;
    if (results) {
      mkdirSync(results, { recursive: true });
      await page.screenshot({ path: join(results, 'graph-nightly-report.png') });
    }

    // A click on "4. send" selects its name in the editor; the focus stays in the graph.
    const text = readFileSync(join(folder, 'workflows', 'nightly-report.workflow.yaml'), 'utf8');
    const sendLine = text.split('\n').findIndex((l) => l.includes('name: "send"')) + 1;
    await graph.locator('g[data-node="s3"]').click();
    await graph.locator('#root[data-selected="s3"]').waitFor();
    const editor = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'nightly-report.workflow.yaml' }) });
    await editor.locator('.line-numbers.active-line-number', { hasText: new RegExp(`^${sendLine}$`) }).waitFor();
    await editor.locator('.selected-text').first().waitFor();

    // The cursor on "archive" in the editor selects its node.
    await showTab(page, 'nightly-report.workflow.yaml');
    const archiveLine = text.split('\n').findIndex((l) => l.includes('name: "archive"')) + 1;
    await goToLine(page, archiveLine, 12);
    await graph.locator('#root[data-selected="s4"]').waitFor();
    await graph.locator('g[data-node="s4"].selected').waitFor();
  });

  it('a run turns the passing step passed and the failing one failed', async ({ page, folder }) => {
    await openFile(page, 'graph-run.md');
    // The "Graph" code lens at the top of the document.
    await lensOf(page, 'Graph').click();
    await page.locator('.editor-group-container .tab.active', { hasText: 'Graph: graph-run.md' }).waitFor();
    await graphView(page).locator('g[data-node="s1"]').waitFor();
    await showTab(page, 'graph-run.md');
    await lensOf(page, 'Run workflow').click();
    // The run's end in its log, then the graph (the Run panel opened over it in the same group).
    await waitFor(() => {
      const dir = join(folder, '.workflow-runs', 'graph-run');
      if (!existsSync(dir)) return undefined;
      return readdirSync(dir).find((f) => readFileSync(join(dir, f), 'utf8').includes('"type":"run-end"'));
    }, 'the run to end');
    await showTab(page, 'Graph: graph-run.md');
    const graph = graphView(page);
    await graph.locator('g[data-node="s0"][data-status="passed"]').waitFor();
    await graph.locator('g[data-node="s1"][data-status="failed"]').waitFor();
    await graph.locator('#root[data-run-status="failed"]').waitFor();
    assert.match((await graph.locator('g[data-node="s1"] .node-status').textContent()) ?? '', /failed · .* · exit 3/);
  });

  it("a step node's context menu runs the step alone (the lenses' Run Step)", async ({ page, folder }) => {
    await showTab(page, 'Graph: graph-run.md');
    const graph = graphView(page);
    await graph.locator('g[data-node="s0"]').click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: /^Run Step$/ });
    await item.waitFor();
    // The manual step's Mark Step Done and the others' entries follow the lenses' rules: no Mark Step Done here.
    assert.equal(await page.locator('.monaco-menu .action-label', { hasText: 'Mark Step Done' }).count(), 0);
    await page.keyboard.press('ArrowDown');
    await page.locator('.monaco-menu .action-item.focused', { hasText: /Run Step/ }).waitFor();
    await page.keyboard.press('Enter');
    const log = await waitFor(() => {
      const dir = join(folder, '.workflow-runs', 'graph-run');
      const files = existsSync(dir) ? readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')) : [];
      return files.find((text) => text.includes('"scope":"step"') && text.includes('"type":"run-end"'));
    }, 'a run of one step to end');
    assert.match(log, /"from":0/);
  });

  it('Open Run as Graph in the Runs view shows the finished run with durations and exit codes', async ({ page }) => {
    // One webview on screen: the run's graph.
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
    await showWorkflowsViews(page);
    const runs = viewPane(page, 'Runs');
    const header = runs.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const workflow = treeRow(runs, 'Graph run e2e');
    await workflow.waitFor();
    if ((await workflow.getAttribute('aria-expanded')) === 'false') await workflow.click();
    const run = runs.locator('.monaco-list-row[aria-level="2"]', { hasText: /failed/ }).first();
    await run.waitFor();
    await run.click({ button: 'right' });
    // The menu takes no click for a moment after it opens (its pointer guard): the keyboard picks the entry.
    await page.locator('.monaco-menu .action-label', { hasText: 'Open Run as Graph' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.locator('.monaco-menu .action-item.focused', { hasText: 'Open Run as Graph' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container .tab.active', { hasText: 'Graph of run: Graph run e2e' }).waitFor();
    const graph = graphView(page);
    await graph.locator('g[data-node="s0"][data-status="passed"]').waitFor();
    assert.match((await graph.locator('g[data-node="s0"] .node-status').textContent()) ?? '', /^✓ passed · \d+(?:\.\d)? m?s · exit 0$/);
    assert.match((await graph.locator('g[data-node="s1"] .node-status').textContent()) ?? '', /^✗ failed · \d+(?:\.\d)? m?s · exit 3$/);
    // A past run offers no run action on its nodes.
    assert.equal(JSON.parse((await graph.locator('g[data-node="s0"]').getAttribute('data-vscode-context')) ?? '{}').wfsRunStep, false);
  });
});
