/**
 * Conventions in a real VS Code: a folder of four runbooks, one without the Rollback section the other three have;
 * the information squiggle on its title, its Problems entry saying how many siblings have the section, and the
 * quick fix that inserts the section where the others put it.
 */
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Workbench } from './workbench';
import { goToLine, openFile, openWorkbench, pickAction, problemRows, saveAndWaitForFile, workbenchTest } from './workbench';

const FIXTURE = join(__dirname, '..', 'fixtures', 'conventions');
const MESSAGE = "3 of 4 runbooks in ops/runbooks/ have a 'Rollback' section.";

describe('conventions', () => {
  let workbench: Workbench | undefined;
  const it = workbenchTest(() => workbench);

  before(async () => {
    workbench = await openWorkbench('conventions', (folder) => cpSync(FIXTURE, folder, { recursive: true }));
  });
  after(async () => {
    await workbench?.close();
  });

  it('the runbook without the section its siblings have shows an information squiggle and a Problems entry', async ({ page }) => {
    await openFile(page, 'renew-certs.md');
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-info').first().waitFor();
    // The row names the rule (the list may render again as diagnostics arrive: wait for the row, not a count).
    const rows = await problemRows(page, MESSAGE);
    await rows.filter({ hasText: 'convention.section-missing' }).first().waitFor();
  });

  it('the quick fix inserts the section after Steps, as the siblings have it, and the problem goes', async ({ page, folder }) => {
    await openFile(page, 'renew-certs.md');
    await goToLine(page, 1, 5);
    await page.keyboard.press('Control+.');
    await pickAction(page, 'Add the section "Rollback" the other documents have');
    const file = join(folder, 'ops', 'runbooks', 'renew-certs.md');
    const text = await saveAndWaitForFile(page, file, (t) => t.includes('## Rollback'));
    assert.match(text, /\n## Steps\n\n1\. [^\n]*\n2\. [^\n]*\n3\. [^\n]*\n\n## Rollback\n\nTODO: fill in this section\.\n$/);
    const rows = await problemRows(page, MESSAGE);
    await rows.first().waitFor({ state: 'detached' });
  });
});
