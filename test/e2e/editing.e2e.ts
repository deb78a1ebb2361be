/**
 * Editing a workflow in a real VS Code: the squiggle and Problems entry of a blank section, its quick fix from the
 * light bulb, and completion of a front-matter enum value.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Workbench } from './workbench';
import { goToLine, openFile, openWorkbench, pickAction, problemRows, saveAndWaitForFile, workbenchTest } from './workbench';

const BLANK_MESSAGE = 'Section "3.2 Input Payloads" is blank';
const HEADING_LINE = 72; // `### 3.2 Input Payloads` in examples/docs/workflows/customer-sync.md
const HEADING_COLUMN = 5;

// A seed-000-style workflow whose front matter lacks `frequency`; line 8 is the empty line to type it on.
const WEEKLY_REPORT = `---
title: "[Workflow] Weekly Report"
type: system
subtype: workflow
tags: [workflow, reporting]
created: 2026-03-02T09:00:00Z
version: 1

---

# [Workflow] Weekly Report

## Overview
Collects the week's numbers and mails them to the team.
`;

describe('editing a workflow', () => {
  let workbench: Workbench | undefined;
  const it = workbenchTest(() => workbench);

  before(async () => {
    workbench = await openWorkbench('editing', (folder) => {
      writeFileSync(join(folder, 'docs', 'workflows', 'weekly-report.md'), WEEKLY_REPORT);
    });
  });
  after(async () => {
    await workbench?.close();
  });

  it('a blank section shows a squiggle and a Problems entry', async ({ page }) => {
    await openFile(page, 'customer-sync.md');
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-warning').first().waitFor();
    const rows = await problemRows(page, BLANK_MESSAGE);
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().textContent()) ?? '', /section\.blank/);
  });

  it('the light bulb\'s quick fix marks the section not applicable and the problem goes', async ({ page, folder }) => {
    await openFile(page, 'customer-sync.md');
    await goToLine(page, HEADING_LINE, HEADING_COLUMN);
    await page.keyboard.press('Control+.');
    await pickAction(page, 'Mark "3.2 Input Payloads" as not applicable');
    const file = join(folder, 'docs', 'workflows', 'customer-sync.md');
    const text = await saveAndWaitForFile(page, file, (t) => /### 3\.2 Input Payloads\s+Not applicable for this workflow/.test(t));
    assert.doesNotMatch(text, /\*\*Schema \(fields & types\):\*\*/, 'the blank fields are replaced');
    const rows = await problemRows(page, BLANK_MESSAGE);
    await rows.first().waitFor({ state: 'detached' });
    // The other blank section is still reported: the fix touched only its own.
    await (await problemRows(page, 'Section "8.2 Metrics" is blank')).first().waitFor();
  });

  it('completes a front-matter enum value', async ({ page, folder }) => {
    await openFile(page, 'weekly-report.md');
    await goToLine(page, 8);
    await page.keyboard.type('frequency: ');
    await page.keyboard.press('Control+Space');
    // The entry labelled exactly `weekly`: not a word VS Code picked up from the text ("Weekly Report").
    const weekly = page
      .locator('.editor-widget.suggest-widget .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: /^weekly$/ }) });
    await weekly.waitFor();
    await weekly.click();
    const file = join(folder, 'docs', 'workflows', 'weekly-report.md');
    // The whole front matter as the completion leaves it (a check on part of it could see a file half written).
    await saveAndWaitForFile(page, file, (t) => /\nversion: 1\nfrequency: weekly\n---\n/.test(t));
  });
});
