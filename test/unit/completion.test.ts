// Completion: each kind with its exact labels, replace range and the text after applying the chosen entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkflowService } from '../../server/src/service';
import type { CompletionEntry, LintOptions, WorkspaceView } from '../../server/src/service';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { completions } from '../../server/src/service/features/completion';

const service = createWorkflowService();
const CURSOR = '‸';
let version = 0;

interface Completed {
  text: string;
  offset: number;
  entries: CompletionEntry[];
}

/** Completions at the ‸ in `marked` (the marker is removed from the text). */
function complete(marked: string, options: LintOptions = {}, workspace?: WorkspaceView, uri = 'file:///ws/doc.md'): Completed {
  const offset = marked.indexOf(CURSOR);
  assert.notEqual(offset, -1, 'no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  const entries = service.getCompletions({ uri, version: ++version, getText: () => text }, options, offset, workspace);
  return { text, offset, entries };
}

const labels = (c: Completed): string[] => c.entries.map((e) => e.label);

function entry(c: Completed, label: string): CompletionEntry {
  const found = c.entries.find((e) => e.label === label);
  assert.ok(found, `no entry "${label}" in ${JSON.stringify(labels(c))}`);
  return found;
}

/** The text the entry replaces. */
const replaced = (c: Completed, e: CompletionEntry): string => c.text.slice(e.replaceStart, e.replaceEnd);

/** The document after accepting `label`. */
function accept(c: Completed, label: string): string {
  const e = entry(c, label);
  return c.text.slice(0, e.replaceStart) + e.insertText + c.text.slice(e.replaceEnd);
}

const sorted = (c: Completed): string[] => [...c.entries].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0)).map((e) => e.label);

const lines = (...l: string[]): string => l.join('\n') + '\n';

function workspaceOf(docs: Record<string, string>): WorkspaceView {
  return { uris: () => Object.keys(docs), model: (uri) => (docs[uri] === undefined ? undefined : parseWorkflow(uri, 1, docs[uri])) };
}

describe('completion: front matter', () => {
  it('offers the schema keys the front matter lacks, with type, description and `key: `', () => {
    const empty = complete(lines('---', 'title: Deploy', 'automation_level: manual', '‸', '---', '# Deploy'));
    assert.deepEqual(labels(empty), ['type', 'subtype', 'tags', 'created', 'modified', 'version', 'ship_factor', 'active', 'frequency', 'wfs-format', 'workflow-format']);
    // Half a key is not valid YAML, so the format comes from the settings here (detection needs parsed front matter).
    const c = complete(lines('---', 'title: Deploy', 'automation_level: manual', 'fre‸', '---', '# Deploy'), { format: 'frontmatter' });
    const e = entry(c, 'frequency');
    assert.equal(e.kind, 'property');
    assert.equal(e.detail, 'enum');
    assert.equal(e.documentation, 'How often the workflow runs.');
    assert.equal(replaced(c, e), 'fre');
    assert.equal(accept(c, 'frequency'), lines('---', 'title: Deploy', 'automation_level: manual', 'frequency: ', '---', '# Deploy'));
    assert.equal(entry(c, 'tags').detail, 'array | string');
    assert.equal(entry(c, 'version').detail, 'number | string');
    assert.equal(entry(c, 'ship_factor').detail, 'integer');
  });

  it('sorts required keys first (catalog front matter requires description)', () => {
    const c = complete(lines('---', 'auto_execution_mode: 3', '‸', '---', '# Sync', '', '## 0. Index Entry (for catalog)', ''));
    assert.deepEqual(sorted(c), ['description', 'title', 'tags', 'wfs-format', 'workflow-format', 'cwd']);
    assert.deepEqual([entry(c, 'description').replaceStart, entry(c, 'description').replaceEnd], [c.offset, c.offset]);
  });

  it('re-typing an existing key replaces the whole key and keeps its value', () => {
    const c = complete(lines('---', 'title: Deploy', 'automation_level: manual', 'freq‸uency: daily', '---', '# Deploy'));
    const e = entry(c, 'frequency');
    assert.equal(replaced(c, e), 'frequency');
    assert.equal(e.insertText, 'frequency');
    assert.equal(accept(c, 'frequency'), c.text);
  });

  it('offers the enum values of the key on the line', () => {
    const c = complete(lines('---', 'title: Deploy', 'frequency: we‸', '---', '# Deploy'));
    assert.deepEqual(labels(c), ['daily', 'weekly', 'monthly', 'on-demand']);
    const e = entry(c, 'weekly');
    assert.equal(e.kind, 'value');
    assert.equal(e.detail, 'frequency: allowed value');
    assert.equal(replaced(c, e), 'we');
    assert.equal(accept(c, 'weekly'), lines('---', 'title: Deploy', 'frequency: weekly', '---', '# Deploy'));
  });

  it('offers true and false for a boolean, with the space after a bare colon', () => {
    const c = complete(lines('---', 'title: Deploy', 'frequency: daily', 'active:‸', '---', '# Deploy'));
    assert.deepEqual(labels(c), ['true', 'false']);
    assert.equal(accept(c, 'false'), lines('---', 'title: Deploy', 'frequency: daily', 'active: false', '---', '# Deploy'));
  });

  it("offers a key's examples after its allowed values", () => {
    const c = complete(lines('---', 'title: Deploy', 'frequency: daily', 'type: ‸', '---', '# Deploy'));
    assert.deepEqual(labels(c), ['system', 'general']);
    assert.equal(entry(c, 'system').detail, 'type: example');
    assert.equal(accept(c, 'system'), lines('---', 'title: Deploy', 'frequency: daily', 'type: system', '---', '# Deploy'));
  });

  it('offers nothing for keys the schema does not know, or on the delimiters', () => {
    assert.deepEqual(labels(complete(lines('---', 'owner: ‸', '---', '# Deploy'))), []);
    assert.deepEqual(labels(complete(lines('---‸', 'title: Deploy', '---', '# Deploy'))), []);
  });
});

