/**
 * Conventions learned from synthetic groups of documents: thresholds, ties, order, tiny groups, grouping, and the
 * convention.* findings and quick fix they lead to.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkflowService } from '../../server/src/service';
import type { LintOptions, WorkflowModel } from '../../server/src/service';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { documentShape } from '../../server/src/service/conventions/shape';
import { deriveConvention, nounOf, requiredCount } from '../../server/src/service/conventions/derive';
import { ConventionGrouping } from '../../server/src/service/conventions/grouping';
import type { Convention, DocumentShape } from '../../server/src/service/conventions/types';
import { parseConfig } from '../../server/src/service/config';

/** A runbook with the given level-2 sections (each with one line of text), after a title. */
function runbook(sections: readonly string[], extra = ''): string {
  return ['# A runbook', '', extra, ...sections.flatMap((s) => [`## ${s}`, '', `Text of ${s}.`, ''])].join('\n');
}

function model(text: string, uri = 'file:///w/runbooks/x.md'): WorkflowModel {
  return parseWorkflow(uri, 1, text, {});
}

function shapes(texts: readonly string[]): DocumentShape[] {
  return texts.map((t, i) => documentShape(model(t, `file:///w/runbooks/${i}.md`)) as DocumentShape);
}

function derive(texts: readonly string[], settings?: { threshold: number; minDocuments: number }): Convention | undefined {
  return deriveConvention('runbooks/', shapes(texts), settings);
}

const FULL = ['Prerequisites', 'Steps', 'Rollback'];

describe('deriveConvention', () => {
  it('a group of fewer than 4 documents gets no convention', () => {
    assert.equal(derive([runbook(FULL), runbook(FULL), runbook(FULL)]), undefined);
    assert.ok(derive([runbook(FULL), runbook(FULL), runbook(FULL), runbook(FULL)]));
  });

  it('a section in 3 of 4 documents (75 %) is part of the convention, one in 2 of 4 is not', () => {
    const c = derive([runbook(FULL), runbook(FULL), runbook(['Prerequisites', 'Steps', 'Notes']), runbook(['Steps', 'Notes'])]);
    assert.deepEqual(c?.sections.map((s) => `${s.title}:${s.count}`), ['Prerequisites:3', 'Steps:4']);
    assert.equal(c?.sectionCounts.rollback, 2);
    assert.equal(c?.sectionCounts.note, 2);
    assert.equal(requiredCount(4, 0.75), 3);
    assert.equal(requiredCount(12, 0.75), 9);
  });

  it('the threshold and the smallest group are settings', () => {
    const texts = [runbook(FULL), runbook(FULL), runbook(FULL), runbook(['Steps'])];
    assert.deepEqual(derive(texts, { threshold: 1, minDocuments: 4 })?.sections.map((s) => s.title), ['Steps']);
    assert.equal(derive(texts, { threshold: 0.75, minDocuments: 5 }), undefined);
    assert.deepEqual(new ConventionGrouping({ conventions: { threshold: 0.9, minDocuments: 6 } }).settings, { threshold: 0.9, minDocuments: 6 });
  });

  it('aliases and plurals count as one section; the heading text most documents use wins, ties go to the first alphabetically', () => {
    const c = derive([runbook(['Verification']), runbook(['Validation']), runbook(['Verification']), runbook(['Validation'])]);
    assert.deepEqual(c?.sections.map((s) => `${s.key}:${s.title}:${s.count}`), ['validation:Validation:4']);
    const majority = derive([runbook(['Verification']), runbook(['Validation']), runbook(['Verification']), runbook(['Checks'])]);
    assert.equal(majority?.sections[0].title, 'Verification');
  });

  it('the usual level is the most common one, a tie goes to the higher heading', () => {
    const h3 = (t: string): string => `# A runbook\n\n## Parent\n\n### ${t}\n\nText.\n`;
    const c = derive([h3('Rollback'), h3('Rollback'), runbook(['Rollback']), runbook(['Rollback'])]);
    assert.equal(c?.sections.find((s) => s.key === 'rollback')?.level, 2);
    const c3 = derive([h3('Rollback'), h3('Rollback'), h3('Rollback'), runbook(['Rollback'])]);
    assert.equal(c3?.sections.find((s) => s.key === 'rollback')?.level, 3);
  });

  it('the usual order is what most documents do, whatever order the documents come in', () => {
    const texts = [runbook(FULL), runbook(['Steps', 'Prerequisites', 'Rollback']), runbook(FULL), runbook(FULL), runbook(['Rollback', 'Prerequisites', 'Steps'])];
    const c = derive(texts);
    assert.deepEqual(c?.sections.map((s) => s.title), FULL);
    assert.deepEqual(derive([...texts].reverse())?.sections.map((s) => s.title), FULL);
    assert.deepEqual(c?.order['prerequisite\nstep'], { before: 4, both: 5 });
    assert.deepEqual(c?.order['step\nrollback'], { before: 4, both: 5 });
  });

  it('learns the usual metadata fields and whether steps carry Validation and Rollback', () => {
    const fm = (owner: boolean): string => `---\ntitle: T\n${owner ? 'owner: ops\n' : ''}---\n# T\n\n## Steps\n\n1. Restart: \`systemctl restart api\`\n   **Validation**: healthy\n2. Drain: \`drain\`\n   **Validation**: empty\n`;
    const c = derive([fm(true), fm(true), fm(true), fm(false)]);
    assert.deepEqual(c?.fields.map((f) => `${f.label}:${f.where}:${f.count}`), ['title:frontmatter:4', 'owner:frontmatter:3']);
    assert.deepEqual(c?.steps, { documents: 4, validation: 4 });
  });

  it('a document with a template or a YAML definition takes no part', () => {
    assert.equal(documentShape(parseWorkflow('file:///w/a.workflow.yaml', 1, 'name: x\nsteps:\n  - name: a\n', {})), undefined);
    const catalog = parseWorkflow('file:///w/c.md', 1, '# X\n\n## 0. Index Entry (for catalog)\n\n- **Workflow name:** x\n', { format: 'catalog' });
    assert.ok(catalog.template);
    assert.equal(documentShape(catalog), undefined);
  });

  it('names the documents after their folder when it reads as a plural noun', () => {
    assert.equal(nounOf('ops/runbooks/'), 'runbooks');
    assert.equal(nounOf('.github/'), 'documents');
    assert.equal(nounOf('docs/**/*.md'), 'documents');
    assert.equal(nounOf('./'), 'documents');
  });
});

