/**
 * `wfs run`, `wfs check` and `wfs runs` end to end: the built command with real bash in temporary folders, as a
 * person or a CI job runs it. Non-interactive throughout (the test's stdin is no terminal).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRuns, readRunLog, workflowMetrics, type RunRecord } from '../../server/src/run/runLog';
import { viewFromRecords } from '../../client/src/runner/runState';
import { buildRunsTree } from '../../client/src/views/runsTree';
import { CLI, ensureBuiltCli } from './support/cli';

let work = '';
before(() => {
  ensureBuiltCli();
  work = mkdtempSync(join(tmpdir(), 'wfs-cli-run-'));
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A guard only: a hung command is killed instead of hanging the suite. */
const GUARD_MS = 60_000;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, 'case-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function wfs(cwd: string, args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '', ...env }, timeout: GUARD_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The run logs `wfs run` wrote in this folder, newest first, read by the Runs view's reader. */
function logs(cwd: string): RunRecord[] {
  return listRuns(join(cwd, '.workflow-runs'));
}

const RUNBOOK = `# Release

## Steps

### 1. Prepare

\`\`\`bash
echo prepared > prepared.txt
\`\`\`

**Validation**: \`test -f prepared.txt\`

**Rollback**: \`echo "undo 1" >> rollback.txt\`

### 2. Publish

\`\`\`bash
echo publishing <VERSION>
\`\`\`

**Rollback**: \`echo "undo 2" >> rollback.txt\`

### 3. Announce

\`\`\`bash
echo announcing
\`\`\`

**Rollback**: \`echo "undo 3" >> rollback.txt\`
`;

