/**
 * Code actions of the pure service: every quick fix applied to the text and compared with the exact text
 * expected, then the text linted again to check that the problem is gone; fix-all of a rule, source.fixAll.wfs,
 * CRLF documents, and diagnostics that no longer match the text.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWorkflowService } from '../../server/src/service';
import type { CodeActionItem, DiagnosticRef, LintOptions, TextEdit, WorkflowDiagnostic } from '../../server/src/service';
import { yamlSchemaFixes } from '../../server/src/service/features/fixes/values';
import { guidanceSentence } from '../../server/src/service/features/fixes/sections';
import { combineEdits } from '../../server/src/service/features/fixes/text';
import { workflowKind } from '../../server/src/service/parse/kind';

const service = createWorkflowService();
const MD_URI = 'file:///w/docs/workflows/deploy.md';
const YAML_URI = 'file:///w/workflows/ci.workflow.yaml';
let version = 0;

function doc(text: string, uri = MD_URI) {
  return { uri, version: ++version, getText: () => text };
}

function lint(text: string, options: LintOptions = {}, uri = MD_URI): WorkflowDiagnostic[] {
  return service.getDiagnostics(doc(text, uri), options);
}

/** Applies edits the way an LSP client does: all against the original text, which they must not overlap in. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start >= sorted[i - 1].end, `overlapping edits ${JSON.stringify(sorted)}`);
  let out = text;
  for (const e of sorted.reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The code actions for the `nth` diagnostic with `code` (and a message that includes `messagePart`). */
function actionsFor(text: string, code: string, options: LintOptions = {}, messagePart = '', uri = MD_URI): { diagnostic: WorkflowDiagnostic; actions: CodeActionItem[] } {
  const d = doc(text, uri);
  const diagnostics = service.getDiagnostics(d, options);
  const diagnostic = diagnostics.find((x) => x.code === code && x.message.includes(messagePart));
  assert.ok(diagnostic, `no ${code} diagnostic (${messagePart}) in ${JSON.stringify(diagnostics.map((x) => x.code))}`);
  return { diagnostic, actions: service.getCodeActions(d, options, { start: diagnostic.start, end: diagnostic.end }, [diagnostic]) };
}

