/**
 * New Workflow's pure part: the templates offered, names and file names, and the filled text with the first
 * TODO selected. The filled documents are linted too: each keeps its template's format. The team template is
 * read bounded and only from inside the workspace.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  builtinTemplates, configuredTemplatePath, fillTemplate, isoSeconds, validateWorkflowName, workflowFileName, workflowSlug, workflowTitle,
} from '../../client/src/scaffold/template';
import { readTeamTemplate } from '../../client/src/scaffold/teamTemplate';
import { createWorkflowService } from '../../server/src/service';
import { parseWorkflow } from '../../server/src/service/parse/workflow';

const NOW = new Date('2025-03-04T05:06:07.891Z');
const fill = (id: string, title = 'Deploy API') => {
  const template = builtinTemplates().find((t) => t.id === id)!;
  const relativePath = `docs/workflows/${workflowFileName(title, template)}`;
  return { ...fillTemplate(template.text, { title, relativePath, now: NOW }), relativePath };
};
const selected = (s: { text: string; selection: { start: number; end: number } }): string => s.text.slice(s.selection.start, s.selection.end);

describe('scaffolding templates', () => {
  it('offers every built-in Markdown template and a YAML starter', () => {
    assert.deepEqual(builtinTemplates().map((t) => [t.id, t.extension]), [
      ['builtin.frontmatter', '.md'],
      ['builtin.file-header', '.md'],
      ['builtin.catalog', '.md'],
      ['builtin.skill-sequence', '.md'],
      ['builtin.yaml-definition', '.workflow.yaml'],
    ]);
  });

  it('reads the template path from .wfs.json with comments and trailing commas', () => {
    assert.equal(configuredTemplatePath('{\n  // the team template\n  "template": "docs/templates/t.md", /* why */\n  "rules": {},\n}'), 'docs/templates/t.md');
    assert.equal(configuredTemplatePath('{ "rules": { "a//b": "off" } }'), undefined);
    assert.equal(configuredTemplatePath('not json'), undefined);
  });

  it('turns names into slugs, file names and titles, and rejects bad names', () => {
    assert.equal(workflowSlug('Déploy the API!'), 'deploy-the-api');
    assert.equal(workflowFileName('Nightly report', { extension: '.workflow.yaml' }), 'nightly-report.workflow.yaml');
    assert.equal(workflowTitle(' release.md '), 'release');
    assert.equal(validateWorkflowName('  '), 'Enter a name for the workflow.');
    assert.match(validateWorkflowName('a/b') ?? '', /cannot contain/);
    assert.match(validateWorkflowName('!!!') ?? '', /letter or digit/);
    assert.equal(validateWorkflowName('Deploy'), undefined);
  });
});