describe('completion: FILE header', () => {
  const now = new Date('2026-03-04T10:00:00Z');

  it('offers the header fields the line lacks', () => {
    const c = complete(lines('# Release', '', '**FILE**: workflows/release.md | **PURPOSE**: Ship it | **OW‸', '', '## Overview'));
    assert.deepEqual(labels(c), ['OWNER', 'LAST-AUDITED']);
    const e = entry(c, 'OWNER');
    assert.equal(e.kind, 'field');
    assert.equal(e.documentation, 'Who keeps the document current: a person, team or "System".');
    assert.equal(replaced(c, e), 'OW');
    assert.equal(accept(c, 'OWNER'), lines('# Release', '', '**FILE**: workflows/release.md | **PURPOSE**: Ship it | **OWNER**: ', '', '## Overview'));
  });

  it('adds the bold marks and a space after a bare separator', () => {
    const c = complete(lines('# Release', '', '**FILE**: r.md | **PURPOSE**: Ship |‸', '', '## Overview'));
    assert.equal(accept(c, 'LAST-AUDITED'), lines('# Release', '', '**FILE**: r.md | **PURPOSE**: Ship | **LAST-AUDITED**: ', '', '## Overview'));
  });

  it("offers today's date for LAST-AUDITED", () => {
    const c = complete(lines('# Release', '', '**FILE**: r.md | **PURPOSE**: Ship | **OWNER**: Ops | **LAST-AUDITED**:‸', '', '## Overview'), { now });
    assert.deepEqual(labels(c), ['2026-03-04']);
    assert.equal(accept(c, '2026-03-04'), lines('# Release', '', '**FILE**: r.md | **PURPOSE**: Ship | **OWNER**: Ops | **LAST-AUDITED**: 2026-03-04', '', '## Overview'));
  });

  it('offers the whole header line as a snippet when a FILE-header document has none', () => {
    const c = complete(lines('---', 'wfs-format: file-header', '---', '# Release', '', '**‸', '', '## Overview'), { now });
    assert.equal(c.entries.length, 1);
    const e = c.entries[0];
    assert.equal(e.isSnippet, true);
    assert.equal(replaced(c, e), '**');
    assert.equal(e.insertText, '**FILE**: ${1:path} | **PURPOSE**: ${2:purpose} | **OWNER**: ${3:owner} | **LAST-AUDITED**: ${4:2026-03-04}');
  });
});

const catalog = (entryLines: string[]): string =>
  lines('---', 'description: Nightly sync', '---', '# Nightly sync', '', '## 0. Index Entry (for catalog)', '', ...entryLines, '', '## 1. Problem Statement', '', 'Text.');