/** The text after the action titled `title` for the diagnostic with `code`. */
function fixed(text: string, code: string, title: string, options: LintOptions = {}, messagePart = '', uri = MD_URI): string {
  const { actions } = actionsFor(text, code, options, messagePart, uri);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no action "${title}" in ${JSON.stringify(actions.map((a) => a.title))}`);
  return apply(text, action.edits);
}

const FM = '---\ntitle: Deploy\ntype: system\nsubtype: workflow\n---\n';

describe('section.missing: insert the section with its guidance as a TODO', () => {
  it('puts a first section under the title, after its text, with the first guidance sentence', () => {
    const text = `${FM}\n# Deploy\n\nShips the app.\n\n## Triggers\n\n- **Manual**: by hand\n`;
    const out = fixed(text, 'section.missing', 'Add the missing section "Overview"', {}, '"Overview"');
    assert.equal(out, `${FM}\n# Deploy\n\nShips the app.\n\n## Overview\n\nTODO: What this workflow accomplishes.\n\n## Triggers\n\n- **Manual**: by hand\n`);
    assert.ok(!lint(out).some((d) => d.code === 'section.missing' && d.data?.section === 'Overview'));
    assert.ok(!lint(out).some((d) => d.code === 'section.blank' && d.data?.section === 'Overview'));
  });

  it('inserts at the end of the text, after the previous section in template order', () => {
    const text = `${FM}\n# Deploy\n\n## Overview\n\nShips the app.`;
    const out = fixed(text, 'section.missing', 'Add the missing section "Rollback Procedure"', {}, '"Rollback Procedure"');
    assert.equal(out, `${FM}\n# Deploy\n\n## Overview\n\nShips the app.\n\n## Rollback Procedure\n\nTODO: fill in this section.`);
  });

  it('numbers a catalog section as the template does and brings its required sub-sections', () => {
    const text = '# Sync\n\n## 1. Problem Statement\n\nInvoices must sync.\n\n## 3. Triggers and Inputs\n\nA nightly cron.\n';
    const { actions } = actionsFor(text, 'section.missing', { format: 'catalog' }, '"High-Level Flow"');
    assert.equal(actions[0].title, 'Add the missing section "2. High-Level Flow"');
    assert.equal(actions[0].isPreferred, true);
    const out = apply(text, actions[0].edits);
    assert.equal(
      out,
      '# Sync\n\n## 1. Problem Statement\n\nInvoices must sync.\n\n' +
        '## 2. High-Level Flow\n\n### 2.1 Narrative\n\nTODO: Describe the end-to-end flow in a few paragraphs.\n\n' +
        '### 2.2 Steps & Actors (text diagram)\n\nTODO: List the main steps as a sequence.\n\n' +
        '## 3. Triggers and Inputs\n\nA nightly cron.\n',
    );
    const missing = lint(out, { format: 'catalog' }).filter((d) => d.code === 'section.missing').map((d) => d.data?.section);
    for (const title of ['High-Level Flow', 'Narrative', 'Steps & Actors (text diagram)']) assert.ok(!missing.includes(title), title);
  });

  it('brings the index entry with its required fields', () => {
    const text = '# Sync\n\n## 1. Problem Statement\n\nInvoices must sync.\n';
    const out = fixed(text, 'section.missing', 'Add the missing section "0. Index Entry (for catalog)"', { format: 'catalog' }, '"Index Entry');
    assert.equal(
      out,
      '# Sync\n\n## 0. Index Entry (for catalog)\n\n- **Workflow name:** TODO\n- **Short description (1–2 sentences):** TODO\n' +
        '- **Business domain / product:** TODO\n- **Category:** TODO\n- **Status:** TODO\n- **Risk level:** TODO\n' +
        '- **Primary systems touched:** TODO\n- **Primary owners (team / role):** TODO\n- **Related workflows:** TODO\n\n' +
        '## 1. Problem Statement\n\nInvoices must sync.\n',
    );
    const after = lint(out, { format: 'catalog' }).map((d) => d.code);
    assert.ok(!after.includes('index.missing') && !after.includes('index.field-missing'), after.join());
  });

  it('adds every missing section at once, in template order, one blank line apart', () => {
    const text = `${FM}\n# Deploy\n\n## Overview\n\nShips the app.\n`;
    const { actions } = actionsFor(text, 'section.missing', {}, '"Triggers"');
    const all = actions.find((a) => a.title === 'Add all missing sections');
    assert.ok(all);
    const out = apply(text, all.edits);
    assert.equal(
      out,
      `${FM}\n# Deploy\n\n## Overview\n\nShips the app.\n\n## Triggers\n\nTODO: fill in this section.\n\n## Prerequisites\n\nTODO: fill in this section.\n\n` +
        '## Steps\n\nTODO: fill in this section.\n\n## Rollback Procedure\n\nTODO: fill in this section.\n',
    );
    assert.deepEqual(lint(out).filter((d) => d.code === 'section.missing'), []);
  });

  it('takes guidance prose, not lists or headings, for the TODO', () => {
    assert.equal(guidanceSentence('[Brief description of what this workflow does]'), 'Brief description of what this workflow does.');
    assert.equal(guidanceSentence('- [ ] Condition 1 met\n- [ ] Access to system Y'), undefined);
    assert.equal(guidanceSentence('- **Name:**\n```bash\nrun this\n```\nThen check it. And more.'), 'Then check it.');
    // What follows a sub-heading is that sub-section's guidance ("[Repeat pattern]" under "### 2. Step Name").
    assert.equal(guidanceSentence('### 1. Step Name\n**Actor**: Human\n\n### 2. Step Name\n[Repeat pattern]'), undefined);
  });
});