describe('grouping', () => {
  it('groups by folder, by a conventions.groups glob, then by a formats glob', () => {
    const { config, errors } = parseConfig(JSON.stringify({ formats: { 'agents/**': 'agent' }, conventions: { groups: ['ops/**/runbooks/*.md'] } }), '.wfs.json');
    assert.deepEqual(errors, []);
    const g = new ConventionGrouping(config);
    assert.equal(g.groupOf('runbooks/a.md'), 'runbooks/');
    assert.equal(g.groupOf('a.md'), './');
    assert.equal(g.groupOf('ops/eu/runbooks/a.md'), 'ops/**/runbooks/*.md');
    assert.equal(g.groupOf('agents/x/y.md'), 'agents/**');
  });

  it('rejects bad conventions settings with a message naming the key', () => {
    const { errors } = parseConfig(JSON.stringify({ conventions: { threshold: 0.2, minDocuments: 1, groups: 'x', other: 1 } }), '.wfs.json');
    assert.deepEqual(errors, [
      '.wfs.json: "conventions": "threshold" must be a share between 0.5 and 1 (got 0.2)',
      '.wfs.json: "conventions": "minDocuments" must be a whole number of at least 2 (got 1)',
      '.wfs.json: "conventions": "groups" must be an array of non-empty strings (globs)',
      '.wfs.json: "conventions": unknown key "other" (known keys: threshold, minDocuments, groups)',
    ]);
  });
});

