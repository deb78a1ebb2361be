/**
 * The steps of real-looking documents agree everywhere: `wfs steps` (the CLI), the Steps view and the code lenses in
 * a real VS Code read the same steps from test/fixtures/e2e-steps/ (numbered sub-steps under phases, bold "Step N"
 * paragraphs, a numbered list whose items carry their commands, a README that is not a workflow). The view lists
 * the CLI's labels in order, with a person's icon where the CLI says a person does the step; above each step's line
 * is "Run step" for a step with commands and "Mark done" for one where nothing runs (prose, a block of comments);
 * the README has no steps and no lenses.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import type { StepsReport } from '../../server/src/cli/steps';
import { stepLabel } from '../../server/src/service/stepKind';
import type { Workbench } from './workbench';
import { goToLine, openFile, openWorkbench, showWorkflowsViews, TIMEOUT_MS, viewPane, workbenchTest } from './workbench';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'e2e-steps');
const WORKFLOWS = ['docs/workflows/mobile-release-phases.md', 'docs/workflows/restore-the-database.md'];
const README = 'tools/README.md';

/** `wfs steps --format json` on the workspace's copies, run in the workspace folder (its .wfs.json applies). */
function cliSteps(folder: string, files: string[]): StepsReport[] {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'steps', '--format', 'json', ...files], { cwd: folder, encoding: 'utf8' });
  assert.equal(result.status, 0, `wfs steps failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as StepsReport[];
}

/** Polls an async probe until it returns a value (a state that stays), or fails naming what it waited for. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface RowState {
  label: string;
  person: boolean;
}

/** The Steps view's rows as shown: label and whether its icon is a person. */
async function stepRows(page: Page): Promise<RowState[]> {
  const rows = viewPane(page, 'Steps').locator('.monaco-list-row');
  return rows.evaluateAll((elements: any[]) =>
    elements.map((row) => ({
      label: String(row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' '),
      person: row.querySelector('.codicon-person') !== null,
    })),
  );
}

interface LensView {
  /** The first and last line numbers drawn. */
  first: number;
  last: number;
  lenses: { line: number; titles: string[] }[];
}

/**
 * The code lenses of the active editor that are drawn, each with the 1-based line it stands above: the line number
 * that starts where the lens ends (a lens whose line is scrolled out of view, or not resolved yet, is left out).
 */
async function drawnLenses(page: Page): Promise<LensView> {
  return page.locator('.editor-group-container.active .monaco-editor').first().evaluate((editor: any) => {
    const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((el: any) => ({
      line: Number(el.textContent),
      top: el.getBoundingClientRect().top,
    }));
    const lenses = [...editor.querySelectorAll('.codelens-decoration')]
      .map((lens: any) => {
        const bottom = lens.getBoundingClientRect().bottom;
        const below = numbers.find((n) => n.top >= bottom - 2 && n.top <= bottom + 6);
        return { line: below ? below.line : -1, titles: [...lens.querySelectorAll('a')].map((a: any) => String(a.textContent).trim()) };
      })
      .filter((lens) => lens.line > 0 && lens.titles.length > 0) // an unresolved lens is drawn empty first
      .sort((a, b) => a.line - b.line);
    const lines = numbers.map((n) => n.line);
    return { first: Math.min(...lines), last: Math.max(...lines), lenses };
  });
}

/**
 * Reveals `line` and returns the lenses drawn once the drawing is settled: the same on two reads in a row, with a
 * lens above `line` (the editor lays view zones and lenses out in several passes after it opens or scrolls).
 */
async function settledLenses(page: Page, line: number, what: string): Promise<LensView> {
  await goToLine(page, line);
  let previous = '';
  return eventually(async () => {
    const view = await drawnLenses(page);
    const key = JSON.stringify(view);
    const settled = key === previous && view.lenses.some((lens) => lens.line === line);
    previous = key;
    return settled ? view : undefined;
  }, `a code lens above line ${line} of ${what}`);
}

/** The lenses a step's line gets, from the CLI's kind: the runner's lenses.ts says the same. */
function expectedLenses(kind: string): string[] {
  const first = kind === 'manual' ? ['Mark done'] : kind === 'command' ? ['Run step'] : [];
  return [...first, 'Dry run', 'Run from here'];
}

describe('steps of real documents: the CLI, the Steps view and the lenses agree', () => {
  let workbench: Workbench | undefined;
  const it = workbenchTest(() => workbench);

  before(async () => {
    workbench = await openWorkbench('steps', (folder) => cpSync(FIXTURES, folder, { recursive: true }));
  });
  after(async () => {
    await workbench?.close();
  });

  for (const file of WORKFLOWS) {
    const name = file.split('/').pop()!;
    it(`${name}: the Steps view and the lenses show the steps of wfs steps`, async ({ page, folder }) => {
      const [report] = cliSteps(folder, [file]);
      assert.ok(report.steps.length >= 4, `the fixture has steps: ${JSON.stringify(report)}`);
      assert.ok(report.steps.some((s) => s.kind === 'manual') && report.steps.some((s) => s.kind === 'command'), 'the fixture has both kinds');
      const labels = report.steps.map((s) => stepLabel({ title: s.title, numberText: s.number }));

      await showWorkflowsViews(page);
      await openFile(page, name);
      const rows = await eventually(async () => {
        const shown = await stepRows(page);
        return shown.map((r) => r.label).join('\n') === labels.join('\n') ? shown : undefined;
      }, `the Steps view to list ${JSON.stringify(labels)}`);
      assert.deepEqual(
        rows.map((r) => r.person),
        report.steps.map((s) => s.kind === 'manual'),
        'a person\'s icon exactly where wfs steps says a person does the step',
      );
      if (report.title) await viewPane(page, 'Steps').locator('.pane-header .description', { hasText: report.title }).waitFor();

      // Each step's line, revealed in turn: the lenses drawn around it replace what an earlier view of those lines
      // showed, so the map ends as the editor draws the whole document.
      const seen = new Map<number, string[]>();
      for (const step of [{ line: 1 }, ...report.steps]) {
        const view = await settledLenses(page, step.line, name);
        for (const line of [...seen.keys()]) if (line >= view.first && line <= view.last) seen.delete(line);
        for (const lens of view.lenses) seen.set(lens.line, lens.titles);
      }
      const expected = new Map<number, string[]>([[1, ['Graph', 'Run workflow', 'Dry run workflow']]]);
      for (const step of report.steps) expected.set(step.line, expectedLenses(step.kind));
      assert.deepEqual(
        [...seen].sort((a, b) => a[0] - b[0]),
        [...expected].sort((a, b) => a[0] - b[0]),
        `lenses stand above the lines wfs steps gives, Run step for commands and Mark done for a person: ${JSON.stringify([...seen])}`,
      );
    });
  }

  it('a README is not a workflow: no steps in the CLI or the Steps view, and no lenses', async ({ page, folder }) => {
    const [report] = cliSteps(folder, [README]);
    assert.equal(report.format, 'reference');
    assert.deepEqual(report.steps, []);

    await showWorkflowsViews(page);
    // A workflow first, so the view has steps to replace.
    await openFile(page, 'restore-the-database.md');
    await viewPane(page, 'Steps').locator('.monaco-list-row').first().waitFor();
    await openFile(page, 'README.md');
    await viewPane(page, 'Steps').getByText(/^Not a workflow: a README, index or reference page has no steps/).waitFor();
    // The message is set before the tree re-reads its rows: wait for the previous workflow's rows to go.
    await viewPane(page, 'Steps').locator('.monaco-list-row').first().waitFor({ state: 'detached' });
    assert.equal(await viewPane(page, 'Steps').locator('.monaco-list-row').count(), 0);
    assert.equal(await page.locator('.editor-group-container.active .monaco-editor .codelens-decoration').count(), 0);
  });
});