describe('section.blank: not applicable, or a TODO', () => {
  const text = `${FM}\n# Deploy\n\n## Overview\n\nShips the app.\n\n## Prerequisites\n\n- [ ] Condition 1 met\n\n## Steps\n`;

  it('replaces the placeholders with "Not applicable for this workflow" and a TODO for the reason', () => {
    const { actions } = actionsFor(text, 'section.blank');
    assert.deepEqual(actions.slice(0, 2).map((a) => [a.title, a.isPreferred]), [
      ['Mark "Prerequisites" as not applicable for this workflow', undefined],
      ['Add a TODO to "Prerequisites"', undefined],
    ]);
    const out = apply(text, actions[0].edits);
    assert.equal(out, `${FM}\n# Deploy\n\n## Overview\n\nShips the app.\n\n## Prerequisites\n\nNot applicable for this workflow — TODO: say why.\n\n## Steps\n`);
    const after = lint(out).filter((d) => d.data?.section === 'Prerequisites' || d.code === 'section.not-applicable-reason');
    assert.deepEqual(after, []);
  });

  it('puts the TODO above the template hints', () => {
    const out = fixed(text, 'section.blank', 'Add a TODO to "Prerequisites"');
    assert.equal(out, `${FM}\n# Deploy\n\n## Overview\n\nShips the app.\n\n## Prerequisites\n\nTODO: fill in this section.\n\n- [ ] Condition 1 met\n\n## Steps\n`);
    assert.ok(!lint(out).some((d) => d.code === 'section.blank' && d.data?.section === 'Prerequisites'));
  });

  it('marks an empty section, and a blank sub-section of a template section, as not applicable', () => {
    const empty = `${FM}\n# Deploy\n\n## Prerequisites\n## Steps\n`;
    assert.equal(
      fixed(empty, 'section.blank', 'Mark "Prerequisites" as not applicable for this workflow'),
      `${FM}\n# Deploy\n\n## Prerequisites\n\nNot applicable for this workflow — TODO: say why.\n\n## Steps\n`,
    );
    const nested = '# Sync\n\n## 7. Job and Queue Model\n\n### 7.1 Jobs\n\n- **Name:**\n\n---\n\n## 8. Observability\n';
    // The leaf is reported (its parent only holds it), and marked where it is.
    const out = fixed(nested, 'section.blank', 'Mark "7.1 Jobs" as not applicable for this workflow', { format: 'catalog' }, 'Jobs');
    assert.equal(out, '# Sync\n\n## 7. Job and Queue Model\n\n### 7.1 Jobs\n\nNot applicable for this workflow — TODO: say why.\n\n---\n\n## 8. Observability\n');
    const after = lint(out, { format: 'catalog' });
    assert.ok(!after.some((d) => d.code === 'section.blank' && String(d.data?.section).includes('Job')));
    assert.ok(!after.some((d) => d.code === 'section.missing' && d.data?.section === 'Jobs'));
  });
});

const CATALOG = (fields: string) => `# Sync\n\n## 0. Index Entry (for catalog)\n\n${fields}\n## 1. Problem Statement\n\nInvoices must sync.\n`;

describe('index.field-missing: add the field as a list item', () => {
  it('adds the item after the last field, like it', () => {
    const text = CATALOG('- **Workflow name:** customer-sync\n- **Category:** Sync\n');
    const out = fixed(text, 'index.field-missing', 'Add the field "Status" to the index entry', { format: 'catalog' }, '"Status"');
    assert.equal(out, CATALOG('- **Workflow name:** customer-sync\n- **Category:** Sync\n- **Status:** TODO\n'));
    assert.ok(!lint(out, { format: 'catalog' }).some((d) => d.code === 'index.field-missing' && d.data?.field === 'Status'));
  });

  it('keeps a loose list loose, and adds every missing field at once', () => {
    const text = CATALOG(
      '- **Workflow name:** customer-sync\n\n- **Short description:** Syncs customers.\n\n- **Business domain / product:** Billing\n\n' +
        '- **Category:** Sync\n\n- **Status:** Draft\n\n- **Risk level:** Low\n\n- **Primary systems touched:** CRM\n',
    );
    const { actions } = actionsFor(text, 'index.field-missing', { format: 'catalog' });
    const all = actions.find((a) => a.title === 'Add all missing index entry fields');
    assert.ok(all);
    const out = apply(text, all.edits);
    assert.equal(
      out,
      CATALOG(
        '- **Workflow name:** customer-sync\n\n- **Short description:** Syncs customers.\n\n- **Business domain / product:** Billing\n\n' +
          '- **Category:** Sync\n\n- **Status:** Draft\n\n- **Risk level:** Low\n\n- **Primary systems touched:** CRM\n\n' +
          '- **Primary owners (team / role):** TODO\n\n- **Related workflows:** TODO\n',
      ),
    );
    assert.deepEqual(lint(out, { format: 'catalog' }).filter((d) => d.code === 'index.field-missing'), []);
  });
});