describe('wfs run', () => {
  it('a passing run: exit 0, each step shown with its commands, the log readable by the Runs view and the Run panel', () => {
    const dir = folder({ 'release.md': RUNBOOK });
    const r = wfs(dir, ['run', 'release.md', '--var', 'VERSION=1.2.3']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /▶ \[1\/3\] Prepare \(step 1 of 3/);
    assert.match(r.stdout, /\$ echo publishing "\$\{__wfs_VERSION\}"/);
    assert.match(r.stdout, /^publishing 1\.2\.3$/m);
    assert.match(r.stdout, /Run passed in/);
    const [run] = logs(dir);
    assert.equal(run.outcome, 'passed');
    assert.deepEqual(Object.values(run.stepResults).map((s) => s.run?.status), ['passed', 'passed', 'passed']);
    assert.equal(run.header.relativePath, 'release.md');
    // The Runs view's tree and the Run panel's fold read it as they read the editor's runs.
    const [node] = buildRunsTree([run]);
    assert.equal(node.runs.length, 1);
    assert.equal(workflowMetrics([run]).successRate, 1);
    const view = viewFromRecords(run.records, true);
    assert.deepEqual(view.steps.map((s) => s.status), ['passed', 'passed', 'passed']);
  });

  it('a failing step: exit 1, and with --rollback auto the failed step and then the completed ones roll back, newest first', () => {
    const dir = folder({ 'release.md': RUNBOOK.replace('echo announcing', 'echo announcing; exit 3') });
    const r = wfs(dir, ['run', 'release.md', '--var', 'VERSION=1', '--rollback', 'auto']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /✖ \[3\/3\] Announce: failed \(exit 3, command failed\)/);
    assert.equal(readFileSync(join(dir, 'rollback.txt'), 'utf8'), 'undo 3\nundo 2\nundo 1\n');
    const [run] = logs(dir);
    assert.equal(run.outcome, 'failed');
    assert.equal(run.failedStep, 2);
    const rollbacks = run.records.filter((x) => x.type === 'step-start' && x.phase === 'rollback').map((x) => 'step' in x && x.step);
    assert.deepEqual(rollbacks, [2, 1, 0]);
  });

  it('a failing step without --rollback (no terminal to ask): nothing is rolled back', () => {
    const dir = folder({ 'release.md': RUNBOOK.replace('echo announcing', 'false') });
    const r = wfs(dir, ['run', 'release.md', '--var', 'VERSION=1']);
    assert.equal(r.code, 1);
    assert.equal(existsSync(join(dir, 'rollback.txt')), false);
  });

  it('retries a YAML step per its policy, follows routes, and takes a decision from --var', () => {
    const dir = folder({
      'deploy.workflow.yaml': `metadata:
  name: "Deploy"
steps:
  - name: "flaky"
    type: "action"
    config:
      run: "n=$(cat n 2>/dev/null || echo 0); echo $((n+1)) > n; test $((n+1)) -ge 3"
    retry:
      max_attempts: 3
      backoff: fixed
      delay_ms: 1
    conditions:
      success: "choose"
  - name: "choose"
    type: "decision"
    conditions:
      fast: "fast_path"
      slow: "slow_path"
  - name: "slow_path"
    type: "action"
    config:
      run: "echo slow >> path.txt"
    conditions:
      success: "end"
  - name: "fast_path"
    type: "action"
    config:
      run: "echo fast >> path.txt"
`,
    });
    const refused = wfs(dir, ['run', 'deploy.workflow.yaml']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /step 2 "choose" is a decision; pass --var choose=<fast_path\|slow_path>/);
    rmSync(join(dir, 'n'));
    const r = wfs(dir, ['run', 'deploy.workflow.yaml', '--var', 'choose=fast_path']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(join(dir, 'n'), 'utf8'), '3\n');
    assert.equal(readFileSync(join(dir, 'path.txt'), 'utf8'), 'fast\n');
    const run = logs(dir)[0];
    assert.equal(run.records.filter((x) => x.type === 'retry').length, 2);
    assert.deepEqual(run.records.filter((x) => x.type === 'decision').map((x) => 'branch' in x && x.branch), ['fast_path']);
  });

  it('non-interactive: a missing value or an approval without --yes stops the run with exit 2 and says what to pass; --yes is the recorded approval', () => {
    const dir = folder({ 'release.md': RUNBOOK.replace('echo announcing', 'rm -rf ./build-output') });
    const missing = wfs(dir, ['run', 'release.md']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no value for VERSION; pass --var VERSION=VALUE/);
    const unapproved = wfs(dir, ['run', 'release.md', '--var', 'VERSION=1']);
    assert.equal(unapproved.code, 2);
    assert.match(unapproved.stderr, /step 3 "Announce" needs an approval \(`rm -rf \.\/build-output` changes state \(rm\)\); pass --yes/);
    const approved = wfs(dir, ['run', 'release.md', '--var', 'VERSION=1', '--yes']);
    assert.equal(approved.code, 0, approved.stderr);
    const [run] = logs(dir);
    assert.equal(run.approvals.length, 1);
    assert.match(run.approvals[0].approver ?? '', /\(--yes\)$/);
    // CI=true is non-interactive too, whatever the terminal.
    assert.equal(wfs(dir, ['run', 'release.md'], { CI: 'true' }).code, 2);
  });

  it('default settings ask by the grammar: echo "rm -rf is bad" runs without an approval, kubectl delete ns prod needs one; --risky adds a pattern', () => {
    const dir = folder({
      'said.md': RUNBOOK.replace('echo announcing', 'echo "rm -rf is bad" > said.txt'),
      'delete.md': RUNBOOK.replace('echo announcing', 'kubectl delete ns prod'),
    });
    const said = wfs(dir, ['run', 'said.md', '--var', 'VERSION=1']);
    assert.equal(said.code, 0, said.stderr);
    assert.equal(readFileSync(join(dir, 'said.txt'), 'utf8'), 'rm -rf is bad\n');
    const deleted = wfs(dir, ['run', 'delete.md', '--var', 'VERSION=1']);
    assert.equal(deleted.code, 2);
    assert.match(deleted.stderr, /step 3 "Announce" needs an approval \(`kubectl delete ns prod` changes state \(kubectl delete\)\); pass --yes/);
    const extra = wfs(dir, ['run', 'said.md', '--var', 'VERSION=1', '--risky', 'rm -rf']);
    assert.equal(extra.code, 2);
    assert.match(extra.stderr, /step 3 "Announce" needs an approval \(a command matches the risky pattern "rm -rf"\)/);
  });

  it('bad usage exits 2 with a message', () => {
    const dir = folder({ 'release.md': RUNBOOK });
    for (const [args, message] of [
      [['run'], /"wfs run" needs a workflow file/],
      [['run', 'release.md', '--step', '9'], /--step 9: release\.md has 3 step\(s\)/],
      [['run', 'release.md', '--step', '1', '--from', '2'], /does not go with --from/],
      [['run', 'missing.md'], /cannot read missing\.md/],
      [['run', 'release.md', '--rollback', 'maybe'], /--rollback expects ask, auto or never/],
      [['runs', 'release.md', '--yes'], /"wfs runs" takes no --yes option/],
    ] as const) {
      const r = wfs(dir, [...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  it('a secret value never reaches stdout or the log, whole or split over output chunks', () => {
    const secret = 'tok-9f8e7d6c5b4a';
    const dir = folder({
      'secret.md': `# Secret\n\n## Steps\n\n### 1. Use it\n\n\`\`\`bash\necho "the token is <API_TOKEN>"\nprintf '%s' "<API_TOKEN>" | fold -w 3\necho; printf 'tok-9f8'; sleep 0.05; printf 'e7d6c5b4a\\n'\n\`\`\`\n`,
    });
    const r = wfs(dir, ['run', 'secret.md', '--var', 'API_TOKEN'], { API_TOKEN: secret });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /the token is \*\*\*/);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(secret));
    const logFiles = readdirSync(join(dir, '.workflow-runs', 'secret'));
    const text = readFileSync(join(dir, '.workflow-runs', 'secret', logFiles[0]), 'utf8');
    assert.doesNotMatch(text, new RegExp(secret));
    assert.match(text, /__wfs_API_TOKEN=\*\*\*/);
  });

  it('a step that runs past its timeout is stopped and fails "timed out after …"', () => {
    const dir = folder({ 'slow.md': '# Slow\n\n## Steps\n\n### 1. Wait\n\n```bash\nsleep 30\n```\n' });
    const r = wfs(dir, ['run', 'slow.md', '--timeout', '0.3']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /✖ \[1\/1\] Wait: failed \(exit 124, timed out after 300 ms\)/);
    assert.equal(logs(dir)[0].stepResults[0].run?.reason, 'timed out after 300 ms');
  });

  it("a step's own timeout (a **Timeout** line, YAML timeout) wins over --timeout and stops it", () => {
    const dir = folder({
      'own.md': '# Own\n\n## Steps\n\n### 1. Wait\n\n**Timeout**: `0.3s`\n\n```bash\nsleep 30\n```\n',
      'own.yaml': 'name: Own\nsteps:\n  - name: wait\n    timeout: 300ms\n    run: sleep 30\n',
    });
    for (const file of ['own.md', 'own.yaml']) {
      const r = wfs(dir, ['run', file, '--timeout', '60']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /failed \(exit 124, timed out after 300 ms\)/, file);
    }
  });

  it('Ctrl+C (SIGINT to wfs) stops the running command\'s whole process group, records the stop, and exits 130', async () => {
    const dir = folder({
      'long.md': `# Long\n\n## Steps\n\n### 1. Quick\n\n\`\`\`bash\necho quick\n\`\`\`\n\n**Rollback**: \`echo undone >> rollback.txt\`\n\n### 2. Forever\n\n\`\`\`bash\nsleep 300 &\necho "$$ $!" > pids.txt\nsleep 400\n\`\`\`\n`,
    });
    const child = spawn(process.execPath, [CLI, 'run', 'long.md', '--rollback', 'auto'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Wait for the state: the step's processes have written their ids.
    const pidFile = join(dir, 'pids.txt');
    const pids = await until(() => {
      const text = existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : '';
      return /^\d+ \d+\n$/.test(text) ? text.trim().split(' ').map(Number) : undefined;
    });
    child.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 130, stdout);
    // The foreground sleep and the background one, both of the step's process group, are gone.
    for (const pid of pids) await until(() => (alive(pid) ? undefined : true));
    const [run] = logs(dir);
    assert.equal(run.outcome, 'cancelled');
    // The completed step was rolled back after the stop (--rollback auto), in the same log.
    assert.equal(readFileSync(join(dir, 'rollback.txt'), 'utf8'), 'undone\n');
    assert.equal(run.stepResults[0].rollback?.status, 'rolled-back');
  });

  it('--dry-run shows the plan and runs nothing', () => {
    const dir = folder({ 'release.md': RUNBOOK });
    const r = wfs(dir, ['run', 'release.md', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2\. Publish\n {2}\$ echo publishing <VERSION>/);
    assert.match(r.stdout, /Placeholders the run would ask for: VERSION/);
    assert.equal(existsSync(join(dir, 'prepared.txt')), false);
    assert.equal(existsSync(join(dir, '.workflow-runs')), false);
  });

  it('--format json prints the run log records as JSON Lines', () => {
    const dir = folder({ 'release.md': RUNBOOK });
    const r = wfs(dir, ['run', 'release.md', '--var', 'VERSION=1', '--format', 'json', '--no-log']);
    assert.equal(r.code, 0, r.stderr);
    const types = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    assert.equal(types[0], 'run-start');
    assert.equal(types[types.length - 1], 'run-end');
    assert.equal(existsSync(join(dir, '.workflow-runs')), false);
  });
});

describe('wfs check', () => {
  it('runs only the Validation commands and reports which still pass; exit 1 when one fails', () => {
    const dir = folder({
      'checks.md': `# Checks\n\n## Steps\n\n### 1. Config exists\n\n\`\`\`bash\necho never-run > ran.txt\n\`\`\`\n\n**Validation**: \`test -f config.txt\`\n\n### 2. No validation\n\n\`\`\`bash\necho never-run > ran.txt\n\`\`\`\n\n### 3. Disk\n\n\`\`\`bash\necho never-run > ran.txt\n\`\`\`\n\n**Validation**: \`test -d .\`\n`,
    });
    const failing = wfs(dir, ['check', 'checks.md']);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /✖ \[1\/3\] Config exists: failed \(exit 1, validation failed\)/);
    assert.match(failing.stdout, /– \[2\/3\] No validation: skipped \(no validation command\)/);
    assert.match(failing.stdout, /✔ \[3\/3\] Disk: passed/);
    assert.match(failing.stdout, /1 of 2 validation\(s\) fail: step 1 "Config exists"/);
    writeFileSync(join(dir, 'config.txt'), 'x');
    const passing = wfs(dir, ['check', 'checks.md']);
    assert.equal(passing.code, 0, passing.stdout);
    assert.match(passing.stdout, /2 validation\(s\) pass/);
    // Nothing but validations ran, and a check is no run: no log.
    assert.equal(existsSync(join(dir, 'ran.txt')), false);
    assert.equal(existsSync(join(dir, '.workflow-runs')), false);
  });
});

describe('wfs runs', () => {
  it('history, last status and metrics from the logs, in human and JSON form', () => {
    const dir = folder({ 'release.md': RUNBOOK });
    assert.equal(wfs(dir, ['run', 'release.md', '--var', 'VERSION=1']).code, 0);
    writeFileSync(join(dir, 'release.md'), RUNBOOK.replace('echo announcing', 'exit 5'));
    assert.equal(wfs(dir, ['run', 'release.md', '--var', 'VERSION=1']).code, 1);
    const human = wfs(dir, ['runs']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /Release \(release\.md\): 2 run\(s\), 50 % passed, mean /);
    assert.match(human.stdout, /last: [^\n]*, failed, [^\n]*at step 3, command failed/);
    const json = JSON.parse(wfs(dir, ['runs', 'release.md', '--format', 'json']).stdout) as { workflows: { runs: number; passRate: number; lastFailure: { failedStep: number } }[] };
    assert.equal(json.workflows[0].runs, 2);
    assert.equal(json.workflows[0].passRate, 0.5);
    assert.equal(json.workflows[0].lastFailure.failedStep, 3);
    assert.ok(readRunLog(logs(dir)[0].file));
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls for a state (every 20 ms) until it holds; a guard fails the test if it never does. */
async function until<T>(probe: () => T | undefined, guardMs = GUARD_MS): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - start > guardMs) throw new Error('the state never came');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a step the runner cannot run here (PowerShell)', () => {
  const DOC = '# Restart\n\n## Steps\n\n### 1. Record the start\n\n```bash\necho started >> ran.txt\n```\n\n### 2. Restart the service\n\n```powershell\nRestart-Service -Name api\n```\n';

  it('is a diagnostic in the editor (wfs lint shows the same rule)', () => {
    const dir = folder({ 'restart.md': DOC });
    const r = wfs(dir, ['lint', 'restart.md', '--format', 'json']);
    const [file] = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; message: string; line: number }[] }[];
    const found = file.diagnostics.filter((d) => d.ruleId === 'step.unrunnable-block');
    assert.deepEqual(found.map((d) => d.line), [13]);
    assert.match(found[0].message, /Step "Restart the service" cannot run here: its `powershell` block is PowerShell/);
  });

  it('is a refusal in wfs run (exit 2, nothing runs), never a pass', () => {
    const dir = folder({ 'restart.md': DOC });
    const r = wfs(dir, ['run', 'restart.md']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /step 2 "Restart the service" cannot run here: its `powershell` block is PowerShell; the runner runs bash/);
    assert.equal(existsSync(join(dir, 'ran.txt')), false);
    const [run] = logs(dir);
    assert.equal(run.outcome, 'failed');
    assert.equal(run.failedStep, 1);
    // Also when only that step is asked for, and in a check of its validations.
    assert.equal(wfs(dir, ['run', 'restart.md', '--step', '2']).code, 2);
    assert.equal(wfs(dir, ['run', 'restart.md', '--step', '1']).code, 0);
  });
});