describe('fillTemplate', () => {
  it('fills the front matter: title, created and modified now, version 1, alternatives resolved', () => {
    const { text } = fill('builtin.frontmatter');
    const fm = text.slice(0, text.indexOf('\n---\n', 4));
    assert.match(fm, /^title: "Deploy API"$/m);
    assert.match(fm, /^created: 2025-03-04T05:06:07Z$/m);
    assert.match(fm, /^modified: 2025-03-04T05:06:07Z$/m);
    assert.match(fm, /^version: 1$/m);
    assert.match(fm, /^frequency: daily # one of: daily\|weekly\|monthly\|on-demand$/m);
    assert.equal(isoSeconds(NOW), '2025-03-04T05:06:07Z');
  });

  it('titles the document, keeps the sections without "(optional)", and leaves code blocks alone', () => {
    const { text } = fill('builtin.frontmatter');
    assert.match(text, /^# Deploy API$/m);
    assert.doesNotMatch(text, /\(optional\)/i);
    assert.match(text, /^## Decision Points$/m);
    assert.match(text, /^## Error Handling$/m);
    assert.match(text, /```bash\n# Command or action\ncommand --with-flags\n```/);
  });

  it('turns placeholders into TODO markers and selects the first one', () => {
    const filled = fill('builtin.frontmatter');
    assert.equal(selected(filled), '[TODO: cron, event, condition]');
    assert.match(filled.text, /- \[ \] Condition 1 met/, 'checkboxes stay');
  });

  it('fills a FILE header with the new path and today, placeholders in inline code untouched', () => {
    const filled = fill('builtin.file-header');
    assert.match(filled.text, /^\*\*FILE\*\*: docs\/workflows\/deploy-api\.md \| \*\*PURPOSE\*\*: \[TODO: Description\] \| \*\*OWNER\*\*: \[TODO: Team\] \| \*\*LAST-AUDITED\*\*: 2025-03-04$/m);
    assert.match(filled.text, /`execute-task \[workflow-name\]`/);
    assert.equal(selected(filled), '[TODO: Description]');
  });

  it('names the catalog workflow and selects the first section body when there is no placeholder', () => {
    const filled = fill('builtin.catalog');
    assert.match(filled.text, /- \*\*Workflow name:\*\* `deploy-api`/);
    assert.match(filled.text, /^description: "Deploy API"$/m);
    assert.equal(selected(filled), 'Use this section so humans and agents can quickly catalog and scan workflows.');
  });

  it('fills the YAML starter and selects its first TODO', () => {
    const filled = fill('builtin.yaml-definition', 'Nightly "report"');
    assert.match(filled.text, /^  name: "Nightly \\"report\\""$/m);
    assert.match(filled.text, /^  created: "2025-03-04T05:06:07Z"$/m);
    assert.equal(selected(filled), 'TODO: say what this workflow does and when it runs.');
  });

  it('keeps each template\'s format, and the new documents parse with no internal error', () => {
    const service = createWorkflowService();
    for (const id of ['builtin.frontmatter', 'builtin.file-header', 'builtin.catalog', 'builtin.skill-sequence', 'builtin.yaml-definition']) {
      const { text, relativePath } = fill(id);
      const model = parseWorkflow(`file:///w/${relativePath}`, 1, text, {});
      assert.equal(model.format, id.replace('builtin.', ''), id);
      const codes = service.getDiagnostics({ uri: `file:///w/${relativePath}`, version: 1, getText: () => text }).map((d) => d.code);
      assert.ok(!codes.includes('internal.rule-error'), `${id}: ${codes.join(', ')}`);
      assert.ok(!codes.includes('frontmatter.invalid-yaml') && !codes.includes('yaml.syntax'), `${id}: ${codes.join(', ')}`);
    }
  });
});

describe('the team template for New Workflow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wfs-team-'));
  const ws = join(dir, 'ws');
  mkdirSync(join(ws, 'docs'), { recursive: true });
  mkdirSync(join(dir, 'secrets-outside'));
  writeFileSync(join(dir, 'secrets-outside', 'prod.env'), '# Production\n\n## DB_PASSWORD=hunter2\n');
  writeFileSync(join(ws, 'docs', 'team.md'), '# Team Workflow\n\n## Purpose\n');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const config = (value: unknown): void => writeFileSync(join(ws, '.wfs.json'), JSON.stringify({ template: value }));

  it('offers the template the config names inside the workspace, a symlink inside it included', () => {
    config('docs/team.md');
    assert.deepEqual(readTeamTemplate(ws, [ws]).template, {
      id: 'workspace:docs/team.md', label: 'Team template (team.md)', detail: 'docs/team.md, from .wfs.json', text: '# Team Workflow\n\n## Purpose\n', extension: '.md',
    });
    symlinkSync(join(ws, 'docs', 'team.md'), join(ws, 'docs', 'alias.md'));
    config('docs/alias.md');
    assert.equal(readTeamTemplate(ws, [ws]).template?.text, '# Team Workflow\n\n## Purpose\n');
  });

  it('refuses a template outside the workspace by its key, and reads none of it', () => {
    config('../secrets-outside/prod.env');
    const result = readTeamTemplate(ws, [ws]);
    assert.deepEqual(result, { problem: '.wfs.json: "template": ../secrets-outside/prod.env: the path resolves outside the workspace; it is not read' });
    symlinkSync(join(dir, 'secrets-outside', 'prod.env'), join(ws, 'docs', 'leak.md'));
    config('docs/leak.md');
    assert.match(readTeamTemplate(ws, [ws]).problem ?? '', /"template": docs\/leak\.md: the path resolves outside the workspace/);
    config('../../../../../../../../dev/zero');
    assert.match(readTeamTemplate(ws, [ws]).problem ?? '', /outside the workspace; it is not read/);
  });

  it('refuses a FIFO template and a .wfs.json that is a symlink out of the workspace; no config is no problem', () => {
    execFileSync('mkfifo', [join(ws, 'docs', 'pipe.md')]);
    config('docs/pipe.md');
    assert.deepEqual(readTeamTemplate(ws, [ws]), { problem: '.wfs.json names the template docs/pipe.md, which cannot be read: not a regular file (a FIFO)' });
    rmSync(join(ws, '.wfs.json'));
    assert.deepEqual(readTeamTemplate(ws, [ws]), {});
    symlinkSync('/dev/zero', join(ws, '.wfs.json'));
    assert.deepEqual(readTeamTemplate(ws, [ws]), { problem: '.wfs.json cannot be read: the path resolves outside the workspace; it is not read' });
  });
});