describe('index.value-not-allowed and frontmatter.schema: one action per allowed value', () => {
  it('offers each allowed Status and replaces only the value', () => {
    const text = CATALOG('- **Workflow name:** customer-sync\n- **Status:** Shipping soon\n');
    const { actions } = actionsFor(text, 'index.value-not-allowed', { format: 'catalog' });
    assert.deepEqual(
      actions.filter((a) => a.title.startsWith('Change')).map((a) => a.title),
      ['Draft', 'In design', 'In development', 'In review', 'Live (dev)', 'Live (staging)', 'Live (prod)', 'Deprecated'].map((v) => `Change Status to "${v}"`),
    );
    assert.ok(actions.every((a) => !a.isPreferred));
    const out = apply(text, actions.find((a) => a.title === 'Change Status to "Live (prod)"')!.edits);
    assert.equal(out, CATALOG('- **Workflow name:** customer-sync\n- **Status:** Live (prod)\n'));
    assert.ok(!lint(out, { format: 'catalog' }).some((d) => d.code === 'index.value-not-allowed'));
  });

  it('replaces a front-matter enum value, keeping its quotes', () => {
    const text = '---\ntitle: Deploy\ntype: system\nsubtype: workflow\nfrequency: "every week"\n---\n\n# Deploy\n';
    const { actions } = actionsFor(text, 'frontmatter.schema');
    assert.deepEqual(
      actions.filter((a) => a.title.startsWith('Change')).map((a) => a.title),
      ['Change frequency to "daily"', 'Change frequency to "weekly"', 'Change frequency to "monthly"', 'Change frequency to "on-demand"'],
    );
    const out = apply(text, actions[1].edits);
    assert.equal(out, '---\ntitle: Deploy\ntype: system\nsubtype: workflow\nfrequency: "weekly"\n---\n\n# Deploy\n');
    assert.ok(!lint(out).some((d) => d.code === 'frontmatter.schema'));
  });

  it('replaces a YAML definition value the schema lists values for', () => {
    const text = 'steps:\n  - name: a\n    backoff: sideways\n';
    const d = doc(text, YAML_URI);
    const model = service.parse(d);
    const span = model.yaml!.pathRanges.get('/steps/0/backoff')!;
    const ref: DiagnosticRef = { code: 'yaml.schema', message: 'm', start: span.start, end: span.end, data: { pointer: '/steps/0/backoff', keyword: 'enum', params: { allowedValues: ['linear', 'exponential'] } } };
    const fixes = yamlSchemaFixes.fixes({ model, eol: '\n' }, ref);
    assert.deepEqual(fixes.map((f) => f.title), ['Change backoff to "linear"', 'Change backoff to "exponential"']);
    assert.equal(apply(text, fixes[1].edits), 'steps:\n  - name: a\n    backoff: exponential\n');
  });
});

const STEPS = (steps: string) => `${FM}\n# Deploy\n\n## Steps\n\n${steps}## Rollback Procedure\n\n1. Redeploy the previous tag.\n`;

