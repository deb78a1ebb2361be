// Regenerates the README's pictures of the extension: the same code-server and chromium as the end-to-end tests,
// on a copy of examples/. docs/images/workflow-studio.png: the Workflows views open and a workflow with a squiggle
// in the editor. With --run, docs/images/run-panel.png: examples/docs/workflows/try-a-run.md run to the end, its
// Run panel beside it. With --conventions, docs/images/conventions.png: the runbooks of
// test/fixtures/conventions (the end-to-end test's), one without the Rollback its siblings have, its information
// squiggle and hover. Not part of any test run.
// Usage: node scripts/e2e/screenshot.mjs [--run | --conventions] [output.png]
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import {
  buildAndPackage,
  chromiumPath,
  createRunDirs,
  ensureCodeServer,
  installExtension,
  root,
  startCodeServer,
} from './code-server.mjs';

const runMode = process.argv.includes('--run');
const conventionsMode = process.argv.includes('--conventions');
const outArg = process.argv.slice(2).find((a) => a !== '--run' && a !== '--conventions');
const output = resolve(outArg ?? join(root, 'docs', 'images', runMode ? 'run-panel.png' : conventionsMode ? 'conventions.png' : 'workflow-studio.png'));
// A workflow with problems and steps: its errors show as squiggles, its steps in the Steps view.
const FILE = 'nightly-report.workflow.yaml';
const TIMEOUT_MS = 60_000;

const runDir = mkdtempSync(join(tmpdir(), 'wfs-screenshot-'));
let server;
let context;
try {
  ensureCodeServer();
  const dirs = createRunDirs(join(runDir, 'vscode'));
  const settingsFile = join(dirs.userData, 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
  writeFileSync(settingsFile, JSON.stringify({ ...settings, 'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false }, null, 2));
  installExtension(dirs, buildAndPackage(runDir));
  server = await startCodeServer(dirs, { logFile: join(runDir, 'code-server.log') });

  const folder = join(runDir, 'examples');
  cpSync(join(root, 'examples'), folder, { recursive: true });
  if (conventionsMode) cpSync(join(root, 'test', 'fixtures', 'conventions'), folder, { recursive: true });
  context = await chromium.launchPersistentContext(join(runDir, 'chromium'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: { width: 1280, height: 860 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT_MS);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.statusbar').waitFor();

  if (runMode) {
    await runTryARun(page);
  } else if (conventionsMode) {
    await conventionSquiggle(page);
  } else {
    await viewsAndSquiggles(page);
  }
  if (!conventionsMode) {
    // The mouse away from anything that shows a hover (the activity bar icon's tooltip), then the tooltip gone.
    await page.mouse.move(1200, 600);
    await page.locator('.workbench-hover, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' });
  }

  mkdirSync(join(output, '..'), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`screenshot: ${relative(process.cwd(), output)} (${Math.round(statSync(output).size / 1024)} KB)`);
} finally {
  await context?.close();
  await server?.stop();
  rmSync(runDir, { recursive: true, force: true });
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container.active .tab.active', { hasText: name }).waitFor();
}

/** The Workflows views, with the catalog's counts filled in, and a YAML definition with its squiggles and steps. */
async function viewsAndSquiggles(page) {
  await page.locator('.part.activitybar .action-item .action-label[aria-label^="Workflows"]').click();
  await page.locator('.part.sidebar .pane .label-description', { hasText: 'error' }).first().waitFor();

  // The workflow, once its squiggles and its steps are shown.
  await openFile(page, FILE);
  await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor();
  await page.locator('.part.sidebar .pane .monaco-list-row', { hasText: 'archive' }).first().waitFor();
}

/** A runbook without the section its siblings have: the squiggle on its title, its hover, the Problems panel. */
async function conventionSquiggle(page) {
  await openFile(page, 'renew-certs.md');
  const squiggle = page.locator('.editor-group-container.active .monaco-editor .squiggly-info').first();
  await squiggle.waitFor();
  // The Problems panel narrowed to the conventions' findings (the examples' own problems would fill it).
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor();
  await page.locator('.viewpane-filter input').first().fill('convention');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'Rollback' }).first().waitFor();
  // The pointer over the squiggle (measured before the panel took the focus) shows its hover.
  const box = await page.locator('.monaco-editor .squiggly-info').first().boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.monaco-hover:not(.hidden)', { hasText: 'runbooks' }).first().waitFor();
}

/** Runs try-a-run.md from its code lens: a name for <YOUR_NAME>, Done at the manual step, the approval, then the passed run. */
async function runTryARun(page) {
  await page.locator('.part.activitybar .action-item .action-label[aria-label^="Workflows"]').click();
  await openFile(page, 'try-a-run.md');
  await page.locator('.monaco-editor .codelens-decoration a', { hasText: /^\s*Run workflow\s*$/ }).first().click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('Ada');
  await page.keyboard.press('Enter');
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Manual step 3/ }).first();
  await toast.waitFor();
  await toast.locator('.monaco-button', { hasText: 'Done' }).click();
  // The clean-up's `rm -rf` matches a risky pattern: the run asks for an approval.
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Approve' }).click();
  const panel = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
  await panel.locator('[data-run-status="passed"]').waitFor();
  await page.locator('.part.sidebar .pane .monaco-list-row', { hasText: 'Try a Run' }).first().waitFor();
}
