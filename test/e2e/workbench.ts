/**
 * The end-to-end tests' hands and eyes: a chromium (playwright-core) on the code-server that scripts/e2e.mjs
 * started, opened on a fresh copy of examples/, with the few gestures the tests need (quick open, go to line,
 * the Problems panel, saving) done as a user does them: keys and clicks, then waiting for what the screen shows.
 *
 * Run through `npm run test:e2e`, which sets the WFS_E2E_* variables.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import type { BrowserContext, Locator, Page } from 'playwright-core';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`npm run test:e2e\``);
  return value;
}

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** How long one expectation may take: the first diagnostics wait for the extension host and the server. */
export const TIMEOUT_MS = 30_000;

export interface Workbench {
  page: Page;
  /** The workspace folder: a copy of examples/ this test file alone uses. */
  folder: string;
  close(): Promise<void>;
}

let opened = 0;

/**
 * Copies examples/ into a folder of its own (after `prepare` may add files to it), opens chromium on code-server
 * with that folder, and waits for the workbench. `query` adds URL parameters (the in-host suite's `payload`); `url`
 * is another code-server's (a test that starts its own).
 */
export async function openWorkbench(
  name: string,
  prepare?: (folder: string) => void,
  query: Record<string, string> = {},
  url = required('WFS_E2E_URL'),
): Promise<Workbench> {
  const runDir = required('WFS_E2E_RUN_DIR');
  const slot = `${name}-${process.pid}-${opened++}`;
  const folder = join(runDir, 'workspaces', slot);
  mkdirSync(folder, { recursive: true });
  cpSync(required('WFS_E2E_EXAMPLES'), folder, { recursive: true });
  prepare?.(folder);
  const profile = mkdtempSync(join(runDir, `chromium-${slot}-`));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: required('WFS_E2E_CHROMIUM'),
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1600, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT_MS);
  const extra = Object.entries(query).map(([key, value]) => `&${key}=${encodeURIComponent(value)}`).join('');
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}${extra}`);
  await page.locator('.monaco-workbench').waitFor();
  // The status bar is the last part of the workbench to render: after it, keys reach the workbench.
  await page.locator('.statusbar').waitFor();
  return { page, folder, close: () => context.close() };
}

/**
 * Runs a test body; when it fails, saves a screenshot under test-results/e2e/ (named after the test), and next to
 * it what the screenshot cannot show (every editor group's tabs, each webview frame and what it draws), and
 * rethrows.
 */
export async function withScreenshot(workbench: () => Workbench | undefined, testName: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const page = workbench()?.page;
    if (page) {
      const dir = required('WFS_E2E_RESULTS');
      mkdirSync(dir, { recursive: true });
      const base = join(dir, testName.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, ''));
      await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
      await describePage(page).then((text) => writeFileSync(`${base}.txt`, text), () => undefined);
      console.error(`screenshot: ${base}.png`);
    }
    throw error;
  }
}

/** The editor groups' tabs, the webviews' frames and the notifications, in words (nothing here waits). */
async function describePage(page: Page): Promise<string> {
  // Runs in the page, so no helper functions inside (tsx wraps named ones in a helper the page does not have), and
  // the DOM's types are not in this project's compiler settings.
  const lines: string[] = await page.evaluate(() => {
    const doc = (globalThis as any).document;
    const out: string[] = [];
    [...doc.querySelectorAll('.editor-group-container')].forEach((group: any, i: number) => {
      const tabs = [...group.querySelectorAll('.tab')].map((tab: any) => `${String(tab.textContent).trim()}${tab.classList.contains('active') ? ' *' : ''}`);
      out.push(`editor group ${i + 1}${group.classList.contains('active') ? ' (active)' : ''}: ${tabs.join(' | ') || '(empty)'}`);
    });
    [...doc.querySelectorAll('iframe.webview')].forEach((frame: any, i: number) => {
      const box = frame.getBoundingClientRect();
      const visibility = frame.ownerDocument.defaultView.getComputedStyle(frame).visibility;
      out.push(`webview ${i + 1} [${frame.className}; ${Math.round(box.width)}x${Math.round(box.height)} at ${Math.round(box.x)},${Math.round(box.y)}; ${visibility}]`);
    });
    [...doc.querySelectorAll('.notifications-toasts .notification-toast')].forEach((toast: any) => {
      out.push(`notification: ${String(toast.textContent).replace(/\s+/g, ' ').trim().slice(0, 300)}`);
    });
    [...doc.querySelectorAll('.quick-input-widget')].forEach((widget: any) => {
      if (widget.style.display !== 'none') out.push(`quick input: ${String(widget.textContent).replace(/\s+/g, ' ').trim().slice(0, 300)}`);
    });
    return out;
  });
  // Webview content is another origin: read it through Playwright's frames (a webview's page loads as fake.html).
  for (const frame of page.frames()) {
    if (!frame.url().includes('/fake.html')) continue;
    const body = await frame
      .evaluate(() => String((globalThis as any).document.body?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 500))
      .catch(() => '(unreadable)');
    lines.push(`frame ${frame.url().slice(0, 80)}: ${body}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The first element of a webview's page (a `fake.html` frame) that matches `selector` and holds `text`, once it is
 * visible. Found through Playwright's own list of frames rather than the workbench's iframe chain: under load, a
 * panel drawn in full was once not found through `iframe.webview.ready >> #active-frame` for 30 s while its frame was
 * listed and readable. Each pass waits for the state in every webview frame known so far, then lists them again.
 */