describe('step.missing-validation and step.missing-rollback', () => {
  it('adds the field at the end of the step, before the blank line and the next heading', () => {
    const text = STEPS('### 1. Build\n\n```bash\nmake\n```\n\n**Validation**: `make check` passes.\n\n### 2. Test\n\n```bash\nmake test\n```\n\n');
    const out = fixed(text, 'step.missing-rollback', 'Add a Rollback to step "Build"', {}, '"Build"');
    assert.equal(
      out,
      STEPS('### 1. Build\n\n```bash\nmake\n```\n\n**Validation**: `make check` passes.\n\n**Rollback**: TODO\n\n### 2. Test\n\n```bash\nmake test\n```\n\n'),
    );
    assert.ok(!lint(out).some((d) => d.code === 'step.missing-rollback' && d.data?.step === 'Build'));
  });

  it('keeps a blank line before the next heading when there was none, and skips a thematic break', () => {
    const text = STEPS('### 1. Build\nRun make.\n### 2. Test\n\nRun the tests.\n\n---\n\n');
    assert.equal(
      fixed(text, 'step.missing-validation', 'Add a Validation to step "Build"', {}, '"Build"'),
      STEPS('### 1. Build\nRun make.\n\n**Validation**: TODO\n\n### 2. Test\n\nRun the tests.\n\n---\n\n'),
    );
    assert.equal(
      fixed(text, 'step.missing-validation', 'Add a Validation to step "Test"', {}, '"Test"'),
      STEPS('### 1. Build\nRun make.\n### 2. Test\n\nRun the tests.\n\n**Validation**: TODO\n\n---\n\n'),
    );
  });

  it('fills in an empty field instead of adding a second one', () => {
    const text = STEPS('### 1. Build\n\n```bash\nmake\n```\n\n**Validation**:\n**Rollback**: `git revert HEAD`\n\n');
    const out = fixed(text, 'step.missing-validation', 'Fill in the empty Validation of step "Build"');
    assert.equal(out, STEPS('### 1. Build\n\n```bash\nmake\n```\n\n**Validation**: TODO\n**Rollback**: `git revert HEAD`\n\n'));
    assert.ok(!lint(out).some((d) => d.code === 'step.missing-validation'));
  });

  it('adds the field to a list step as a line of the item', () => {
    const text = `${FM}\n# Deploy\n\n## Steps\n\n1. **Build** the app.\n   \`\`\`bash\n   make\n   \`\`\`\n2. **Test** it.\n\n## Rollback Procedure\n\n1. Redeploy.\n`;
    const out = fixed(text, 'step.missing-validation', 'Add a Validation to step "Build"', {}, '"Build"');
    assert.equal(out, `${FM}\n# Deploy\n\n## Steps\n\n1. **Build** the app.\n   \`\`\`bash\n   make\n   \`\`\`\n   **Validation**: TODO\n2. **Test** it.\n\n## Rollback Procedure\n\n1. Redeploy.\n`);
    assert.ok(!lint(out).some((d) => d.code === 'step.missing-validation' && d.data?.step === 'Build'));
  });

  it('adds Validation to every step at once, and both fields to one step without piling up blank lines', () => {
    const text = STEPS('### 1. Build\nRun make.\n### 2. Test\nRun the tests.\n');
    const { actions } = actionsFor(text, 'step.missing-validation', {}, '"Build"');
    const all = actions.find((a) => a.title === 'Add a Validation to every step that lacks one');
    assert.ok(all);
    assert.equal(all.fixes.length, 1);
    assert.equal(apply(text, all.edits), STEPS('### 1. Build\nRun make.\n\n**Validation**: TODO\n\n### 2. Test\nRun the tests.\n\n**Validation**: TODO\n\n'));
    // source.fixAll.wfs also adds the missing sections; here it is about the two fields of one step.
    const both = apply(text, service.getFixAllEdits(doc(text)));
    assert.ok(
      both.endsWith('### 1. Build\nRun make.\n\n**Validation**: TODO\n\n**Rollback**: TODO\n\n### 2. Test\nRun the tests.\n\n**Validation**: TODO\n\n**Rollback**: TODO\n\n## Rollback Procedure\n\n1. Redeploy the previous tag.\n'),
      both,
    );
  });
});

describe('step numbering: renumber the whole sequence', () => {
  it('renumbers after a gap and a duplicate, changing only the numbers', () => {
    const text = STEPS('### Step 1: Build\nmake\n### Step 3: Test\nmake test\n### Step 3: Ship\nmake ship\n### Step 7: Tag\ngit tag\n');
    const gap = actionsFor(text, 'step.numbering-gap', {}, '"Test"');
    const renumber = gap.actions[0];
    assert.deepEqual([renumber.title, renumber.isPreferred], ['Renumber the steps 1 to 4', true]);
    const out = apply(text, renumber.edits);
    assert.equal(out, STEPS('### Step 1: Build\nmake\n### Step 2: Test\nmake test\n### Step 3: Ship\nmake ship\n### Step 4: Tag\ngit tag\n'));
    const after = lint(out).map((d) => d.code);
    assert.ok(!after.includes('step.numbering-gap') && !after.includes('step.numbering-duplicate'));
    // The duplicate's fix is the same renumbering.
    const duplicate = actionsFor(text, 'step.numbering-duplicate');
    assert.deepEqual(duplicate.actions[0].edits, renumber.edits);
  });

  it('offers one renumbering for a gap and a duplicate on the same step', () => {
    const text = STEPS('### 1. Build\nmake\n### 1. Test\nmake test\n### 4. Ship\nmake ship\n');
    const d = doc(text);
    const diagnostics = service.getDiagnostics(d).filter((x) => x.code.startsWith('step.numbering'));
    const actions = service.getCodeActions(d, {}, { start: 0, end: text.length }, diagnostics);
    const renumber = actions.filter((a) => a.title.startsWith('Renumber'));
    assert.equal(renumber.length, 1);
    assert.deepEqual(renumber[0].fixes, [0, 1]);
    assert.equal(apply(text, renumber[0].edits), STEPS('### 1. Build\nmake\n### 2. Test\nmake test\n### 3. Ship\nmake ship\n'));
  });

  it('keeps a sequence that starts at 0 starting at 0, and a list keeps its style', () => {
    const text = '# Runbook\n\n## Steps\n\n0. **Prepare** the host.\n1. **Build** it.\n3. **Ship** it.\n';
    assert.equal(fixed(text, 'step.numbering-gap', 'Renumber the steps 0 to 2'), '# Runbook\n\n## Steps\n\n0. **Prepare** the host.\n1. **Build** it.\n2. **Ship** it.\n');
  });
});

