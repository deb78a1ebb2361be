/**
 * The runner in a real VS Code: code lenses run steps in a real integrated terminal (bash, shell integration), and
 * the tests read the effects from disk: Run step writes a file; a failing step stops the run and its Rollback,
 * when accepted, runs; a manual step waits for Done; a dry run runs nothing; the Run panel (a webview) shows the
 * statuses; the run log has the events; the Runs view lists the run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { Workbench } from './workbench';
import { openFile, openWorkbench, runCommand, showWorkflowsViews, treeRow, viewPane, waitFor, webviewElement, workbenchTest } from './workbench';

/** A workflow document of the front-matter format with the given steps (heading, body). */
function workflowDoc(title: string, steps: string[]): string {
  return [
    '---',
    `title: "${title}"`,
    'type: system',
    '---',
    '',
    `# ${title}`,
    '',
    '## Overview',
    'A workflow the end-to-end tests run.',
    '',
    '## Steps',
    '',
    ...steps,
  ].join('\n');
}

const automated = (n: number, name: string, code: string, extra = ''): string =>
  [`### ${n}. ${name} (Automated)`, '**Actor**: System', '', '```bash', code, '```', '', extra, ''].join('\n');

/** A YAML definition the tests run: a comment saying what it is for, a name, its steps. */
const yamlDoc = (purpose: string, name: string, steps: string[][]): string =>
  [`# A definition the end-to-end tests run: ${purpose}`, 'metadata:', `  name: "${name}"`, 'steps:', ...steps.flat(), ''].join('\n');
const yamlStep = (name: string, lines: string[]): string[] => [`  - name: "${name}"`, ...lines.map((line) => `    ${line}`)];
const yamlAction = (name: string, run: string, more: string[] = []): string[] =>
  yamlStep(name, ['type: "action"', 'config:', `  run: "${run}"`, ...more]);

const DOCS: Record<string, string> = {
  'run-step.md': workflowDoc('Run step e2e', [
    automated(1, 'Write the marker', 'mkdir -p out\necho "written by step 1" > out/step1.txt', '**Validation**: `test -f out/step1.txt`\n**Rollback**: `rm -f out/step1.txt`'),
    automated(2, 'Not run by Run step', 'touch out/step2.txt'),
  ]),
  'fail-rollback.md': workflowDoc('Failing run e2e', [
    automated(1, 'First', 'mkdir -p out\ntouch out/fail-1.txt', '**Rollback**: `rm -f out/fail-1.txt`'),
    automated(2, 'Breaks', 'touch out/fail-2-started.txt\nexit 3\ntouch out/fail-2-after-exit.txt', '**Rollback**:\n\n```bash\necho "rolled back" > out/rollback-2.txt\n```'),
    automated(3, 'Never reached', 'touch out/fail-3.txt'),
  ]),
  'manual-wait.md': workflowDoc('Manual step e2e', [
    ['### 1. Ask the on-call engineer (Manual)', '**Actor**: Human', '', 'Confirm in the team channel that the window is open.', ''].join('\n'),
    automated(2, 'After the person', 'mkdir -p out\ntouch out/after-manual.txt'),
  ]),
  'stop.md': workflowDoc('Stop e2e', [
    automated(1, 'Takes long', 'mkdir -p out\ntouch out/stop-started.txt\nsleep 60\ntouch out/stop-finished.txt'),
    automated(2, 'Never reached', 'touch out/stop-step2.txt'),
  ]),
  'retry.md': workflowDoc('Retry e2e', [
    automated(1, 'Fails the first time', 'mkdir -p out\nif [ ! -f out/retry-second-try ]; then touch out/retry-second-try; exit 1; fi'),
    automated(2, 'After the retry', 'touch out/retry-step2.txt'),
  ]),
  'retry-route.workflow.yaml': yamlDoc('a retry with linear backoff, then a success route past a step.', 'Retry and route e2e', [
    yamlAction('flaky', 'mkdir -p out && if [ ! -f out/yaml-second-try ]; then touch out/yaml-second-try; exit 1; fi', [
      'retry:', '  max_attempts: 2', '  backoff: "linear"', '  delay: 1', 'conditions:', '  success: "publish"', '  failure: "report"',
    ]),
    yamlAction('skipped by the route', 'touch out/yaml-skipped.txt'),
    yamlAction('publish', 'touch out/yaml-published.txt'),
  ]),
  'secret-risky.md': workflowDoc('Secret and approval e2e', [
    automated(1, 'Use a token', "mkdir -p out\nprintf '%s' <API_TOKEN> > out/token.txt"),
    automated(2, 'Risky clean-up', 'mkdir -p out/scratch\nrm -rf out/scratch\ntouch out/cleaned.txt'),
  ]),
  'decide.workflow.yaml': yamlDoc('a decision the person running it takes; its branch reads a value from the .env file.', 'Decision e2e', [
    yamlStep('pick', ['type: "decision"', 'conditions:', '  success: "left"', '  failure: "right"']),
    yamlAction('left', 'mkdir -p out && touch out/left.txt', ['conditions:', '  success: "end"']),
    yamlAction('right', "mkdir -p out && printf '%s' ${REGION} > out/right.txt"),
  ]),
  'dry-run.md': workflowDoc('Dry run e2e', [
    automated(1, 'Would write', 'mkdir -p out\ntouch out/dry-run-must-not-exist.txt', '**Rollback**: `rm -f out/dry-run-must-not-exist.txt`'),
  ]),
};