const MISSING_AFTER_NAME = [
  'Short description (1–2 sentences)', 'Business domain / product', 'Category', 'Status', 'Risk level', 'Primary systems touched',
  'Primary owners (team / role)', 'Related workflows',
];

describe('completion: index entry', () => {
  it('offers the fields the entry lacks after `- **`, with the template guidance', () => {
    const c = complete(catalog(['- **Workflow name:** nightly-sync', '- **Sta‸']));
    assert.deepEqual(labels(c), MISSING_AFTER_NAME);
    const e = entry(c, 'Status');
    assert.equal(e.detail, 'index field (required)');
    assert.equal(
      e.documentation,
      'e.g., Draft, In design, In development, In review, Live (dev), Live (staging), Live (prod), Deprecated.  \nAlways keep this accurate when the workflow changes.\n\n' +
        'Allowed values: Draft, In design, In development, In review, Live (dev), Live (staging), Live (prod), Deprecated',
    );
    assert.equal(replaced(c, e), 'Sta');
    assert.equal(accept(c, 'Status'), catalog(['- **Workflow name:** nightly-sync', '- **Status:** ']));
  });

  it('writes the list marker and bold marks that are not typed yet', () => {
    const afterDash = complete(catalog(['- **Workflow name:** nightly-sync', '- ‸']));
    assert.equal(accept(afterDash, 'Risk level'), catalog(['- **Workflow name:** nightly-sync', '- **Risk level:** ']));
    const emptyLine = complete(catalog(['- **Workflow name:** nightly-sync', '‸']));
    assert.equal(accept(emptyLine, 'Category'), catalog(['- **Workflow name:** nightly-sync', '- **Category:** ']));
  });

  it('re-typing a label keeps its colon and marks', () => {
    const c = complete(catalog(['- **Work‸flow name:** nightly-sync', '- **Status:** Draft']));
    assert.ok(!labels(c).includes('Status'));
    assert.equal(replaced(c, entry(c, 'Workflow name')), 'Workflow name');
    assert.equal(accept(c, 'Workflow name'), c.text);
  });

  it('offers the allowed values after **Status:** and **Risk level:**', () => {
    const status = complete(catalog(['- **Workflow name:** nightly-sync', '- **Status:** In d‸']));
    assert.deepEqual(labels(status), ['Draft', 'In design', 'In development', 'In review', 'Live (dev)', 'Live (staging)', 'Live (prod)', 'Deprecated']);
    assert.equal(replaced(status, entry(status, 'In development')), 'In d');
    assert.equal(accept(status, 'In development'), catalog(['- **Workflow name:** nightly-sync', '- **Status:** In development']));
    const risk = complete(catalog(['- **Risk level:**‸']));
    assert.deepEqual(labels(risk), ['Low', 'Medium', 'High']);
    assert.equal(accept(risk, 'Medium'), catalog(['- **Risk level:** Medium']));
  });

  it('offers no values for a free-text field', () => {
    assert.deepEqual(labels(complete(catalog(['- **Category:** ‸']))), []);
  });
});