describe('placeholder.unfilled: select the placeholder', () => {
  it('selects the placeholder the diagnostic is on, and edits nothing', () => {
    const text = '# Restart\n\n**Owner:** [Team]\n\n```bash\nsystemctl restart <SERVICE_NAME>\n```\n';
    const { diagnostic, actions } = actionsFor(text, 'placeholder.unfilled', {}, '<SERVICE_NAME>');
    const select = actions[0];
    assert.equal(select.title, 'Select <SERVICE_NAME> to type its value');
    assert.deepEqual(select.edits, []);
    assert.deepEqual(select.select, { start: diagnostic.start, end: diagnostic.end });
    assert.equal(text.slice(select.select.start, select.select.end), '<SERVICE_NAME>');
    // The other placeholder gets its own selection, not this one.
    const team = actionsFor(text, 'placeholder.unfilled', {}, '[Team]').actions[0];
    assert.equal(text.slice(team.select!.start, team.select!.end), '[Team]');
  });
});

describe('disable a rule for a line or the file', () => {
  it('puts the comment above the line, indented like it, and the problem goes', () => {
    const text = CATALOG('- **Workflow name:** customer-sync\n- **Status:** Shipping soon\n');
    const out = fixed(text, 'index.value-not-allowed', 'Disable index.value-not-allowed for this line', { format: 'catalog' });
    assert.equal(out, CATALOG('- **Workflow name:** customer-sync\n<!-- wfs-disable-next-line index.value-not-allowed -->\n- **Status:** Shipping soon\n'));
    assert.ok(!lint(out, { format: 'catalog' }).some((d) => d.code === 'index.value-not-allowed'));
    const nested = '# Notes\n\n- Build the image\n  TODO: check the flags\n';
    const quiet = fixed(nested, 'todo.marker', 'Disable todo.marker for this line');
    assert.equal(quiet, '# Notes\n\n- Build the image\n  <!-- wfs-disable-next-line todo.marker -->\n  TODO: check the flags\n');
    assert.ok(!lint(quiet).some((d) => d.code === 'todo.marker'));
  });

  it('names one more rule in a directive already above the line', () => {
    const text = STEPS('<!-- wfs-disable-next-line step.missing-validation -->\n### 1. Build\nRun make.\n\n');
    const out = fixed(text, 'step.missing-rollback', 'Disable step.missing-rollback for this line');
    assert.equal(out, STEPS('<!-- wfs-disable-next-line step.missing-validation step.missing-rollback -->\n### 1. Build\nRun make.\n\n'));
    assert.ok(!lint(out).some((d) => d.code.startsWith('step.missing-') && d.code !== 'step.missing-command'));
  });

  it('disables a rule for the file after the front matter, or at the top', () => {
    const text = STEPS('### 1. Build\nRun make.\n\n');
    const out = fixed(text, 'step.missing-rollback', 'Disable step.missing-rollback for this file');
    assert.equal(out, `${FM}<!-- wfs-disable step.missing-rollback -->\n\n# Deploy\n\n## Steps\n\n### 1. Build\nRun make.\n\n## Rollback Procedure\n\n1. Redeploy the previous tag.\n`);
    assert.ok(!lint(out).some((d) => d.code === 'step.missing-rollback'));
    assert.equal(
      fixed('# Notes\n\nTODO: write them\n', 'todo.marker', 'Disable todo.marker for this file'),
      '<!-- wfs-disable todo.marker -->\n# Notes\n\nTODO: write them\n',
    );
  });

  it('uses YAML comments in the front matter', () => {
    const text = '---\ntitle: Deploy\ntype: system\nsubtype: workflow\nfrequency: every week\n---\n\n# Deploy\n';
    const line = fixed(text, 'frontmatter.schema', 'Disable frontmatter.schema for this line');
    assert.equal(line, '---\ntitle: Deploy\ntype: system\nsubtype: workflow\n# <!-- wfs-disable-next-line frontmatter.schema -->\nfrequency: every week\n---\n\n# Deploy\n');
    const file = fixed(text, 'frontmatter.schema', 'Disable frontmatter.schema for this file');
    assert.equal(file, '---\n# <!-- wfs-disable frontmatter.schema -->\ntitle: Deploy\ntype: system\nsubtype: workflow\nfrequency: every week\n---\n\n# Deploy\n');
    for (const out of [line, file]) assert.ok(!lint(out).some((d) => d.code.startsWith('frontmatter.')), out);
  });

  it('uses # comments in YAML definitions', () => {
    const text = 'steps:\n  - name: a\n    run: make\n    conditions:\n      success: nowhere\n';
    const line = fixed(text, 'yaml.unknown-target', 'Disable yaml.unknown-target for this line', {}, '', YAML_URI);
    assert.equal(line, 'steps:\n  - name: a\n    run: make\n    conditions:\n      # wfs-disable-next-line yaml.unknown-target\n      success: nowhere\n');
    const file = fixed(text, 'yaml.unknown-target', 'Disable yaml.unknown-target for this file', {}, '', YAML_URI);
    assert.equal(file, `# wfs-disable yaml.unknown-target\n${text}`);
    for (const out of [line, file]) assert.deepEqual(lint(out, {}, YAML_URI).map((d) => d.code), []);
  });
});