/** The Run panel's content: the webview's inner frame of the visible panel. */
function runPanel(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

/**
 * Clicks a link or button of the Run panel (`runPanel(page).locator(...)`), then waits until VS Code has made the
 * panel's editor group the active one: a click into a webview moves the focus there, and the next key or click
 * must not race with that move.
 */
async function clickInPanel(page: Page, target: Locator): Promise<void> {
  await target.click();
  await page.locator('.editor-group-container.active .tab.active', { hasText: /^\s*(Dry run|Run): / }).waitFor();
}

/** The document's code lens whose text is `title` (an icon may precede it), the n-th of them counting from 0. */
async function clickLens(page: Page, title: string, nth = 0): Promise<void> {
  const lens = page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a', { hasText: new RegExp(`^\\s*${title}\\s*$`) }).nth(nth);
  await lens.waitFor();
  await lens.click();
}

/** Clicks the button of the notification toast whose message contains `message`. */
async function notificationButton(page: Page, message: string | RegExp, button: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: message });
  await toast.first().waitFor();
  await toast.first().locator('.monaco-button', { hasText: button }).first().click();
}

function runLogs(folder: string, workflowFolder: string): string[] {
  const dir = join(folder, '.workflow-runs', workflowFolder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f));
}

type LogRecord = Record<string, unknown>;

/** The run log's records once `accept` takes them (by default: once it has a `run-end`, the run is over). */
async function finishedRun(folder: string, workflowFolder: string, accept = (records: LogRecord[]) => records.some((r) => r.type === 'run-end')): Promise<LogRecord[]> {
  return waitFor(() => {
    for (const file of runLogs(folder, workflowFolder)) {
      const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogRecord);
      if (accept(records)) return records;
    }
    return undefined;
  }, `a finished run log under .workflow-runs/${workflowFolder}`);
}

const endedAs = (outcome: string) => (records: LogRecord[]) => records.at(-1)?.type === 'run-end' && records.at(-1)?.outcome === outcome;

async function closeEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
}