export async function webviewElement(page: Page, selector: string, text: string, timeoutMs = 30_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (!frame.url().includes('/fake.html')) continue;
      const found = frame.locator(selector, { hasText: text }).first();
      const shown = await found.waitFor({ state: 'visible', timeout: 1000 }).then(() => true, () => false);
      if (shown) return found;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} with "${text}" after ${timeoutMs} ms\n${await describePage(page)}`);
    // No webview frame yet: wait for the page to attach one (bounded, then the frames are listed again).
    if (!page.frames().some((f) => f.url().includes('/fake.html'))) await page.waitForEvent('frameattached', { timeout: 1000 }).catch(() => undefined);
  }
}

/** Ctrl+P, the file's name, Enter; waits for its editor tab to be the active one. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(fileName);
  // Enter only once the FOCUSED row is the file: before the search answers, Enter would pick nothing, and a
  // recently opened file can be listed (and focused) before the typed name has filtered the list.
  await focusedPick(page, fileName).waitFor();
  await page.keyboard.press('Enter');
  await activeEditorTab(page, fileName).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}

export function activeEditorTab(page: Page, fileName: string): Locator {
  return page.locator('.editor-group-container.active .tab.active', { hasText: fileName });
}

/** Ctrl+G and `line:column` (1-based): moves the cursor of the active editor there. */
export async function goToLine(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.editor-group-container.active .monaco-editor textarea.inputarea').first().focus();
}

/**
 * Picks the entry of an open action list (the light bulb's Quick Fix menu) whose text contains `text`: arrow keys
 * until it is the focused one, then Enter. (The menu's pointer guard takes clicks for a moment after it opens.)
 */
export async function pickAction(page: Page, text: string): Promise<void> {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.filter({ hasText: text }).first().waitFor();
  const count = await rows.count();
  for (let i = 0; i <= count; i++) {
    const focused = page.locator('.action-widget .monaco-list-row.action.focused');
    if (((await focused.textContent()) ?? '').includes(text)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no action "${text}" could be focused in the menu`);
}

/** Escape twice: closes whatever menu, widget or quick input a previous step left open. */
export async function dismissWidgets(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
}

/** Opens the Problems panel (Ctrl+Shift+M) unless it is open, and returns it. */
export async function problemsPanel(page: Page): Promise<Locator> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor();
  return panel;
}

/** Problems rows whose text contains `text` (narrowed with the panel's filter box, so the row is rendered). */
export async function problemRows(page: Page, text: string): Promise<Locator> {
  const panel = await problemsPanel(page);
  const filter = page.locator('.viewpane-filter input').first();
  await filter.fill(text);
  return panel.locator('.monaco-list-row', { hasText: text });
}

/** Ctrl+S in the active editor, then waits until the file on disk passes `check`. */
export async function saveAndWaitForFile(page: Page, file: string, check: (text: string) => boolean): Promise<string> {
  await page.keyboard.press('Control+S');
  return waitFor(() => {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    return check(text) ? text : undefined;
  }, `${file} to change on disk`);
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** F1, the command's label as the palette shows it, Enter once that command is the focused entry. */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${label}`);
  // The focused entry must be this command, not one whose label begins the same ("View: Close All Editors in Group").
  await focusedPick(page, label).waitFor();
  await page.keyboard.press('Enter');
}

/** The focused row of the open quick pick when its label is exactly `label`. */
function focusedPick(page: Page, label: string): Locator {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('.quick-input-widget .monaco-list-row.focused').filter({ has: page.locator('.label-name', { hasText: exact }) });
}

/** Clicks the Workflows icon in the activity bar unless its views are showing (a second click would hide them). */
export async function showWorkflowsViews(page: Page): Promise<void> {
  const catalog = viewPane(page, 'Catalog');
  if (await catalog.isVisible()) return;
  await page.locator('.part.activitybar .action-item .action-label[aria-label^="Workflows"]').click();
  await catalog.waitFor();
}

/** The side bar's view pane titled `title` (its header and body). */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`) }) });
}

/** The rows of a tree view whose label contains `label`. */
export function treeRow(pane: Locator, label: string): Locator {
  return pane.locator('.monaco-list-row').filter({ has: pane.page().locator('.label-name', { hasText: label }) });
}

/**
 * The `it` of an e2e suite: each test starts with no stray widget open and saves a screenshot when it fails.
 * `workbench` is read when the test runs (the suite's `before` opens it).
 */
export function workbenchTest(workbench: () => Workbench | undefined): (name: string, body: (wb: Workbench) => Promise<void>) => void {
  return (name, body) => {
    test(name, () =>
      withScreenshot(workbench, name, async () => {
        await dismissWidgets(workbench()!.page);
        await body(workbench()!);
      }),
    );
  };
}