describe('completion: sections the template lacks', () => {
  const fm = ['---', 'title: Deploy', 'frequency: weekly', '---', '# Deploy', ''];

  it('offers missing sections in template order after `## `, replacing the typed heading', () => {
    const c = complete(lines(...fm, '## Overview', 'Ships it.', '', '## Ro‸'));
    assert.deepEqual(sorted(c), [
      '## Triggers', '## Prerequisites', '## Steps', '## Decision Points', '## Outputs', '## Error Handling', '## Rollback Procedure',
      '## Monitoring', '## Dependencies', '## Automation Opportunities', '## Change Log',
    ]);
    const e = entry(c, '## Rollback Procedure');
    assert.equal(e.kind, 'section');
    assert.equal(e.detail, 'required section');
    assert.equal(entry(c, '## Outputs').detail, 'optional section');
    assert.equal(replaced(c, e), '## Ro');
    assert.equal(accept(c, '## Rollback Procedure'), lines(...fm, '## Overview', 'Ships it.', '', '## Rollback Procedure'));
  });

  it('on an empty line, offers first the sections that belong after the cursor', () => {
    const c = complete(lines(...fm, '## Overview', 'x', '', '## Steps', 'y', '', '‸', '', '## Monitoring', 'z'));
    assert.deepEqual(sorted(c), [
      '## Decision Points', '## Outputs', '## Error Handling', '## Rollback Procedure', '## Dependencies', '## Automation Opportunities',
      '## Change Log', '## Triggers', '## Prerequisites',
    ]);
  });

  it('writes sub-sections with their level and number, and `###` keeps only deeper headings', () => {
    const doc = (line: string): string => catalog(['- **Workflow name:** sync']).replace('Text.\n', `Text.\n\n${line}\n`);
    const c = complete(doc('### ‸'));
    assert.deepEqual(labels(c).slice(0, 4), ['### 2.1 Narrative', '### 2.2 Steps & Actors (text diagram)', '### 3.1 Triggers', '### 3.2 Input Payloads']);
    assert.ok(labels(c).every((l) => l.startsWith('### ')));
    const all = complete(doc('#‸'));
    assert.deepEqual(labels(all).slice(0, 3), ['## 2. High-Level Flow', '### 2.1 Narrative', '### 2.2 Steps & Actors (text diagram)']);
    assert.equal(accept(all, '## 2. High-Level Flow'), doc('## 2. High-Level Flow'));
  });

  it('offers no heading in the middle of a line or in a code block', () => {
    assert.deepEqual(labels(complete(lines(...fm, '## Overview', 'Some text ‸'))), []);
    assert.deepEqual(labels(complete(lines(...fm, '## Overview', '```sh', '#‸', '```'))), []);
  });
});

describe('completion: step references in YAML routes', () => {
  const yaml = (tail: string): string =>
    lines(
      'name: Nightly',
      'steps:',
      '  - name: Collect data',
      '    id: collect',
      '    type: action',
      '    run: ./collect.sh',
      '  - name: summarise',
      '    run: make summary',
      '  - name: "Deploy: prod"',
      '    run: make deploy',
      '  - name: report',
      tail,
    );
  const uri = 'file:///ws/nightly.workflow.yaml';

  it('offers the other steps (id, else name) under conditions', () => {
    const c = complete(yaml('    conditions:\n      success: su‸'), {}, undefined, uri);
    assert.deepEqual(labels(c), ['collect', 'summarise', 'Deploy: prod']);
    const e = entry(c, 'collect');
    assert.equal(e.kind, 'step');
    assert.equal(e.detail, 'step 1 (action), line 3');
    assert.equal(e.documentation, 'Collect data');
    assert.equal(replaced(c, entry(c, 'summarise')), 'su');
    assert.equal(accept(c, 'summarise'), yaml('    conditions:\n      success: summarise'));
    assert.equal(accept(c, 'Deploy: prod'), yaml('    conditions:\n      success: "Deploy: prod"'));
  });

  it('adds the space after a bare colon, and replaces the whole word being edited', () => {
    const bare = complete(yaml('    on_failure:‸'), {}, undefined, uri);
    assert.equal(accept(bare, 'collect'), yaml('    on_failure: collect'));
    const middle = complete(yaml('    fallback: sum‸marise'), {}, undefined, uri);
    assert.equal(replaced(middle, entry(middle, 'collect')), 'summarise');
    assert.equal(accept(middle, 'collect'), yaml('    fallback: collect'));
  });

  it('completes dependsOn list items and flow lists', () => {
    const block = complete(yaml('    dependsOn:\n      - collect\n      - ‸'), {}, undefined, uri);
    assert.deepEqual(labels(block), ['collect', 'summarise', 'Deploy: prod']);
    assert.equal(accept(block, 'summarise'), yaml('    dependsOn:\n      - collect\n      - summarise'));
    const flow = complete(yaml('    dependsOn: [collect, s‸]'), {}, undefined, uri);
    assert.equal(replaced(flow, entry(flow, 'summarise')), 's');
    assert.equal(accept(flow, 'summarise'), yaml('    dependsOn: [collect, summarise]'));
  });

  it('keeps the quotes the user typed', () => {
    const c = complete(yaml('    on_success: "Dep‸"'), {}, undefined, uri);
    assert.equal(accept(c, 'Deploy: prod'), yaml('    on_success: "Deploy: prod"'));
  });

  it('offers nothing for keys that do not name steps', () => {
    assert.deepEqual(labels(complete(yaml('    run: ‸'), {}, undefined, uri)), []);
    assert.deepEqual(labels(complete(yaml('    tags:\n      - ‸'), {}, undefined, uri)), []);
  });
});

