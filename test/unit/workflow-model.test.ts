/**
 * The workflow model built by parseWorkflow: formats, sections, steps in their many spellings, fields,
 * index entry, FILE header, TODOs and suppressions, with exact offsets.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { createWorkflowService } from '../../server/src/service';
import { SEEDS, sharedMissing } from './support/shared';
const md = (text: string, uri = 'file:///w/doc.md', options = {}) => parseWorkflow(uri, 1, text, options);
const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

describe('format detection', () => {
  it('detects the front-matter template and plain runbooks', () => {
    assert.equal(md('---\ntitle: X\ntype: system\nsubtype: workflow\n---\n# X\n').format, 'frontmatter');
    assert.equal(md('# Runbook\n\n## Deploy\n\n```bash\nmake\n```\n').format, 'plain');
  });

  // formats.test.ts detects every format on the project's own documents.
  it('detects each seed format', { skip: sharedMissing }, () => {
    const seed = (n: string) => readFileSync(join(SEEDS, n), 'utf8');
    assert.equal(md(seed('002_941efdd79d0eabcc.txt')).format, 'catalog');
    assert.equal(md(seed('004_609b98907b7747ac.txt')).format, 'skill-sequence');
    assert.equal(md(seed('001_62bb30bf56865912.txt')).format, 'file-header');
  });

  it('lets the front matter, then the options, override detection', () => {
    const text = '---\nwfs-format: catalog\n---\n# X\n';
    const fromKey = md(text);
    assert.equal(fromKey.format, 'catalog');
    assert.equal(fromKey.formatSource, 'frontmatter');
    const forced = md(text, 'file:///w/doc.md', { format: 'plain' });
    assert.equal(forced.format, 'plain');
    assert.equal(forced.formatSource, 'override');
  });

  it('reads a FILE header on a prompt as a file-header document, but holds it to the workflow template only in a workflows folder', () => {
    const text = '# Prompt\n\n**FILE**: prompts/plan.md | **PURPOSE**: Plan | **OWNER**: System | **LAST-AUDITED**: 2026-01-01\n\n## Phase 1\n';
    const prompt = md(text);
    assert.equal(prompt.format, 'file-header');
    assert.equal(prompt.template, undefined);
    const workflow = md(text, 'file:///repo/workflows/plan.md');
    assert.equal(workflow.format, 'file-header');
    assert.equal(workflow.template?.id, 'builtin.file-header');
  });
});

describe('steps', () => {
  it('reads the many ways real documents write steps', () => {
    const text = [
      '# Deploy',
      '## Steps',
      '### 1. Build image (Automated)',
      '**Actor**: System',
      '**Duration**: ~5 minutes',
      '```bash',
      'docker build -t api .',
      '```',
      '**Validation**: `docker images api` lists it',
      '**Rollback**: `docker rmi api`',
      '### Step 2: Approve',
      '**Actor**: Human',
      'The release manager approves.',
      '### **Step 3 — Ship it 🚀**',
      '~~~sh',
      'kubectl apply -f k8s/',
      '~~~',
      '## Schritt 4: Prüfen',
      'Alles grün?',
      '## Step 0: Zero-based',
      'Start here.',
    ].join('\n');
    const m = md(text);
    assert.deepEqual(
      m.steps.map((s) => [s.number, s.title, s.mode, s.actor, s.commands.length]),
      [
        [1, 'Build image', 'automated', 'System', 1],
        [2, 'Approve', 'manual', 'Human', 0],
        [3, 'Ship it', undefined, undefined, 1],
        [4, 'Prüfen', undefined, undefined, 0],
        [0, 'Zero-based', undefined, undefined, 0],
      ],
    );
    const first = m.steps[0];
    assert.equal(first.duration, '~5 minutes');
    assert.equal(slice(text, { start: first.titleStart, end: first.titleEnd }), 'Build image');
    assert.equal(first.commands[0].code, 'docker build -t api .');
    assert.equal(first.commands[0].lang, 'bash');
    assert.equal(slice(text, first.commands[0]), '```bash\ndocker build -t api .\n```');
    assert.equal(first.validation?.value, '`docker images api` lists it');
    assert.equal(first.rollback?.value, '`docker rmi api`');
    assert.equal(m.steps[2].commands[0].code, 'kubectl apply -f k8s/');
  });

  it('reads "1. **Name**" list steps with inline Run: commands', () => {
    const text = '# Release\n\n## Steps\n\n1. **Verify All Tests Pass**\n   - Run: `npm test`\n\n2. **Tag**\n   - Run: `git tag v1`\n';
    const m = md(text);
    assert.deepEqual(m.steps.map((s) => [s.number, s.title, s.source]), [[1, 'Verify All Tests Pass', 'list'], [2, 'Tag', 'list']]);
    const cmd = m.steps[0].commands[0];
    assert.equal(cmd.code, 'npm test');
    assert.equal(cmd.inline, true);
    assert.equal(slice(text, { start: cmd.contentStart, end: cmd.contentEnd }), 'npm test');
  });

  it('gives sub-numbered steps (3.5, 2b) no number', () => {
    const m = md('# X\n## Step 3: A\nx\n## Step 3.5: B\ny\n## Step 2b: C\nz\n');
    assert.deepEqual(m.steps.map((s) => [s.numberText, s.number]), [['3', 3], ['3.5', undefined], ['2b', undefined]]);
  });

  it('reads skill sequences (seed 004)', { skip: sharedMissing }, () => {
    const m = md(readFileSync(join(SEEDS, '004_609b98907b7747ac.txt'), 'utf8'));
    assert.equal(m.skillWorkflows.length, 7);
    assert.equal(m.skillWorkflows[0].title, 'Review Workflow (requires `discovery` + `planner`)'.replace(/`/g, ''));
    const first = m.steps[0];
    assert.equal(first.skill?.id, 'discovery');
    assert.equal(slice(m.text, first.skill!), 'discovery');
    assert.ok(m.skillWorkflows[0].exitCriteria?.value.includes('complete'));
  });

  it('keeps exact offsets in CRLF text', () => {
    const text = '# X\r\n## Steps\r\n### 1. Build (Automated)\r\n```bash\r\nmake\r\n```\r\n';
    const m = md(text);
    assert.equal(slice(text, { start: m.steps[0].titleStart, end: m.steps[0].titleEnd }), 'Build');
    assert.equal(m.steps[0].commands[0].code, 'make');
  });
});

describe('sections', () => {
  it('marks blank sections and keeps real ones', () => {
    const text = '# T\n## A\n\n- [ ] [Prerequisite 1]\n## B\nReal text.\n## C\n### C1\n<!-- later -->\n## D\n### D1\nfilled\n';
    const m = md(text);
    const byTitle = Object.fromEntries(m.sections.map((s) => [s.title, s]));
    assert.equal(byTitle.A.blank, true);
    assert.equal(byTitle.B.blank, false);
    assert.equal(byTitle.C.blank, true);
    assert.equal(byTitle.C1.blank, true);
    assert.equal(byTitle.D.ownBlank, true);
    assert.equal(byTitle.D.blank, false);
    assert.equal(slice(text, { start: byTitle.B.bodyStart, end: byTitle.B.end }), 'Real text.\n');
  });

  it('finds "Not applicable" with and without a reason', () => {
    const m = md('# T\n## A\nNot applicable for this workflow.\n## B\n**Not applicable for this workflow** — batch only.\n');
    assert.equal(m.sections[1].notApplicable?.hasReason, false);
    assert.equal(slice(m.text, m.sections[1].notApplicable!), 'Not applicable for this workflow.');
    assert.equal(m.sections[2].notApplicable?.hasReason, true);
  });

  it('finds "N/A" in underscores too, and not as the start of a longer word', () => {
    const m = md('# T\n## A\n__N/A__\n## B\n_n/a_ — manual run.\n## C\nN/Ax\n');
    assert.equal(m.sections[1].notApplicable?.hasReason, false);
    assert.equal(m.sections[2].notApplicable?.hasReason, true);
    assert.equal(m.sections[3].notApplicable, undefined);
  });
});

describe('index entry and FILE header', () => {
  it('reads index fields, skipping guidance and placeholders', () => {
    const text = [
      '# X',
      '## 0. Index Entry (for catalog)',
      '- **Workflow name:** `<WORKFLOW_NAME>`',
      '  > keep the name stable',
      '- **Short description (1–2 sentences):**  ',
      '  Syncs invoices nightly.  ',
      '  > If the goal is still emerging, describe the current intent and mark TODOs.',
      '- **Status:** Live (prod)',
    ].join('\n');
    const m = md(text, 'file:///w/doc.md', { format: 'catalog' });
    const fields = m.indexEntry!.fields;
    assert.deepEqual(fields.map((f) => [f.label, f.value]), [
      ['Workflow name', ''],
      ['Short description (1–2 sentences)', 'Syncs invoices nightly.'],
      ['Status', 'Live (prod)'],
    ]);
    assert.equal(slice(text, { start: fields[1].valueStart, end: fields[1].valueEnd }), 'Syncs invoices nightly.');
    assert.equal(slice(text, { start: fields[0].labelStart, end: fields[0].labelEnd }), 'Workflow name');
  });

  it('reads the FILE header fields with their ranges', () => {
    const text = '# R\n\n**FILE**: workflows/r.md | **PURPOSE**: Release | **OWNER**: Ops | **LAST-AUDITED**: 2026-01-02\n';
    const h = md(text).fileHeader!;
    assert.deepEqual(h.fields.map((f) => [f.key, f.value, slice(text, { start: f.valueStart, end: f.valueEnd })]), [
      ['FILE', 'workflows/r.md', 'workflows/r.md'],
      ['PURPOSE', 'Release', 'Release'],
      ['OWNER', 'Ops', 'Ops'],
      ['LAST-AUDITED', '2026-01-02', '2026-01-02'],
    ]);
  });
});

describe('TODOs and suppressions', () => {
  it('finds TODO/TBD/FIXME outside code, and not in inline code', () => {
    const text = '# X\nTODO: a\n`TODO` b\n```sh\n# TODO c\n```\n- owner: TBD\n<!-- FIXME: d -->\n';
    assert.deepEqual(md(text).todos.map((t) => t.text), ['TODO: a', 'TBD', 'FIXME: d']);
  });

  it('honours wfs-disable, wfs-enable and wfs-disable-next-line', () => {
    const service = createWorkflowService();
    const text = [
      '# X',
      'TODO one',
      '<!-- wfs-disable-next-line todo.marker -->',
      'TODO two',
      '<!-- wfs-disable todo.marker -->',
      'TODO three',
      '<!-- wfs-enable todo.marker -->',
      'TODO four',
      '<!-- wfs-disable -->',
      'TODO five',
    ].join('\n');
    const todos = service
      .getDiagnostics({ uri: 'file:///w/x.md', version: 1, getText: () => text })
      .filter((d) => d.code === 'todo.marker')
      .map((d) => d.message);
    assert.deepEqual(todos, ['TODO one', 'TODO four']);
  });
});

describe('the engine', () => {
  it('turns off rules and changes severities from options', () => {
    const service = createWorkflowService();
    const doc = { uri: 'file:///w/x.md', version: 1, getText: () => '# X\nTODO: a\n## Empty\n' };
    const all = service.getDiagnostics(doc);
    assert.deepEqual(all.map((d) => [d.code, d.severity]), [['todo.marker', 'information'], ['section.blank', 'warning']]);
    const tuned = service.getDiagnostics(doc, { rules: { 'todo.marker': 'off', 'section.blank': 'error' } });
    assert.deepEqual(tuned.map((d) => [d.code, d.severity, d.source, d.docs]), [['section.blank', 'error', 'wfs', 'docs/rules/section.blank.md']]);
  });

  it('parses once per (uri, version)', () => {
    const service = createWorkflowService();
    let reads = 0;
    const doc = { uri: 'file:///w/x.md', version: 7, getText: () => (reads++, '# X\n') };
    service.getDiagnostics(doc);
    service.getDiagnostics(doc);
    service.parse(doc);
    assert.equal(reads, 1);
    service.getDiagnostics({ ...doc, version: 8 });
    assert.equal(reads, 2);
  });
});

describe('commands in containers', () => {
  it('strips a list item indentation and block quote markers from the code', () => {
    const list = md('# X\n## Steps\n1. **Build**\n   ```bash\n   make build\n     indented more\n   ```\n');
    assert.deepEqual(list.steps[0].commands.map((c) => c.code), ['make build\n  indented more']);
    const quoted = md('# X\n## Step 1: List\n> ```sh\n> ls -la\n>  pwd\n> ```\n');
    assert.deepEqual(quoted.steps[0].commands.map((c) => c.code), ['ls -la\n pwd']);
  });
});

describe('plain runbooks without numbered steps', () => {
  it('make each section with shell blocks a step', () => {
    const text = '# Ops\n\n## Scope\n\nDay-2 operations.\n\n## Restart\n\n```bash\nsudo systemctl restart feed\n```\n\n## Backups\n\n```sh\n./backup.sh\n```\n\n```json\n{}\n```\n';
    const m = md(text);
    assert.deepEqual(m.steps.map((s) => [s.title, s.number, s.commands.map((c) => c.code)]), [
      ['Restart', undefined, ['sudo systemctl restart feed']],
      ['Backups', undefined, ['./backup.sh']],
    ]);
    assert.equal(slice(text, { start: m.steps[0].titleStart, end: m.steps[0].titleEnd }), 'Restart');
  });

  it('leave templated formats alone (their steps are numbered)', () => {
    const m = md('---\ntitle: X\ntype: system\nsubtype: workflow\n---\n# X\n## Rollback Procedure\n```bash\nundo\n```\n');
    assert.equal(m.format, 'frontmatter');
    assert.deepEqual(m.steps, []);
  });
});

describe('index entry values and comments', () => {
  it('leaves comment lines out of a field value', () => {
    const text = '# X\n## 0. Index Entry (for catalog)\n- **Status:**\n  <!-- wfs-disable-next-line index.value-not-allowed -->\n  Done\n';
    const f = md(text, 'file:///w/doc.md', { format: 'catalog' }).indexEntry!.fields[0];
    assert.equal(f.value, 'Done');
    assert.equal(slice(text, { start: f.valueStart, end: f.valueEnd }), 'Done');
  });
});
