/**
 * Save Convention as Template: the convention written as a template the template rules read back, `.wfs.json`
 * edited (not rewritten) to point the group at it, and the group then checked by the template rules.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { documentShape } from '../../server/src/service/conventions/shape';
import { deriveConvention } from '../../server/src/service/conventions/derive';
import type { Convention, DocumentShape } from '../../server/src/service/conventions/types';
import { conventionTemplate, groupGlob, templatePathFor } from '../../server/src/service/conventions/template';
import { deriveTemplate } from '../../server/src/service/templates/derive';
import { parseConfig } from '../../server/src/service/config';
import { setGroupTemplate } from '../../client/src/scaffold/configEdit';
import { runCliIn } from './support/cli';

const runbook = (n: number, rollback = true): string =>
  `# Runbook ${n}\n\n**Owner**: ops\n**Status**: live\n\n## Prerequisites\n\nShell access.\n\n## Steps\n\n1. Drain: \`drain api-${n}\`\n   **Validation**: no pods left\n2. Restart: \`systemctl restart api\`\n   **Validation**: healthy\n\n${rollback ? '## Rollback\n\nStart the previous release.\n' : ''}`;

function convention(texts: readonly string[], group = 'runbooks/'): Convention {
  const shapes = texts.map((t, i) => documentShape(parseWorkflow(`file:///w/${group}${i}.md`, 1, t, {})) as DocumentShape);
  return deriveConvention(group, shapes) as Convention;
}

describe('conventionTemplate', () => {
  const c = convention([runbook(1), runbook(2), runbook(3), runbook(4, false)]);

  it('reads back as a template with the usual sections, in order, required, and steps with a Validation', () => {
    const text = conventionTemplate(c);
    const { template, errors } = deriveTemplate(text, 't.md');
    assert.deepEqual(errors, []);
    assert.deepEqual(template?.sections.map((s) => `${s.level} ${s.title} ${s.required}`), ['2 Prerequisites true', '2 Steps true', '2 Rollback true']);
    assert.deepEqual(template?.steps, { command: false, validation: true, rollback: false });
    assert.match(text, /^# \[Workflow Name\]\n\n\*\*Owner\*\*: \[Owner\]\n\*\*Status\*\*: \[Status\]\n/);
  });

  it('names the group by a glob and suggests a path per group', () => {
    assert.equal(groupGlob(c), 'runbooks/*.md');
    assert.equal(templatePathFor(c), '.wfs/templates/runbooks.md');
    assert.equal(groupGlob({ ...c, group: 'docs/**/ops/*.md' }), 'docs/**/ops/*.md');
    assert.equal(groupGlob({ ...c, group: './' }), '*.md');
  });

  it('writes front-matter fields as front matter', () => {
    const fm = (n: number): string => `---\ntitle: R${n}\nowner: ops\n---\n${runbook(n)}`;
    const text = conventionTemplate(convention([fm(1), fm(2), fm(3), fm(4)]));
    assert.match(text, /^---\nowner: "\[owner\]"\ntitle: "\[Workflow Name\]"\n---\n\n# \[Workflow Name\]\n\n\*\*Status\*\*: \[Status\]\n/);
  });
});

describe('setGroupTemplate', () => {
  it('adds the group to templates and keeps comments, other keys and layout', () => {
    const config = '{\n    // Team rules.\n    "rules": { "todo.marker": "off" },\n    "templates": { "ops/*.md": "t/ops.md" }\n}\n';
    const edited = setGroupTemplate(config, 'runbooks/*.md', '.wfs/templates/runbooks.md');
    assert.ok('text' in edited);
    assert.match(edited.text, /\/\/ Team rules\./);
    const { config: parsed, errors } = parseConfig(edited.text, '.wfs.json');
    assert.deepEqual(errors, []);
    assert.deepEqual(parsed, { rules: { 'todo.marker': 'off' }, templates: { 'ops/*.md': 't/ops.md', 'runbooks/*.md': '.wfs/templates/runbooks.md' } });
  });

  it('adds the key after the last member as written, without reformatting it', () => {
    const config = '{\n  // Skipped.\n  "exclude": ["drafts"]\n}\n';
    assert.deepEqual(setGroupTemplate(config, 'ops/*.md', 't.md'), {
      text: '{\n  // Skipped.\n  "exclude": ["drafts"],\n  "templates": {\n    "ops/*.md": "t.md"\n  }\n}\n',
    });
    // A glob already there: only its value changes.
    assert.deepEqual(setGroupTemplate('{ "templates": { "ops/*.md": "old.md" } }', 'ops/*.md', 't.md'), { text: '{ "templates": { "ops/*.md": "t.md" } }' });
  });

  it('creates a config when there is none', () => {
    const edited = setGroupTemplate(undefined, 'runbooks/*.md', 't.md');
    assert.ok('text' in edited);
    assert.deepEqual(JSON.parse(edited.text), { templates: { 'runbooks/*.md': 't.md' } });
  });

  it('refuses a config that does not parse, or whose templates is no object, saying why', () => {
    assert.deepEqual(setGroupTemplate('{ "rules": { ', 'g', 't.md'), { error: '.wfs.json does not parse (CloseBraceExpected on line 1): fix it, then save the convention again.' });
    assert.deepEqual(setGroupTemplate('[1]', 'g', 't.md'), { error: '.wfs.json is not a JSON object: fix it, then save the convention again.' });
    assert.deepEqual(setGroupTemplate('{"templates": "x"}', 'g', 't.md'), {
      error: '.wfs.json has a "templates" key that is not an object of glob -> template path: fix it, then save the convention again.',
    });
  });
});

describe('a saved convention, through .wfs.json templates', () => {
  let work = '';
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'wfs-convention-template-'));
    mkdirSync(join(work, 'runbooks'));
    mkdirSync(join(work, 'other'));
    for (const n of [1, 2, 3]) writeFileSync(join(work, 'runbooks', `r${n}.md`), runbook(n));
    writeFileSync(join(work, 'runbooks', 'r4.md'), runbook(4, false));
    writeFileSync(join(work, 'other', 'o.md'), runbook(5, false));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('turns the convention findings of the group into template findings, and leaves other folders alone', () => {
    const c = convention([runbook(1), runbook(2), runbook(3), runbook(4, false)]);
    mkdirSync(join(work, '.wfs', 'templates'), { recursive: true });
    writeFileSync(join(work, templatePathFor(c)), conventionTemplate(c));
    const edited = setGroupTemplate(undefined, groupGlob(c), templatePathFor(c));
    assert.ok('text' in edited);
    writeFileSync(join(work, '.wfs.json'), edited.text);
    const { code, stdout, stderr } = runCliIn(work, ['lint', 'runbooks', 'other', '--format', 'json']);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const reports = JSON.parse(stdout) as { filePath: string; diagnostics: { ruleId: string; message: string }[] }[];
    const findings = reports.flatMap((r) => r.diagnostics.filter((d) => d.ruleId.includes('section')).map((d) => `${r.filePath} ${d.ruleId}`));
    assert.deepEqual(findings, ['runbooks/r4.md section.missing']);
  });
});
