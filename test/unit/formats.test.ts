/**
 * The five seed formats on the project's own documents (test/fixtures/formats and test/fixtures/yaml): each is
 * detected as its format, read into the model, and lints to exactly the diagnostics listed here. These run in
 * any clone; corpus.test.ts checks the seeds themselves when the sibling shared folder is there.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkflowService } from '../../server/src/service';
import type { LintOptions } from '../../server/src/service';
import type { FormatId, WorkflowModel } from '../../server/src/service/model';
import { deriveTemplate } from '../../server/src/service/templates/derive';
import { computeLineStarts, offsetToPosition } from '../../server/src/service/text';
import { formatFixture, yamlFixture } from './support/fixtures';

// A fixed "now": LAST-AUDITED staleness would otherwise change with the date.
const NOW = new Date('2026-06-01T00:00:00Z');
const BLANK = 'fill it in, or write "Not applicable for this workflow — <reason>".';
const service = createWorkflowService();

interface Linted {
  model: WorkflowModel;
  /** "line:column rule message", 1-based. */
  diagnostics: string[];
}

function lint(name: string, text: string, options: LintOptions = {}): Linted {
  const doc = { uri: `file:///ws/docs/${name}`, version: 1, getText: () => text };
  const all = { now: NOW, ...options };
  const lineStarts = computeLineStarts(text);
  const diagnostics = service.getDiagnostics(doc, all).map((d) => {
    const p = offsetToPosition(lineStarts, d.start);
    return `${p.line + 1}:${p.character + 1} ${d.code} ${d.message}`;
  });
  return { model: service.parse(doc, all), diagnostics };
}

const text = (model: WorkflowModel, span: { start: number; end: number }): string => model.text.slice(span.start, span.end);

describe('000: the front-matter template', () => {
  it('a runbook written with it is detected by its front matter, its steps read with actor, command, validation and rollback', () => {
    const { model, diagnostics } = lint('tls-renewal.md', formatFixture('frontmatter-workflow.md'));
    assert.equal(model.format, 'frontmatter');
    assert.equal(model.frontmatter?.data?.frequency, 'monthly');
    assert.equal(model.frontmatter?.data?.version, 4);
    assert.deepEqual(
      model.steps.map((s) => [s.number, s.title, s.mode, s.actor, s.commands.length, s.validation !== undefined, s.rollback !== undefined]),
      [
        [1, 'Request the new certificate', 'automated', 'System', 1, true, true],
        [2, 'Store it in the vault', 'manual', 'Human', 1, true, false],
        [3, 'Reload the proxies region by region', 'automated', 'System', 1, true, true],
      ],
    );
    assert.equal(model.steps[2].commands[0].code, 'for region in eu-west us-east ap-south; do\n  edgectl reload --region "$region" --wait\ndone');
    assert.equal(model.steps[0].rollback?.value, '`certctl revoke --serial "$(certctl serial /tmp/edge.pem)"`');
    assert.deepEqual(diagnostics, [
      '42:8 step.missing-rollback Step "Store it in the vault" has no Rollback.',
      '85:3 todo.marker TODO: ask the security team whether the pipeline may hold vault write access',
    ]);
  });

  it('the README that publishes it in a ```markdown fence: a ``` line inside the fence closes it, and the placeholders of the sections after it are reported (a README is reference, not a workflow)', () => {
    const { model, diagnostics } = lint('README.md', formatFixture('frontmatter-readme.md'));
    assert.equal(model.format, 'reference');
    assert.equal(model.frontmatter, undefined, 'the front matter inside the fence is an example, not the document\'s');
    // The template's own headings before the inner fence are code; "Cadences" and after sit in the fence the last ``` opens.
    assert.deepEqual(
      model.sections.map((s) => s.title),
      ['Runbooks', 'What Goes Here', 'Runbook Template', 'Next Step', 'Decision Points', 'Decision 1: [Condition]', 'Outputs', 'Rollback Procedure', 'Monitoring', 'Change Log'],
    );
    // A README is reference material, not a workflow: no blank-section checks; its placeholders are still unfilled.
    assert.deepEqual(diagnostics, [
      '14:37 placeholder.unfilled Unfilled placeholder <name>: replace it with the real value.',
      '41:17 placeholder.unfilled Unfilled placeholder [system]: replace it with the real value (a command asks for it when the step runs).',
      '42:7 placeholder.unfilled Unfilled placeholder [Tool]: replace it with the real value (a command asks for it when the step runs).',
      '48:16 placeholder.unfilled Unfilled placeholder N: replace it with the real value (a command asks for it when the step runs).',
      '59:1 placeholder.unfilled Unfilled placeholder [Same shape as step 1]: replace it with the real value.',
      '63:17 placeholder.unfilled Unfilled placeholder [Condition]: replace it with the real value.',
      '68:11 placeholder.unfilled Unfilled placeholder [where it is written]: replace it with the real value.',
      '69:9 placeholder.unfilled Unfilled placeholder [where to find them]: replace it with the real value.',
      '79:18 placeholder.unfilled Unfilled placeholder [link]: replace it with the real value.',
      '80:15 placeholder.unfilled Unfilled placeholder [which ones fire]: replace it with the real value.',
    ]);
  });
});

