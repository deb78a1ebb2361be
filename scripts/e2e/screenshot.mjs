// Regenerates docs/images/workflow-studio.png, the README's picture of the extension: the same code-server and
// chromium as the end-to-end tests, on a copy of examples/, with the Workflows views open and a workflow with a
// squiggle in the editor. Not part of any test run.
// Usage: node scripts/e2e/screenshot.mjs [output.png]   (default: docs/images/workflow-studio.png)
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

const output = resolve(process.argv[2] ?? join(root, 'docs', 'images', 'workflow-studio.png'));
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

  // The Workflows views, with the catalog's counts filled in.
  await page.locator('.part.activitybar .action-item .action-label[aria-label^="Workflows"]').click();
  await page.locator('.part.sidebar .pane .label-description', { hasText: 'error' }).first().waitFor();

  // The workflow, once its squiggles and its steps are shown.
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(FILE);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: FILE }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container.active .tab.active', { hasText: FILE }).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor();
  await page.locator('.part.sidebar .pane .monaco-list-row', { hasText: 'archive' }).first().waitFor();
  // The mouse away from anything that shows a hover (the activity bar icon's tooltip), then the tooltip gone.
  await page.mouse.move(1200, 600);
  await page.locator('.workbench-hover, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' });

  mkdirSync(join(output, '..'), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`screenshot: ${relative(process.cwd(), output)} (${Math.round(statSync(output).size / 1024)} KB)`);
} finally {
  await context?.close();
  await server?.stop();
  rmSync(runDir, { recursive: true, force: true });
}