describe('convention findings', () => {
  const service = createWorkflowService();
  const siblings = Array.from({ length: 11 }, () => runbook(FULL));
  const lacking = runbook(['Prerequisites', 'Steps']);
  const convention = derive([...siblings, lacking]) as Convention;
  const options: LintOptions = { convention };
  // A new version each time: the service caches models by (uri, version).
  let version = 0;
  const doc = (text: string): { uri: string; version: number; getText: () => string } => ({ uri: 'file:///w/runbooks/new.md', version: ++version, getText: () => text });

  it('reports the missing section with how many siblings have it, and the fix inserts it where the order puts it', () => {
    const d = doc(lacking);
    const findings = service.getDiagnostics(d, options).filter((x) => x.code.startsWith('convention.'));
    assert.deepEqual(findings.map((f) => [f.code, f.severity, f.message]), [['convention.section-missing', 'information', "11 of 12 runbooks in runbooks/ have a 'Rollback' section."]]);
    const actions = service.getCodeActions(d, options, { start: findings[0].start, end: findings[0].end }, findings);
    const fix = actions.find((a) => a.title === 'Add the section "Rollback" the other documents have');
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const edit = fix.edits[0];
    const fixed = lacking.slice(0, edit.start) + edit.newText + lacking.slice(edit.end);
    assert.equal(fixed, `${lacking}\n## Rollback\n\nTODO: fill in this section.\n`.replace('\n\n\n## Rollback', '\n\n## Rollback'));
    assert.deepEqual(service.getDiagnostics(doc(fixed), options).filter((x) => x.code === 'convention.section-missing'), []);
  });

  it('a missing section between two present ones is inserted between them', () => {
    const c = derive(Array.from({ length: 4 }, () => runbook(FULL))) as Convention;
    const text = runbook(['Prerequisites', 'Rollback']);
    const d = doc(text);
    const finding = service.getDiagnostics(d, { convention: c }).find((x) => x.code === 'convention.section-missing');
    assert.ok(finding);
    const fix = service.getCodeActions(d, { convention: c }, finding, [finding])[0];
    const edit = fix.edits[0];
    const fixed = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    assert.ok(fixed.indexOf('## Prerequisites') < fixed.indexOf('## Steps') && fixed.indexOf('## Steps') < fixed.indexOf('## Rollback'), fixed);
  });

  it('reports only the section that moved, not every one after it', () => {
    const text = runbook(['Rollback', 'Prerequisites', 'Steps']);
    const findings = service.getDiagnostics(doc(text), options).filter((x) => x.code === 'convention.section-order');
    assert.deepEqual(findings.map((f) => f.message), ["'Rollback' usually comes after 'Steps': 11 of 11 runbooks in runbooks/ that have both put 'Steps' first."]);
    assert.equal(text.slice(findings[0].start, findings[0].end), 'Rollback');
  });

  it('a missing front-matter key is shown on the opening delimiter', () => {
    const text = '---\ntitle: x\n---\n# X\n';
    const c: Convention = { ...convention, sections: [], fields: [{ key: 'owner', label: 'owner', where: 'frontmatter', count: 10 }] };
    const findings = service.getDiagnostics(doc(text), { convention: c }).filter((x) => x.code === 'convention.field-missing');
    assert.deepEqual(findings.map((f) => [text.slice(f.start, f.end), f.message]), [['---', "10 of 12 runbooks in runbooks/ have the front-matter key 'owner'."]]);
  });

  it('a document that matches its group gets nothing, and nothing without a convention', () => {
    assert.deepEqual(service.getDiagnostics(doc(runbook(FULL)), options).filter((x) => x.code.startsWith('convention.')), []);
    assert.deepEqual(service.getDiagnostics(doc(lacking), {}).filter((x) => x.code.startsWith('convention.')), []);
  });
});

describe('hover on a section heading', () => {
  const service = createWorkflowService();
  const convention = derive([runbook(FULL), runbook(FULL), runbook(FULL), runbook(['Prerequisites', 'Steps', 'Notes'])]) as Convention;
  const text = runbook(['Steps', 'Notes']);
  const d = { uri: 'file:///w/runbooks/h.md', version: 1, getText: () => text };

  it('says how common the section is in the group and where it usually goes', () => {
    const hover = service.getHover(d, { convention }, text.indexOf('## Steps') + 4);
    assert.equal(hover?.markdown, '**Steps**: in 4 of 4 runbooks in runbooks/.\n\nPart of the group\'s convention: usually section 2 of 3, as "## Steps".');
    assert.equal(text.slice(hover.start, hover.end), '## Steps');
  });

  it('says so for a section that is not part of the convention, and nothing without one', () => {
    assert.equal(service.getHover(d, { convention }, text.indexOf('## Notes') + 4)?.markdown, "**Notes**: in 1 of 4 runbooks in runbooks/.\n\nNot part of the group's convention (3 of 4 needed).");
    assert.equal(service.getHover(d, {}, text.indexOf('## Notes') + 4), undefined);
  });
});