describe('CRLF documents get CRLF', () => {
  it('inserts sections, fields and comments with CRLF', () => {
    const lf = STEPS('### 1. Build\nRun make.\n### 2. Test\n\nRun the tests.\n\n');
    const text = lf.replace(/\n/g, '\r\n');
    const out = apply(text, service.getFixAllEdits(doc(text)));
    assert.equal(
      out,
      STEPS('### 1. Build\nRun make.\n\n**Validation**: TODO\n\n**Rollback**: TODO\n\n### 2. Test\n\nRun the tests.\n\n**Validation**: TODO\n\n**Rollback**: TODO\n\n')
        .replace('# Deploy\n\n## Steps', '# Deploy\n\n## Overview\n\nTODO: What this workflow accomplishes.\n\n## Triggers\n\nTODO: fill in this section.\n\n## Prerequisites\n\nTODO: fill in this section.\n\n## Steps')
        .replace(/\n/g, '\r\n'),
    );
    assert.ok(!/[^\r]\n/.test(out), 'a bare LF in a CRLF document');
    const disable = fixed(text, 'step.missing-rollback', 'Disable step.missing-rollback for this line', {}, '"Build"');
    assert.ok(disable.includes('<!-- wfs-disable-next-line step.missing-rollback -->\r\n### 1. Build\r\n'));
  });
});