describe('the runner', () => {
  let workbench: Workbench | undefined;
  const it = workbenchTest(() => workbench);

  before(async () => {
    workbench = await openWorkbench('runner', (folder) => {
      const dir = join(folder, 'docs', 'workflows', 'e2e');
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(DOCS)) writeFileSync(join(dir, name), text);
      // Placeholder values from a .env file, as wfs.run.envFile names it.
      writeFileSync(join(folder, '.env'), '# values for the runner\nREGION="eu-west-1"\n');
      mkdirSync(join(folder, '.vscode'), { recursive: true });
      writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'wfs.run.envFile': '.env' }));
      // A run an earlier VS Code session left unfinished (its window closed mid-run): no run-end, a dead process.
      const old = join(folder, '.workflow-runs', 'old-deploy');
      mkdirSync(old, { recursive: true });
      const header = {
        type: 'run-start', time: 1_700_000_000_000, runId: '2023-11-14T22-13-20-000Z', workflow: 'Old deploy',
        uri: `file://${join(folder, 'docs', 'workflows', 'old-deploy.md')}`, relativePath: 'docs/workflows/old-deploy.md',
        steps: [{ index: 0, title: 'Build', line: 3, hasRollback: false, manual: false }, { index: 1, title: 'Ship', line: 9, hasRollback: false, manual: false }],
        // Above Linux's largest process id: certainly not running.
        scope: 'workflow', pid: 4_194_305, session: 'an-earlier-session',
      };
      const lines = [
        header,
        { type: 'step-start', time: 1_700_000_000_100, step: 0, title: 'Build', attempt: 1, phase: 'run' },
        { type: 'step-end', time: 1_700_000_001_100, step: 0, title: 'Build', status: 'passed', phase: 'run', exitCode: 0, durationMs: 1000, attempt: 1 },
        { type: 'step-start', time: 1_700_000_001_200, step: 1, title: 'Ship', attempt: 1, phase: 'run' },
      ];
      writeFileSync(join(old, '2023-11-14T22-13-20-000Z.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    });
  });

  after(async () => {
    await workbench?.close();
  });

  it('Run step runs the step in a terminal: its file is written, the next step is not run', async ({ page, folder }) => {
    await openFile(page, 'run-step.md');
    await clickLens(page, 'Run step');
    // The run's end, not the file's appearance: `echo … >` creates the file before it writes to it.
    const records = await finishedRun(folder, 'run-step');
    assert.equal(readFileSync(join(folder, 'out', 'step1.txt'), 'utf8'), 'written by step 1\n');
    // The terminal is named after the workflow.
    await page.locator('.terminal-tabs-entry, .single-terminal-tab, .panel .title-label', { hasText: 'Run: Run step e2e' }).first().waitFor();
    assert.equal(existsSync(join(folder, 'out', 'step2.txt')), false, 'Run step runs one step');
    // The run log: the header, then the events in order, each with what the issue asks for.
    const types = records.map((r) => r.type);
    assert.deepEqual(types.filter((t) => t !== 'output'), ['run-start', 'step-start', 'command', 'command', 'step-end', 'run-end']);
    const start = records[0];
    assert.equal(start.workflow, 'Run step e2e');
    assert.equal(start.scope, 'step');
    const end = records.find((r) => r.type === 'step-end')!;
    assert.equal(end.status, 'passed');
    assert.equal(end.exitCode, 0);
    assert.equal(typeof end.durationMs, 'number');
    assert.equal(records.at(-1)!.outcome, 'passed');
    // The Run panel shows the step passed and the run passed.
    const panel = runPanel(page);
    await panel.locator('[data-run-status="passed"]').waitFor();
    await panel.locator('[data-step="0"][data-status="passed"]').waitFor();
    await panel.locator('[data-step="1"][data-status="pending"]').waitFor();
    // A step's link in the panel reveals it in the document: the cursor goes to its heading (line 24), and the
    // focus stays in the panel. (The editor's active line number, not the status bar: that shows the focused editor.)
    await clickInPanel(page, panel.locator('[data-step="1"] a.step-link'));
    const editor = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'run-step.md' }) });
    await editor.locator('.line-numbers.active-line-number', { hasText: /^24$/ }).waitFor();
  });

  it('the Runs view lists the run with its outcome', async ({ page }) => {
    await showWorkflowsViews(page);
    const runs = viewPane(page, 'Runs');
    const header = runs.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const workflow = treeRow(runs, 'Run step e2e');
    await workflow.waitFor();
    if ((await workflow.getAttribute('aria-expanded')) === 'false') await workflow.click();
    // The run's own row (level 2): the workflow's row says "passed" too.
    await runs.locator('.monaco-list-row[aria-level="2"]', { hasText: /passed/ }).first().waitFor();
  });

  it("a step's Dry run shows that step alone; Run from here runs it and every later one", async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'run-step.md');
    await clickLens(page, 'Dry run', 1);
    const panel = runPanel(page);
    await panel.locator('[data-mode="dry-run"] pre', { hasText: 'touch out/step2.txt' }).waitFor();
    assert.equal(await panel.locator('li.plan-step').count(), 1, 'only the step the lens is above');
    assert.equal(existsSync(join(folder, 'out', 'step2.txt')), false, 'a dry run runs nothing');
    await closeEditors(page);
    await openFile(page, 'run-step.md');
    await clickLens(page, 'Run from here', 1);
    const records = await finishedRun(folder, 'run-step', (r) => r[0]?.scope === 'from' && endedAs('passed')(r));
    assert.equal(records[0].from, 1);
    assert.deepEqual(records.filter((r) => r.type === 'step-start').map((r) => r.step), [1]);
    assert.ok(existsSync(join(folder, 'out', 'step2.txt')));
  });

  it('a failing step stops the run, and its Rollback runs when accepted', async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'fail-rollback.md');
    await clickLens(page, 'Run workflow');
    await notificationButton(page, /failed/, 'Roll Back Step');
    // The run ends after the rollback: then its file is whole (`echo … >` creates it before writing).
    const records = await finishedRun(folder, 'fail-rollback');
    assert.equal(readFileSync(join(folder, 'out', 'rollback-2.txt'), 'utf8'), 'rolled back\n');
    assert.ok(existsSync(join(folder, 'out', 'fail-1.txt')), 'step 1 ran');
    assert.ok(existsSync(join(folder, 'out', 'fail-2-started.txt')), 'step 2 started');
    assert.equal(existsSync(join(folder, 'out', 'fail-2-after-exit.txt')), false, 'set -e: nothing after the failing line');
    assert.equal(existsSync(join(folder, 'out', 'fail-3.txt')), false, 'no later step runs');
    const failed = records.find((r) => r.type === 'step-end' && r.phase === 'run' && r.status === 'failed')!;
    assert.equal(failed.exitCode, 3);
    assert.ok(records.some((r) => r.type === 'step-end' && r.phase === 'rollback' && r.status === 'rolled-back' && r.step === 1));
    assert.equal(records.at(-1)!.outcome, 'failed');
    const panel = runPanel(page);
    await panel.locator('[data-run-status="failed"]').waitFor();
    await panel.locator('[data-step="0"][data-status="passed"]').waitFor();
    await panel.locator('[data-step="1"][data-status="rolled-back"]').waitFor();
    await panel.locator('[data-step="2"][data-status="pending"]').waitFor();
  });

  it('a manual step waits for Done; the Run panel survives being closed and answers it', async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'manual-wait.md');
    await clickLens(page, 'Run workflow');
    const after = join(folder, 'out', 'after-manual.txt');
    // The run waits: the prompt is up, the panel shows the step running, and the next step has not run.
    await page.locator('.notifications-toasts .notification-toast', { hasText: /Manual step 1/ }).first().waitFor();
    await runPanel(page).locator('[data-step="0"][data-status="running"]').waitFor();
    await page.locator('.statusbar-item', { hasText: /Manual step e2e: waiting for Done/ }).waitFor();
    assert.equal(existsSync(after), false, 'the step after the manual one waits');
    // Closing every editor (the Run panel too) does not stop the run; Show Run Panel brings it back.
    await closeEditors(page);
    assert.equal(existsSync(after), false, 'still waiting after the panel closed');
    await runCommand(page, 'Workflow Studio: Show Run Panel');
    const done = runPanel(page).locator('[data-step="0"] button', { hasText: /^Done$/ });
    await clickInPanel(page, done);
    await waitFor(() => (existsSync(after) ? true : undefined), 'out/after-manual.txt after Done');
    const records = await finishedRun(folder, 'manual-wait');
    assert.ok(records.some((r) => r.type === 'manual' && r.choice === 'done'));
    assert.equal(records.at(-1)!.outcome, 'passed');
    await runPanel(page).locator('[data-run-status="passed"]').waitFor();
    await page.locator('.statusbar-item', { hasText: /Manual step e2e:/ }).waitFor({ state: 'detached' });
  });

  it("a manual step's Mark done lens records it as done when no run waits on it", async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'manual-wait.md');
    await clickLens(page, 'Mark done');
    const records = await finishedRun(folder, 'manual-wait', (r) => r[0]?.scope === 'step' && endedAs('passed')(r));
    assert.ok(records.some((r) => r.type === 'manual' && r.choice === 'done' && r.step === 0));
    assert.deepEqual(records.filter((r) => r.type === 'step-start').map((r) => r.step), [0], 'that step alone');
  });

  it("the Run panel's Stop ends the running command and records the run as cancelled", async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'stop.md');
    await clickLens(page, 'Run workflow');
    await waitFor(() => (existsSync(join(folder, 'out', 'stop-started.txt')) ? true : undefined), 'out/stop-started.txt');
    await clickInPanel(page, runPanel(page).locator('button', { hasText: /^Stop$/ }));
    const records = await finishedRun(folder, 'stop');
    assert.equal(records.at(-1)!.outcome, 'cancelled');
    await runPanel(page).locator('[data-run-status="cancelled"]').waitFor();
    assert.equal(existsSync(join(folder, 'out', 'stop-finished.txt')), false, 'the command was killed');
    assert.equal(existsSync(join(folder, 'out', 'stop-step2.txt')), false, 'no later step ran');
  });

  it("the Run panel's Retry step runs the failed step again and the run goes on", async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'retry.md');
    await clickLens(page, 'Run workflow');
    // Nothing to roll back: the run just stops, failed, with no question asked.
    await finishedRun(folder, 'retry', endedAs('failed'));
    await runPanel(page).locator('[data-step="0"][data-status="failed"]').waitFor();
    await clickInPanel(page, runPanel(page).locator('[data-step="0"] button', { hasText: /^Retry step$/ }));
    await waitFor(() => (existsSync(join(folder, 'out', 'retry-step2.txt')) ? true : undefined), 'out/retry-step2.txt after Retry step');
    const records = await finishedRun(folder, 'retry', endedAs('passed'));
    assert.ok(records.some((r) => r.type === 'resume' && r.action === 'retry' && r.step === 0));
    await runPanel(page).locator('[data-run-status="passed"]').waitFor();
    await runPanel(page).locator('[data-step="1"][data-status="passed"]').waitFor();
  });

  it("an earlier session's unfinished run is marked interrupted, and opens read-only from the Runs view", async ({ page, folder }) => {
    // The Runs view reads the logs: the unfinished one is marked first.
    await closeEditors(page);
    await showWorkflowsViews(page);
    const runs = viewPane(page, 'Runs');
    const workflow = treeRow(runs, 'Old deploy');
    await workflow.waitFor();
    const records = await finishedRun(folder, 'old-deploy', endedAs('interrupted'));
    assert.equal(records.filter((r) => r.type === 'run-end').length, 1, 'marked once');
    if ((await workflow.getAttribute('aria-expanded')) === 'false') await workflow.click();
    await runs.locator('.monaco-list-row[aria-level="2"]', { hasText: /interrupted/ }).first().click();
    const panel = runPanel(page);
    await panel.locator('[data-read-only="true"][data-run-status="interrupted"]').waitFor();
    await panel.locator('[data-step="0"][data-status="passed"]').waitFor();
    assert.equal(await panel.locator('button', { hasText: /^(Stop|Retry step|Skip|Roll back|Done|Abort)$/ }).count(), 0, 'a past run offers no actions');
  });

  it('a YAML definition runs from its lens: a retry with backoff, then the success route', async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'retry-route.workflow.yaml');
    await clickLens(page, 'Run workflow');
    const records = await finishedRun(folder, 'retry-route', endedAs('passed'));
    assert.ok(existsSync(join(folder, 'out', 'yaml-published.txt')), 'the success route led to "publish"');
    assert.equal(existsSync(join(folder, 'out', 'yaml-skipped.txt')), false, 'the step the route passes over did not run');
    const retry = records.find((r) => r.type === 'retry');
    assert.equal(retry?.attempt, 2);
    assert.equal(retry?.delayMs, 1000);
    assert.ok(records.some((r) => r.type === 'route' && r.to === 'publish' && r.on === 'success'));
    const flaky = records.find((r) => r.type === 'step-end' && r.step === 0)!;
    assert.equal(flaky.status, 'passed');
    assert.equal(flaky.attempt, 2);
  });

  it('asks a secret placeholder in a password box, runs it quoted, keeps it out of the log; a destructive command waits for an approval', async ({ page, folder }) => {
    const secret = "s3cr3t 'value' $(touch out/pwned)";
    await closeEditors(page);
    await openFile(page, 'secret-risky.md');
    await clickLens(page, 'Run workflow');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill(secret);
    await page.keyboard.press('Enter');
    // Step 2's `rm -rf` is in the destructive-command table (no risky pattern is set by default): a modal asks;
    // nothing of step 2 runs before the approval.
    const dialog = page.locator('.monaco-dialog-box', { hasText: /Approve step 2/ });
    await dialog.waitFor();
    assert.equal(existsSync(join(folder, 'out', 'cleaned.txt')), false);
    await dialog.locator('.monaco-button', { hasText: 'Approve' }).click();
    const records = await finishedRun(folder, 'secret-risky', endedAs('passed'));
    assert.equal(readFileSync(join(folder, 'out', 'token.txt'), 'utf8'), secret, 'the value ran as one literal word');
    assert.equal(existsSync(join(folder, 'out', 'pwned')), false);
    assert.ok(existsSync(join(folder, 'out', 'cleaned.txt')));
    const log = runLogs(folder, 'secret-risky').map((f) => readFileSync(f, 'utf8')).join('');
    assert.ok(!log.includes('s3cr3t'), 'the secret is not in the run log');
    assert.ok(log.includes('***'), 'its place is masked');
    const approval = records.find((r) => r.type === 'approval')!;
    assert.equal(approval.approved, true);
    assert.equal(approval.step, 1);
    assert.match(String(approval.reason), /`rm -rf out\/scratch` changes state \(rm\)/);
    assert.doesNotMatch(String(approval.reason), /risky pattern/);
    assert.equal(typeof approval.approver, 'string');
    assert.equal(await runPanel(page).locator('text=s3cr3t').count(), 0, 'nor in the Run panel');
  });

  it('a decision step asks which branch to take; the branch reads its placeholder from the .env file', async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'decide.workflow.yaml');
    await clickLens(page, 'Run workflow');
    const pick = page.locator('.quick-input-widget', { hasText: /Decision at step 1/ });
    await pick.waitFor();
    await pick.locator('input').fill('right');
    await pick.locator('.monaco-list-row.focused', { hasText: 'right' }).waitFor();
    await page.keyboard.press('Enter');
    const records = await finishedRun(folder, 'decide', endedAs('passed'));
    assert.ok(records.some((r) => r.type === 'decision' && r.branch === 'right'));
    assert.equal(existsSync(join(folder, 'out', 'left.txt')), false, 'the other branch did not run');
    // No prompt was needed for REGION: the run would have waited on it.
    assert.equal(readFileSync(join(folder, 'out', 'right.txt'), 'utf8'), 'eu-west-1');
  });

  it('a dry run shows the resolved commands and runs nothing', async ({ page, folder }) => {
    await closeEditors(page);
    await openFile(page, 'dry-run.md');
    await clickLens(page, 'Dry run workflow');
    await webviewElement(page, 'pre', 'touch out/dry-run-must-not-exist.txt');
    await webviewElement(page, 'pre', 'rm -f out/dry-run-must-not-exist.txt');
    assert.equal(existsSync(join(folder, 'out', 'dry-run-must-not-exist.txt')), false);
    assert.deepEqual(runLogs(folder, 'dry-run'), [], 'a dry run writes no run log');
  });
});