describe('001: the FILE header', () => {
  it('is detected by a header whose FILE path names workflows; its fields, steps and their Verification and Rollback are read', () => {
    const { model, diagnostics } = lint('migration.md', formatFixture('file-header-workflow.md'));
    assert.equal(model.format, 'file-header');
    assert.deepEqual(model.fileHeader?.fields.map((f) => [f.key, f.value]), [
      ['FILE', 'workflows/database_migration_workflow.md'],
      ['PURPOSE', 'Apply schema migrations to production safely'],
      ['OWNER', 'Data Platform'],
      ['LAST-AUDITED', '2025-09-30'],
    ]);
    assert.deepEqual(
      model.steps.map((s) => [s.number, s.title, s.validation?.label, s.rollback?.label]),
      [
        [1, 'Back up the database', 'Verification', 'Rollback'],
        [2, 'Rehearse on a restored copy', 'Verification', undefined],
        [3, 'Migrate production', undefined, 'Rollback'],
      ],
    );
    assert.deepEqual(diagnostics, [
      '3:159 header.audit-stale Last audited 244 days ago (2025-09-30); audit it again (limit: 180 days).',
      '37:13 step.missing-rollback Step "Rehearse on a restored copy" has no Rollback.',
      '48:13 step.missing-validation Step "Migrate production" has no Validation.',
    ]);
  });
});

