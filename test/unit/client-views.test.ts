/**
 * The pure parts of the client's views: catalog grouping, ordering and counts, step labels and descriptions,
 * the status bar text, and which documents count as workflows.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogEntry, StepInfo, StepsResult } from '../../server/src/protocol';
import { countsText, entryBadge, entryDescription, groupCatalog, groupDescription, isCatalogGrouping } from '../../client/src/views/catalogTree';
import { noStepsMessage, stepDescription, stepIcon, stepLabel, stepTooltip } from '../../client/src/views/stepsTree';
import { statusText, statusTooltip } from '../../client/src/views/statusBarText';
import { isWorkflowDocument } from '../../client/src/workflowFiles';

const entry = (title: string, facts: Partial<CatalogEntry> = {}): CatalogEntry => ({
  uri: `file:///w/${title.toLowerCase().replace(/ /g, '-')}.md`,
  title,
  format: 'catalog',
  stepCount: 0,
  todoCount: 0,
  problems: { errors: 0, warnings: 0, infos: 0 },
  ...facts,
});

const ENTRIES = [
  entry('Invoice sync', { category: 'Sync', status: 'Draft', risk: 'High', problems: { errors: 1, warnings: 2, infos: 4 }, todoCount: 3 }),
  entry('Account sync', { category: 'sync', status: 'Live (prod)', risk: 'low' }),
  entry('Nightly report', { category: 'Reporting', risk: 'Medium', todoCount: 1, stepCount: 4 }),
  entry('Deploy', { stepCount: 2 }),
];

describe('catalog tree', () => {
  it('groups by category case-insensitively, sorted by name, documents without a value last', () => {
    const groups = groupCatalog(ENTRIES, 'category');
    assert.deepEqual(groups.map((g) => [g.label, g.entries.map((e) => e.title)]), [
      ['Reporting', ['Nightly report']],
      ['sync', ['Account sync', 'Invoice sync']],
      ['No category', ['Deploy']],
    ]);
    assert.deepEqual(groups.map((g) => [g.problems, g.todos]), [[0, 1], [3, 3], [0, 0]]);
  });

  it('orders risk groups from high to low', () => {
    assert.deepEqual(groupCatalog(ENTRIES, 'risk').map((g) => g.label), ['High', 'Medium', 'low', 'No risk']);
  });

  it('groups by status, and puts everything in one group for none', () => {
    assert.deepEqual(groupCatalog(ENTRIES, 'status').map((g) => g.label), ['Draft', 'Live (prod)', 'No status']);
    const [all] = groupCatalog(ENTRIES, 'none');
    assert.deepEqual(all.entries.map((e) => e.title), ['Account sync', 'Deploy', 'Invoice sync', 'Nightly report']);
  });

  it('words counts as descriptions and badges', () => {
    assert.equal(countsText({ errors: 1, warnings: 2 }, 3), '1 error, 2 warnings · 3 TODOs');
    assert.equal(countsText({ errors: 0, warnings: 1 }, 0), '1 warning');
    assert.equal(countsText({ errors: 0, warnings: 0 }, 1), '1 TODO');
    assert.equal(countsText({ errors: 0, warnings: 0 }, 0), '');
    assert.equal(entryDescription(ENTRIES[0]), '1 error, 2 warnings · 3 TODOs');
    assert.equal(entryDescription(ENTRIES[3]), '2 steps');
    assert.deepEqual(ENTRIES.map(entryBadge), ['3', undefined, '1', undefined]);
    assert.equal(entryBadge(entry('Many', { problems: { errors: 150, warnings: 0, infos: 0 } })), '99');
    assert.equal(groupDescription(groupCatalog(ENTRIES, 'category')[1]), '2 workflows · 3 problems · 3 TODOs');
  });

  it('knows its groupings', () => {
    assert.ok(isCatalogGrouping('risk'));
    assert.ok(!isCatalogGrouping('owner'));
  });
});

const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const step = (s: Partial<StepInfo>): StepInfo => ({ index: 0, title: 'Build', range: RANGE, titleRange: RANGE, source: 'heading', kind: 'command', placeholders: [], commands: [], ...s });

describe('steps tree', () => {
  it('labels steps with their number as written', () => {
    assert.equal(stepLabel(step({ number: 1, numberText: '1' })), '1. Build');
    assert.equal(stepLabel(step({ number: 2, numberText: '2.' })), '2. Build');
    assert.equal(stepLabel(step({ number: 3 })), '3. Build');
    assert.equal(stepLabel(step({})), 'Build');
    assert.equal(stepLabel(step({ title: '', number: 2 })), '2. (unnamed step)');
    // A number with levels and an alternative's mark, as `wfs steps` shows them.
    assert.equal(stepLabel(step({ number: 1, numberText: '1.1' })), '1.1 Build');
    assert.equal(stepLabel(step({ number: 3, numberText: '3)' })), '3) Build');
    assert.equal(stepLabel(step({ numberText: 'A' })), 'A. Build');
  });

  it('shows a person for every step whose lens is Mark done, and says when a document is not a workflow', () => {
    assert.equal(stepIcon(step({ kind: 'manual' })), 'person');
    assert.equal(stepIcon(step({ mode: 'manual', kind: 'manual' })), 'person');
    assert.equal(stepIcon(step({ mode: 'automated', kind: 'command' })), 'gear');
    assert.equal(stepIcon(step({ kind: 'command' })), 'circle-outline');
    assert.equal(stepIcon(step({ source: 'yaml', kind: 'command' })), 'symbol-event');
    const result = (format: StepsResult['format']): StepsResult => ({ uri: 'file:///w/README.md', format, steps: [] });
    assert.match(noStepsMessage(result('reference')), /^Not a workflow/);
    assert.equal(noStepsMessage(result('plain')), 'This workflow has no steps.');
  });

  it('says in the tooltip why the server reads it as a step, and when a person does it', () => {
    const tip = stepTooltip(step({ kind: 'manual', reason: 'a numbered heading among numbered headings' }));
    assert.match(tip, /A step because: a numbered heading among numbered headings/);
    assert.match(tip, /A person does it/);
    assert.match(stepTooltip(step({ refusal: 'its `powershell` block is PowerShell; the runner runs bash' })), /The runner refuses it: its `powershell` block is PowerShell/);
  });

  it('describes mode, actor, duration, YAML type and retries', () => {
    assert.equal(stepDescription(step({ mode: 'automated', actor: 'System', duration: '~5 minutes' })), 'automated · System · ~5 minutes');
    assert.equal(
      stepDescription(step({ source: 'yaml', yaml: { name: 'a', type: 'action', conditions: [], retry: { maxAttempts: 3, range: RANGE } } })),
      'action · retry ×3',
    );
    assert.equal(stepDescription(step({})), '');
    assert.match(stepTooltip(step({ mode: 'manual', yaml: { name: 'a', conditions: [{ kind: 'failure', target: 'report', range: RANGE }] } })), /Mode: manual[\s\S]*On failure: report/);
  });
});

describe('status bar text', () => {
  it('shows errors, warnings and TODOs', () => {
    assert.equal(statusText({ errors: 1, warnings: 0, todos: 3 }), '$(error) 1 $(warning) 0 $(checklist) 3');
    assert.equal(statusTooltip({ errors: 1, warnings: 2, todos: 1 }), 'Workflow: 1 error, 2 warnings, 1 open TODO. Click to show its problems.');
  });
});

describe('workflow documents', () => {
  it('are Markdown files and YAML definitions on disk', () => {
    assert.ok(isWorkflowDocument('file', '/w/docs/readme.md', 'markdown'));
    assert.ok(isWorkflowDocument('file', '/w/ci.workflow.yaml', 'yaml'));
    assert.ok(isWorkflowDocument('file', 'C:\\w\\nightly.WF.yml', 'yaml'));
    assert.ok(isWorkflowDocument('file', '/w/workflows/ci.yaml', 'yaml'));
    assert.ok(!isWorkflowDocument('file', '/w/config.yaml', 'yaml'));
    assert.ok(!isWorkflowDocument('untitled', 'Untitled-1', 'markdown'));
    assert.ok(!isWorkflowDocument('file', '/w/index.ts', 'typescript'));
  });
});
