/**
 * Conventions in a real VS Code: a folder of four runbooks, one without the Rollback section the other three have;
 * the information squiggle on its title, its Problems entry saying how many siblings have the section, and the
 * quick fix that inserts the section where the others put it; Save Convention as Template writing the template and
 * editing `.wfs.json` in place.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Workbench } from './workbench';
import { goToLine, openFile, openWorkbench, pickAction, problemRows, runCommand, saveAndWaitForFile, waitFor, workbenchTest } from './workbench';

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

  it('Save Convention as Template writes the template and adds it to .wfs.json, keeping its comments', async ({ page, folder }) => {
    await openFile(page, 'renew-certs.md');
    await runCommand(page, 'Workflow Studio: Save Convention as Template');
    // The suggested path, accepted as it is.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    assert.equal(await input.inputValue(), '.wfs/templates/ops-runbooks.md');
    await page.keyboard.press('Enter');
    const template = await waitFor(() => {
      const path = join(folder, '.wfs', 'templates', 'ops-runbooks.md');
      return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    }, 'the template file');
    assert.match(template, /^# \[Workflow Name\]\n\n\*\*Last reviewed\*\*: \[Last reviewed\]\n\*\*Owner\*\*: \[Owner\]\n\n## Prerequisites\n[^]*## Steps\n[^]*## Rollback\n/);
    const config = await waitFor(() => {
      const text = readFileSync(join(folder, '.wfs.json'), 'utf8');
      return text.includes('"templates"') ? text : undefined;
    }, '.wfs.json to name the template');
    assert.match(config, /\/\/ Rule severities for this workspace/);
    assert.match(config, /"templates": \{\s*"ops\/runbooks\/\*\.md": "\.wfs\/templates\/ops-runbooks\.md"\s*\}/);
    assert.match(config, /"exclude": \["drafts"\]/);
  });
});