describe('002: the numbered catalog template with "0. Index Entry"', () => {
  const source = formatFixture('catalog-template.md');

  it('is detected by its index entry; its fields are read with guidance left out', () => {
    const { model } = lint('service-runbook-template.md', source);
    assert.equal(model.format, 'catalog');
    assert.deepEqual(model.frontmatter?.data, { auto_execution_mode: 1, description: 'service-runbook-template' });
    assert.deepEqual(model.indexEntry?.fields.map((f) => [f.label, f.value]), [
      ['Runbook name', ''],
      ['Summary (one sentence)', 'What the procedure does, in plain words.'],
      ['Service', ''],
      ['Status', ''],
      ['Owning team', 'The team that is paged when this runbook is used.'],
    ]);
    const owner = model.indexEntry!.fields[4];
    assert.equal(text(model, { start: owner.valueStart, end: owner.valueEnd }), 'The team that is paged when this runbook is used.');
  });

  it('linted as its own team template, the unfilled template reports every blank index field, leaf section and placeholder', () => {
    const { template, errors } = deriveTemplate(source, 'service-runbook-template.md');
    assert.deepEqual(errors, []);
    const { diagnostics } = lint('service-runbook-template.md', source, { template });
    // Blank sections are reported where they are leaves (2.1 and 2.2, not their parent 2), with the placeholders.
    assert.deepEqual(diagnostics, [
      '11:32 placeholder.unfilled Unfilled placeholder <service>: replace it with the real value.',
      '11:42 placeholder.unfilled Unfilled placeholder <procedure>: replace it with the real value.',
      '17:5 index.field-blank Index entry field "Runbook name" is blank.',
      '18:4 placeholder.unfilled Unfilled placeholder <SERVICE>: replace it with the real value.',
      '18:14 placeholder.unfilled Unfilled placeholder <PROCEDURE>: replace it with the real value.',
      '21:5 index.field-blank Index entry field "Summary (one sentence)" is blank.',
      '25:5 index.field-blank Index entry field "Service" is blank.',
      '28:5 index.field-blank Index entry field "Status" is blank.',
      '32:5 index.field-blank Index entry field "Owning team" is blank.',
      `37:4 section.blank Section "1. Purpose" is blank: ${BLANK}`,
      `50:5 section.blank Section "2.1 Before You Start" is blank: ${BLANK}`,
      `56:5 section.blank Section "2.2 Sign-off & Hand-over (who, in order)" is blank: ${BLANK}`,
      '58:5 placeholder.unfilled Unfilled placeholder <Who>: replace it with the real value.',
      '58:36 placeholder.unfilled Unfilled placeholder <tool>: replace it with the real value.',
      '59:5 placeholder.unfilled Unfilled placeholder <Who>: replace it with the real value.',
      `65:4 section.blank Section "3. Escalation" is blank: ${BLANK}`,
      `76:5 section.blank Section "4.1 Dashboards" is blank: ${BLANK}`,
      `80:5 section.blank Section "4.2 Alerts" is blank: ${BLANK}`,
      `86:4 section.blank Section "5. Rollback and Recovery" is blank: ${BLANK}`,
    ]);
  });
});

describe('003: YAML definitions', () => {
  for (const name of ['release-train.workflow.yaml', 'agent-pipeline.workflow.yaml', 'research-fan-out.workflow.yaml']) {
    it(`${name} is a YAML definition with steps and no diagnostic`, () => {
      const { model, diagnostics } = lint(name, yamlFixture(name));
      assert.equal(model.format, 'yaml-definition' satisfies FormatId);
      assert.ok(model.steps.length >= 6, `${model.steps.length} steps`);
      assert.deepEqual(diagnostics, []);
    });
  }
});

describe('004: skill sequences', () => {
  it('are detected by **Sequence** lists of skill ids; each workflow, its steps, skills and exit criteria are read', () => {
    const { model, diagnostics } = lint('data-workflows.md', formatFixture('skill-sequences.md'));
    assert.equal(model.format, 'skill-sequence');
    assert.deepEqual(
      model.skillWorkflows.map((w) => [w.title, w.steps.map((i) => model.steps[i].skill?.id)]),
      [
        ['New Pipeline Workflow (requires intake + schema-review)', ['intake', 'schema-review', 'pipeline-builder', 'qa-checker', 'release-notes']],
        ['Backfill Workflow', ['intake', 'backfill-runner', 'qa-check']],
        ['Data Incident Workflow', ['intake', 'qa-checker', 'backfill-runner', 'release-notes']],
      ],
    );
    const first = model.steps[0];
    assert.equal(text(model, first.skill!), 'intake');
    assert.equal(first.title, 'record the source, its owner and the freshness it needs in docs/sources/<source>.md.');
    assert.equal(model.skillWorkflows[1].exitCriteria?.value, '- Totals match the source for every reloaded day.');
    assert.deepEqual(diagnostics, [
      '41:5 skill.unknown Unknown skill id "qa-check": the skill legend defines backfill-runner, intake, pipeline-builder, qa-checker, release-notes, schema-review.',
    ]);
  });
});
