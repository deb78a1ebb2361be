/**
 * The pure data behind `workflow/steps` and `workflow/catalog`: each step's commands, validation and rollback
 * with exact offsets, and a document's catalog facts and counts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { runRules } from '../../server/src/service/engine';
import { workflowSteps } from '../../server/src/service/features/steps';
import { catalogData, fileTitle, workflowFacts } from '../../server/src/service/features/catalog';

const NEVER = { isCancellationRequested: false };
const quiet = { log: () => undefined };

const RUNBOOK = [
  '---',
  'title: Deploy api',
  '---',
  '',
  '# Deploy api',
  '',
  '## Steps',
  '',
  '### 1. Build (Automated)',
  '**Actor**: System',
  '',
  '```bash',
  'npm run build',
  '```',
  '',
  '**Validation**: `ls dist`',
  '',
  '**Rollback**: `git revert HEAD`',
  '',
  '### 2. Announce',
  'Post in the channel. TODO: which channel',
  '',
].join('\n');

/** The text an offset span covers. */
const at = (text: string, start: number, end: number): string => text.slice(start, end);

describe('workflowSteps', () => {
  it('gives each Markdown step its commands, validation and rollback with exact spans', () => {
    const model = parseWorkflow('file:///w/deploy.md', 1, RUNBOOK, {});
    const data = workflowSteps(model);
    // Metadata front matter makes it a front-matter document (without the seed template: it declares no workflow).
    assert.equal(data.format, 'frontmatter');
    assert.equal(model.template, undefined);
    assert.equal(data.title, 'Deploy api');
    assert.equal(data.risk, undefined);
    assert.deepEqual(data.steps.map((s) => [s.index, s.number, s.title, s.mode, s.actor]), [
      [0, 1, 'Build', 'automated', 'System'],
      [1, 2, 'Announce', undefined, undefined],
    ]);
    const [build, announce] = data.steps;
    assert.equal(at(RUNBOOK, build.titleStart, build.titleEnd), 'Build');
    assert.equal(at(RUNBOOK, build.start, build.start + 24), '### 1. Build (Automated)');
    assert.equal(build.commands.length, 1);
    const block = build.commands[0];
    assert.deepEqual([block.lang, block.code, block.inline], ['bash', 'npm run build', false]);
    assert.equal(at(RUNBOOK, block.start, block.end), '```bash\nnpm run build\n```');
    assert.equal(at(RUNBOOK, block.contentStart, block.contentEnd), 'npm run build');
    // A field whose whole value is one code span is runnable as that command.
    assert.equal(at(RUNBOOK, build.validation!.start, build.validation!.end), 'Validation**: `ls dist`');
    assert.deepEqual(build.validation!.commands.map((c) => [c.code, c.inline, at(RUNBOOK, c.start, c.end), at(RUNBOOK, c.contentStart, c.contentEnd)]), [
      ['ls dist', true, '`ls dist`', 'ls dist'],
    ]);
    assert.deepEqual(build.rollback!.commands.map((c) => [c.code, at(RUNBOOK, c.contentStart, c.contentEnd)]), [['git revert HEAD', 'git revert HEAD']]);
    assert.deepEqual([announce.commands, announce.validation, announce.rollback], [[], undefined, undefined]);
    // What each step asks of whoever runs it, and why it is a step.
    assert.deepEqual(data.steps.map((s) => [s.kind, s.reason]), [
      ['command', 'a numbered heading among numbered headings'],
      ['manual', 'a numbered heading among numbered headings'],
    ]);
  });

  it('asks an approval for every step of a High-risk workflow, and gives YAML steps their kind', () => {
    const risky = parseWorkflow('file:///w/restore.md', 1, '---\ntitle: Restore\nrisk: High\n---\n# Restore\n\n## 1. Stop\n```bash\nsystemctl stop db\n```\n## 2. Restore\n```bash\npg_restore x\n```\n', {});
    assert.deepEqual(workflowSteps(risky).steps.map((s) => s.approval), ["the workflow's risk level is high", "the workflow's risk level is high"]);
    const flow = parseWorkflow('file:///w/f.workflow.yaml', 1, 'steps:\n  - name: pick\n    type: decision\n    conditions:\n      yes: ship\n  - name: ship\n    run: make ship\n  - name: notify\n    agent: bot\n', {});
    assert.deepEqual(workflowSteps(flow).steps.map((s) => [s.title, s.kind, s.reason]), [
      ['pick', 'decision', 'an item of the steps list'],
      ['ship', 'command', 'an item of the steps list'],
      ['notify', 'manual', 'an item of the steps list'],
    ]);
  });

  it('does not offer a code span inside prose as a command', () => {
    const text = '# R\n\n## Steps\n\n### 1. Check\n\n```sh\nmake check\n```\n\n**Validation**: the `dist` folder exists\n';
    const data = workflowSteps(parseWorkflow('file:///w/r.md', 1, text, {}));
    assert.equal(data.steps[0].validation!.text, 'the `dist` folder exists');
    assert.deepEqual(data.steps[0].validation!.commands, []);
  });

  it('gives YAML steps their command, routes and the definition risk, lower-cased', () => {
    const text = 'name: nightly\nmetadata:\n  risk: High\n  owner: ops\nsteps:\n  - name: a\n    run: make\n    conditions:\n      success: b\n  - name: b\n    run: echo\n';
    const data = workflowSteps(parseWorkflow('file:///w/n.workflow.yaml', 1, text, {}));
    assert.deepEqual([data.format, data.title, data.risk], ['yaml-definition', 'nightly', 'high']);
    assert.deepEqual(data.steps.map((s) => [s.title, s.source, s.commands.map((c) => at(text, c.contentStart, c.contentEnd))]), [
      ['a', 'yaml', ['make']],
      ['b', 'yaml', ['echo']],
    ]);
    assert.deepEqual(data.steps[0].yaml!.conditions.map((c) => [c.kind, c.target, at(text, c.start, c.end)]), [['success', 'b', 'b']]);
  });

  it('gives the working folder a document names for its commands (front matter cwd, YAML working_directory)', () => {
    const md = '---\ntitle: T\ncwd: services/api\n---\n# T\n\n## Steps\n\n### 1. A\n\n```sh\nmake\n```\n';
    assert.equal(workflowSteps(parseWorkflow('file:///w/t.md', 1, md, {})).cwd, 'services/api');
    const yaml = 'name: n\nworking_directory: /srv/app\nsteps:\n  - name: a\n    run: make\n';
    assert.equal(workflowSteps(parseWorkflow('file:///w/n.workflow.yaml', 1, yaml, {})).cwd, '/srv/app');
    assert.equal(workflowSteps(parseWorkflow('file:///w/n.workflow.yaml', 1, 'name: n\ncwd: 3\nsteps: []\n', {})).cwd, undefined);
  });

  it('resolves each step once for the runners: kind, runnable blocks, routes as indices, approval, refusal, placeholders, timeout', () => {
    const yaml = [
      'name: release', 'metadata:', '  risk: High', 'steps:',
      '  - name: build', '    id: b', '    timeout: 5m', '    run: make <TARGET>', '    on_failure: notify',
      '  - name: choose', '    type: decision', '    conditions:', '      ship: b', '      stop: end',
      '  - name: notify', '    type: manual', '    run: call the on-call person',
      '  - name: ps', '    shell: powershell', '    run: Restart-Service api', '    next: nowhere', '',
    ].join('\n');
    const data = workflowSteps(parseWorkflow('file:///w/r.workflow.yaml', 1, yaml, {}));
    assert.deepEqual(data.steps.map((s) => s.kind), ['command', 'decision', 'manual', 'command']);
    const [build, choose, notify, ps] = data.steps;
    assert.deepEqual([build.placeholders, build.timeoutSeconds, build.approval], [['TARGET'], 300, "the workflow's risk level is high"]);
    assert.deepEqual(build.routes, { failure: { to: 'notify', index: 2 } });
    assert.deepEqual(choose.branches, [{ to: 'b', index: 0 }, { to: 'end', index: null }]);
    assert.deepEqual([choose.approval, notify.approval], [undefined, undefined]);
    assert.deepEqual([ps.commands[0].runnable, ps.routes], [false, { success: { to: 'nowhere', index: null } }]);
    assert.match(ps.refusal ?? '', /its `powershell` block is PowerShell; the runner runs bash/);
    const md = '# T\n\n## Steps\n\n### 1. Wait\n\n**Timeout**: 90 s\n\n```json\n{"a": 1}\n```\n\n```bash\nsleep 1\n```\n';
    const [wait] = workflowSteps(parseWorkflow('file:///w/t.md', 1, md, {})).steps;
    assert.deepEqual([wait.kind, wait.timeoutSeconds, wait.refusal, wait.commands.map((c) => c.runnable)], ['command', 90, undefined, [true]]);
  });

  it('reads route keywords as the runners follow them, not as step names', () => {
    const yaml = [
      'name: keywords', 'steps:',
      '  - name: one', '    run: echo one', '    on_success: next_step', '    on_failure: fail',
      '  - name: two', '    run: echo two', '    on_failure: continue',
      '  - name: three', '    run: echo three', '    on_success: end', '    on_failure: retry',
      '  - name: four', '    run: echo four', '    on_success: abort', '    on_failure: skip', '',
    ].join('\n');
    const [one, two, three, four] = workflowSteps(parseWorkflow('file:///w/k.workflow.yaml', 1, yaml, {})).steps;
    // next_step on success and fail on failure are what the runner does anyway: no route.
    assert.equal(one.routes, undefined);
    // continue on failure goes on with the next step; after the last step, to the end.
    assert.deepEqual(two.routes, { failure: { to: 'continue', index: 2 } });
    assert.deepEqual(four.routes, { success: { to: 'abort', index: null }, failure: { to: 'end', index: null } });
    // end on success ends the run; retry on failure is the default failure handling.
    assert.deepEqual(three.routes, { success: { to: 'end', index: null } });
  });

  it('is empty for a document without steps', () => {
    assert.deepEqual(workflowSteps(parseWorkflow('file:///w/empty.md', 1, '', {})).steps, []);
  });
});