describe('source.fixAll.wfs', () => {
  it('applies every safe fix and leaves value choices and renumbering alone', () => {
    const text =
      '---\ntitle: Deploy\ntype: system\nsubtype: workflow\nfrequency: every week\n---\n\n# Deploy\n\n## Overview\n\nShips the app.\n\n' +
      '## Steps\n\n### 1. Build\n\n```bash\nmake\n```\n\n### 3. Test\n\n```bash\nmake test\n```\n';
    const out = apply(text, service.getFixAllEdits(doc(text)));
    assert.equal(
      out,
      '---\ntitle: Deploy\ntype: system\nsubtype: workflow\nfrequency: every week\n---\n\n# Deploy\n\n## Overview\n\nShips the app.\n\n' +
        '## Triggers\n\nTODO: fill in this section.\n\n## Prerequisites\n\nTODO: fill in this section.\n\n' +
        '## Steps\n\n### 1. Build\n\n```bash\nmake\n```\n\n**Validation**: TODO\n\n**Rollback**: TODO\n\n' +
        '### 3. Test\n\n```bash\nmake test\n```\n\n**Validation**: TODO\n\n**Rollback**: TODO\n\n## Rollback Procedure\n\nTODO: fill in this section.\n',
    );
    const left = lint(out).map((d) => d.code).filter((c) => c !== 'todo.marker');
    assert.deepEqual(left, ['frontmatter.schema', 'step.numbering-gap']);
    assert.deepEqual(service.getFixAllEdits(doc(out)), []);
  });

  it('joins insertions at one place and drops an edit that overlaps an earlier one', () => {
    assert.deepEqual(
      combineEdits(
        [
          { start: 5, end: 5, newText: '\nB\n\n' },
          { start: 1, end: 4, newText: 'x' },
          { start: 5, end: 5, newText: '\nC\n' },
          { start: 2, end: 3, newText: 'y' },
          { start: 1, end: 4, newText: 'x' },
        ],
        '\n',
      ),
      [
        { start: 1, end: 4, newText: 'x' },
        { start: 5, end: 5, newText: '\nB\n\nC\n' },
      ],
    );
  });
});

describe('diagnostics the client sends back', () => {
  it('gets no rule fix when it no longer matches the text, only the comments that disable it', () => {
    const text = STEPS('### 1. Build\nRun make.\n\n');
    const d = doc(text);
    const real = service.getDiagnostics(d).find((x) => x.code === 'step.missing-rollback')!;
    const stale: DiagnosticRef = { ...real, start: real.start + 1, end: real.end + 1 };
    const titles = service.getCodeActions(d, {}, { start: stale.start, end: stale.end }, [stale]).map((a) => a.title);
    assert.deepEqual(titles, ['Disable step.missing-rollback for this line', 'Disable step.missing-rollback for this file']);
  });

  it('is ignored outside the requested range, or when its code is not a rule', () => {
    const text = STEPS('### 1. Build\nRun make.\n\n');
    const d = doc(text);
    const real = service.getDiagnostics(d).find((x) => x.code === 'step.missing-rollback')!;
    assert.deepEqual(service.getCodeActions(d, {}, { start: 0, end: 3 }, [real]), []);
    assert.deepEqual(service.getCodeActions(d, {}, { start: real.start, end: real.end }, [{ ...real, code: 'no.such-rule' }]), []);
  });
});

describe('every fix on the examples and fixtures', () => {
  const ROOT = join(__dirname, '..', '..');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|ya?ml)$/.test(name)) files.push(path);
    }
  };
  walk(join(ROOT, 'examples'));
  walk(join(ROOT, 'test', 'fixtures'));
  const SAFE = ['section.missing', 'index.field-missing', 'step.missing-validation', 'step.missing-rollback'];

  it('applies cleanly, fixes what it says, and source.fixAll.wfs leaves none of the safe rules\' problems', () => {
    let checked = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).toString();
      if (!workflowKind(uri, text)) continue;
      const before = service.getDiagnostics(doc(text, uri));
      for (const d of before) {
        for (const action of service.getCodeActions(doc(text, uri), {}, d, [d])) {
          const out = apply(text, action.edits);
          checked++;
          // The fix of one problem removes it (a file-wide directive or fix-all removes every one like it).
          const same = (x: WorkflowDiagnostic): boolean => x.code === d.code && x.message === d.message && x.start === d.start;
          if (/^(Add|Fill in|Mark|Change|Renumber)|for this file$/.test(action.title) && !action.title.startsWith('Add a TODO')) {
            assert.ok(!service.getDiagnostics(doc(out, uri)).some(same), `${path}: "${action.title}" left "${d.message}"`);
          }
        }
      }
      const fixedText = apply(text, service.getFixAllEdits(doc(text, uri)));
      const left = service.getDiagnostics(doc(fixedText, uri)).filter((x) => SAFE.includes(x.code));
      assert.deepEqual(left.map((x) => `${x.code}: ${x.message}`), [], path);
    }
    assert.ok(checked > 500, `only ${checked} actions checked`);
  });
});