describe('completion: skill ids', () => {
  const doc = (item: string): string =>
    lines(
      '# Team Workflows', '', '## Skill ID Legend', '', '| Skill | ID |', '| --- | --- |', '| Planner | `planner` |', '| Audit | `audit` |', '',
      '## Release Workflow (requires `planner`)', '**Use when**: shipping.', '**Sequence**:', '1. `planner`: plan.', item, '**Exit criteria**:', '- Shipped.',
    );

  it('offers the legend ids and the configured skills inside the backticks of a sequence step', () => {
    const c = complete(doc('2. `a‸'), { skills: ['deploy'] });
    assert.deepEqual(labels(c), ['planner', 'audit', 'deploy']);
    assert.equal(entry(c, 'planner').detail, 'Planner (skill legend)');
    assert.equal(entry(c, 'deploy').detail, 'skill from settings');
    assert.equal(replaced(c, entry(c, 'audit')), 'a');
    assert.equal(accept(c, 'audit'), doc('2. `audit`'));
  });

  it('replaces an id being edited without doubling the closing backtick', () => {
    const c = complete(doc('2. `pl‸aner`: review.'));
    assert.equal(replaced(c, entry(c, 'planner')), 'planer');
    assert.equal(accept(c, 'planner'), doc('2. `planner`: review.'));
  });

  it('offers no skill outside a Sequence list', () => {
    assert.deepEqual(labels(complete(lines('# Notes', '', '1. `a‸'))), []);
  });
});

describe('completion: related workflows', () => {
  const others = {
    'file:///ws/billing.md': catalog(['- **Workflow name:** `billing-export`', '- **Short description (1–2 sentences):** Exports invoices.']),
    'file:///ws/deploy.md': lines('# Deploy API', '', 'Text.'),
    'file:///ws/nightly.workflow.yaml': lines('metadata:', '  name: Nightly report', '  description: Reports.', 'steps:', '  - name: a', '    run: x'),
    'file:///ws/doc.md': lines('# This document'),
  };
  const workspace = workspaceOf(others);

  it('offers the names of the other workflows after **Related workflows:**, leaving out those listed', () => {
    const c = complete(catalog(['- **Workflow name:** sync', '- **Related workflows:** Deploy API, bil‸']), {}, workspace);
    assert.deepEqual(labels(c), ['billing-export', 'Nightly report']);
    const e = entry(c, 'billing-export');
    assert.equal(e.kind, 'workflow');
    assert.equal(e.detail, 'billing.md');
    assert.equal(e.documentation, 'Exports invoices.');
    assert.equal(entry(c, 'Nightly report').documentation, 'Reports.');
    assert.equal(replaced(c, e), 'bil');
    assert.equal(accept(c, 'billing-export'), catalog(['- **Workflow name:** sync', '- **Related workflows:** Deploy API, billing-export']));
  });

  it('completes list items under the Related workflows field', () => {
    const c = complete(catalog(['- **Workflow name:** sync', '- **Related workflows:**', '  - Dep‸']), {}, workspace);
    assert.deepEqual(labels(c), ['billing-export', 'Deploy API', 'Nightly report']);
    assert.equal(accept(c, 'Deploy API'), catalog(['- **Workflow name:** sync', '- **Related workflows:**', '  - Deploy API']));
  });

  it('stops reading the workspace when the request is cancelled', () => {
    const text = catalog(['- **Related workflows:** ']);
    const model = parseWorkflow('file:///ws/doc.md', 1, text);
    let reads = 0;
    const counting: WorkspaceView = { uris: workspace.uris, model: (uri) => (reads++, workspace.model(uri)) };
    assert.equal(completions(model, {}, text.indexOf('** \n') + 3, counting).length, 3);
    reads = 0;
    assert.deepEqual(completions(model, {}, text.indexOf('** \n') + 3, counting, { isCancellationRequested: true }), []);
    assert.equal(reads, 0);
  });

  it('offers nothing without a workspace', () => {
    assert.deepEqual(labels(complete(catalog(['- **Related workflows:** ‸']))), []);
  });
});