describe('catalogData', () => {
  it('reads the index entry of a catalog workflow and counts problems by severity', () => {
    const text = [
      '# Nightly invoice sync',
      '',
      '## 0. Index Entry (for catalog)',
      '',
      '- **Workflow name:** `nightly-invoice-sync`',
      '- **Category:** Sync',
      '- **Status:** Live (prod)',
      '- **Risk level:** High (financial impact)',
      '- **Primary owners (team / role):** Billing platform team',
      '',
      '## 1. Problem Statement',
      '',
      'TODO: describe',
      '',
    ].join('\n');
    const model = parseWorkflow('file:///w/sync.md', 1, text, { format: 'catalog' });
    const diagnostics = runRules(model, {}, NEVER, quiet);
    const data = catalogData(model, diagnostics);
    const count = (severity: string): number => diagnostics.filter((d) => d.severity === severity).length;
    assert.deepEqual(
      { ...data, problems: undefined },
      { title: 'Nightly invoice sync', format: 'catalog', category: 'Sync', status: 'Live (prod)', risk: 'High', owner: 'Billing platform team', stepCount: 0, todoCount: 1, problems: undefined },
    );
    assert.deepEqual(data.problems, { errors: count('error'), warnings: count('warning'), infos: count('information') + count('hint') });
    assert.ok(data.problems.warnings + data.problems.errors > 0, 'the template has sections this document lacks');
  });

  it('reads the FILE header owner and falls back to the file name for the title', () => {
    const text = '**FILE**: ops/release.md | **PURPOSE**: ship | **OWNER**: Team 3 | **LAST-AUDITED**: 2026-01-01\n\nSome text.\n';
    const model = parseWorkflow('file:///w/ops/release%20notes.md', 1, text, {});
    assert.deepEqual(workflowFacts(model), { owner: 'Team 3' });
    assert.equal(catalogData(model, []).title, 'release notes');
    assert.equal(fileTitle('file:///w/nightly.workflow.yaml'), 'nightly');
  });

  it('counts steps and TODO markers', () => {
    const model = parseWorkflow('file:///w/deploy.md', 1, RUNBOOK, {});
    const data = catalogData(model, [
      { code: 'x', severity: 'error', message: '', start: 0, end: 0, source: 'wfs', docs: '' },
      { code: 'y', severity: 'hint', message: '', start: 0, end: 0, source: 'wfs', docs: '' },
    ]);
    assert.deepEqual([data.title, data.stepCount, data.todoCount, data.problems], ['Deploy api', 2, 1, { errors: 1, warnings: 0, infos: 1 }]);
  });
});
