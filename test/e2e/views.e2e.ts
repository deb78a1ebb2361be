/**
 * The Workflows views, New Workflow and the syntax highlighting in a real VS Code: the Catalog lists the examples
 * with their counts and opens one on a click, New Workflow writes a file from a template, the Steps view follows
 * the active editor, and a step heading is coloured by the injection grammar.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import type { Workbench } from './workbench';
import {
  activeEditorTab,
  goToLine,
  openFile,
  openWorkbench,
  runCommand,
  showWorkflowsViews,
  treeRow,
  viewPane,
  workbenchTest,
} from './workbench';

const STEP_HEADING = '### 1. Check the working tree (Automated)';
const STEP_HEADING_LINE = 33; // in examples/docs/workflows/deploy.md
const PLAIN_HEADING = '## Overview';
const PLAIN_HEADING_LINE = 17;

/** Editor text uses non-breaking spaces; compare with ordinary ones. */
const plain = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ');

interface TokenSpan {
  text: string;
  className: string;
  color: string;
}

/**
 * The token spans of the active editor's rendered line whose text is `lineText`, once the tokenizer has coloured it
 * (more than one span: before that, the line is one uncoloured span).
 */
async function tokenSpans(page: Page, lineText: string, minSpans: number): Promise<TokenSpan[]> {
  const line = page
    .locator('.editor-group-container.active .monaco-editor .view-lines .view-line')
    .filter({ hasText: new RegExp(`^${lineText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\u00a0]')}$`) });
  await line.first().waitFor();
  const spans = line.first().locator(':scope > span > span');
  await spans.nth(minSpans - 1).waitFor();
  return spans.evaluateAll((elements: any[]) =>
    elements.map((el) => ({
      text: String(el.textContent ?? '').replace(/\u00a0/g, ' '),
      className: String(el.className),
      color: String(el.ownerDocument.defaultView.getComputedStyle(el).color),
    })),
  );
}

/**
 * Makes `fileName` the active editor: a click on its tab when it is open (quick open's list of recent files would
 * match before it is filtered), else quick open.
 */
async function showFile(page: Page, fileName: string): Promise<void> {
  const tab = page.locator('.editor-group-container .tab', { hasText: fileName });
  if ((await tab.count()) === 0) return openFile(page, fileName);
  await tab.first().click();
  await activeEditorTab(page, fileName).waitFor();
}

function spanWith(spans: TokenSpan[], text: string): TokenSpan {
  const span = spans.find((s) => s.text.includes(text));
  assert.ok(span, `a token span containing "${text}" in ${JSON.stringify(spans)}`);
  return span;
}

describe('the Workflows views', () => {
  let workbench: Workbench | undefined;
  const it = workbenchTest(() => workbench);

  before(async () => {
    workbench = await openWorkbench('views');
  });
  after(async () => {
    await workbench?.close();
  });

  it('the Catalog lists the examples with their counts, and a click opens one', async ({ page }) => {
    await showWorkflowsViews(page);
    const catalog = viewPane(page, 'Catalog');
    // examples/workflows/nightly-report.workflow.yaml: 2 errors (an unknown target, one group of steps in a cycle)
    // and 1 warning.
    const nightly = treeRow(catalog, 'Nightly report');
    await nightly.locator('.label-description', { hasText: '2 errors, 1 warning' }).waitFor();
    const deploy = treeRow(catalog, 'Web App Deployment');
    await deploy.waitFor();
    const customerSync = treeRow(catalog, 'Customer Sync');
    await customerSync.locator('.label-description', { hasText: /\d+ warnings? · 1 TODO/ }).waitFor();
    // drafts/ is excluded by examples/.wfs.json.
    assert.equal(await treeRow(catalog, 'new-workflow').count(), 0);

    await nightly.click();
    await activeEditorTab(page, 'nightly-report.workflow.yaml').waitFor();
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor();
  });

  it('New Workflow creates the file from a template and opens it', async ({ page, folder }) => {
    const file = join(folder, 'docs', 'workflows', 'rotate-the-api-keys.md');
    assert.equal(existsSync(file), false);
    await runCommand(page, 'Workflow Studio: New Workflow…');
    const templates = page.locator('.quick-input-widget .monaco-list-row');
    await templates.filter({ hasText: 'YAML workflow definition' }).first().waitFor();
    await page.keyboard.type('Front-matter');
    await templates.first().filter({ hasText: 'Front-matter workflow' }).waitFor();
    await page.keyboard.press('Enter');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'New workflow (Front-matter workflow)' }).waitFor();
    await input.fill('Rotate the API keys');
    await page.keyboard.press('Enter');

    // New Workflow opens the file once it is written: read it then, not as soon as it exists (it could be empty).
    await activeEditorTab(page, 'rotate-the-api-keys.md').waitFor();
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^---\n/);
    assert.match(text, /^title: .*Rotate the API keys/m);
    assert.match(text, /^version: 1$/m);
    assert.doesNotMatch(text, /2024-01-15T10:00:00Z/, 'created/modified are now, not the template\'s dates');
    for (const section of ['## Overview', '## Triggers', '## Prerequisites', '## Steps', '## Decision Points']) {
      assert.ok(text.includes(`\n${section}\n`), `the template's section ${section}`);
    }
    assert.doesNotMatch(text, /\(optional\)/);
    await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'Rotate the API keys' }).first().waitFor();
  });

  it('the Steps view follows the active editor', async ({ page }) => {
    await showWorkflowsViews(page);
    const steps = viewPane(page, 'Steps');
    await showFile(page, 'deploy.md');
    await treeRow(steps, '1. Check the working tree').waitFor();
    await treeRow(steps, '3. Build and publish to staging').waitFor();
    // Mode (as the server words it), actor and duration.
    assert.equal(plain(await treeRow(steps, '1. Check the working tree').locator('.label-description').textContent()), 'automated · System · ~1 minute');

    await showFile(page, 'release.md');
    await treeRow(steps, 'Verify the build').waitFor();
    await treeRow(steps, 'Check the working tree').waitFor({ state: 'detached' });

    // A click on a step reveals it in the editor: the cursor goes to its heading.
    await showFile(page, 'deploy.md');
    await treeRow(steps, 'Check the working tree').waitFor();
    await treeRow(steps, '2. Install and test').click();
    const editor = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'deploy.md' }) });
    await editor.locator('.line-numbers.active-line-number', { hasText: /^46$/ }).waitFor();
  });

  it('a step heading is coloured by the injection grammar', async ({ page }) => {
    await showFile(page, 'deploy.md');
    await goToLine(page, STEP_HEADING_LINE);
    // `###`, ` `, `1.`, ` `, the title, ` `, `(Automated)`: the injection splits the heading into its parts.
    const step = await tokenSpans(page, STEP_HEADING, 3);
    const number = spanWith(step, '1.');
    const title = spanWith(step, 'Check the working tree');
    const mode = spanWith(step, '(Automated)');
    assert.notEqual(number.className, title.className, 'the step number and title are different tokens');
    assert.notEqual(title.text.trim(), STEP_HEADING, 'the title is a token of its own');
    assert.notEqual(mode.text.trim(), title.text.trim());

    await goToLine(page, PLAIN_HEADING_LINE);
    const heading = await tokenSpans(page, PLAIN_HEADING, 1);
    const headingText = spanWith(heading, 'Overview');
    // Markdown alone colours a whole heading alike; the injection gives the step number and title their own colours.
    assert.notEqual(number.color, headingText.color, 'the step number has its own colour');
    assert.notEqual(title.color, headingText.color, 'the step title has its own colour');
    assert.notEqual(number.color, title.color);
  });
});
