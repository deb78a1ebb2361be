/**
 * The run engine with a fake terminal, fake prompts and a fake clock (sleeps are recorded, never waited).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { StepInfo, StepsResult } from '../../server/src/protocol';
import { dryRun, riskyMatch, runWorkflow, type RunEvent, type RunOptions, type RunPrompts } from '../../server/src/run/engine';
import { SAMPLE_RISKY_PATTERNS } from './support/risky-patterns';
import { runnableScript, substitute } from '../../server/src/run/variables';
import { resolveSteps } from '../../server/src/service/features/steps';

const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const cmd = (code: string) => ({ lang: 'bash', code, range: R, contentRange: R, inline: false, runnable: true });
const field = (...codes: string[]) => ({ text: '', range: R, commands: codes.map(cmd) });

function step(title: string, codes: string[], extra: Partial<StepInfo> = {}): StepInfo {
  return { index: 0, title, range: R, titleRange: R, source: 'heading', kind: 'command', placeholders: [], commands: codes.map(cmd), ...extra };
}

function yamlStep(name: string, codes: string[], yaml: Partial<NonNullable<StepInfo['yaml']>> = {}): StepInfo {
  return step(name, codes, { source: 'yaml', yaml: { name, conditions: [], ...yaml } });
}

/** The steps as the server gives them: resolved by the service's own function (kind, routes, risk...). */
const wf = (steps: StepInfo[], extra: Partial<StepsResult> = {}): StepsResult => {
  const result: StepsResult = { uri: 'file:///w/wf.md', format: 'frontmatter', title: 'WF', steps: steps.map((s, index) => ({ ...s, index })), ...extra };
  resolveSteps(result.steps, result.risk);
  return result;
};

/** A terminal that records each command and fails those listed (by exact code) with exit code 1. */
function harness(opts: { fail?: (code: string, n: number) => boolean; prompts?: Partial<RunPrompts>; onRun?: (code: string) => void } = {}) {
  const ran: string[] = [];
  const sleeps: number[] = [];
  const events: RunEvent[] = [];
  const asked: string[] = [];
  let t = 0;
  const deps = {
    executor: {
      async run(code: string) {
        ran.push(code);
        opts.onRun?.(code);
        t += 10;
        const n = ran.filter((c) => c === code).length;
        return { exitCode: opts.fail?.(code, n) ? 1 : 0, output: `ran ${code}` };
      },
    },
    prompts: {
      async approve(s: StepInfo, reason: string) {
        asked.push(`approve ${s.title}: ${reason}`);
        return true;
      },
      async manual(s: StepInfo) {
        asked.push(`manual ${s.title}`);
        return 'done' as const;
      },
      async decide() {
        return undefined;
      },
      async variable(name: string) {
        asked.push(`variable ${name}`);
        return `value-of-${name}`;
      },
      ...opts.prompts,
    },
    clock: {
      now: () => t,
      async sleep(ms: number) {
        sleeps.push(ms);
        t += ms;
      },
    },
    emit: (e: RunEvent) => events.push(e),
  };
  const run = (w: StepsResult, o: RunOptions = {}) => runWorkflow(w, deps, o);
  const ends = () => events.filter((e) => e.type === 'step-end').map((e) => e.type === 'step-end' && `${e.title}:${e.status}:${e.phase}`);
  return { ran, sleeps, events, asked, run, ends, deps };
}

const fails = (...codes: string[]) => (code: string) => codes.includes(code);

describe('run engine', () => {
  it('refuses a run with a step it cannot run here (a PowerShell block): nothing runs, the run fails with the reason, never a pass', async () => {
    const h = harness();
    const ps = step('Restart', [], { commands: [{ ...cmd('Restart-Service api'), lang: 'powershell' }] });
    const w = wf([step('Note', ['echo note']), ps]);
    assert.match(w.steps[1].refusal ?? '', /its `powershell` block is PowerShell; the runner runs bash/);
    const r = await h.run(w);
    assert.equal(r.outcome, 'failed');
    assert.match(r.refused ?? '', /^step 2 "Restart" cannot run here/);
    assert.deepEqual(h.ran, []);
    const end = h.events.at(-1);
    assert.equal(end?.type === 'run-end' && end.failedStep, 1);
    // A run of the other step alone is not refused; the dry run names the problem.
    assert.equal((await h.run(w, { only: 0 })).outcome, 'passed');
    const plan = await dryRun(w);
    assert.match(plan.steps[1].problems?.[0] ?? '', /^cannot run here: /);
  });

  it('runs the steps in order, commands then validation, and ends passed', async () => {
    const h = harness();
    const r = await h.run(wf([step('A', ['a1', 'a2'], { validation: field('va') }), step('B', ['b'])]));
    assert.deepEqual(h.ran, ['a1', 'a2', 'va', 'b']);
    assert.equal(r.outcome, 'passed');
    assert.deepEqual(h.events.map((e) => e.type).filter((t) => t.startsWith('run') || t.startsWith('step')), [
      'run-start', 'step-start', 'step-end', 'step-start', 'step-end', 'run-end',
    ]);
    const end = h.events.find((e) => e.type === 'step-end');
    assert.ok(end && end.type === 'step-end' && end.exitCode === 0 && end.durationMs === 30);
  });

  it('never passes a step that runs nothing: prose, an empty block, code for another tool ask a person', async () => {
    const h = harness({ prompts: { manual: async (s) => (h.asked.push(`manual ${s.title}`), s.title === 'Prose' ? 'skip' : 'done') } });
    const sql = { ...cmd('ALTER USER app;'), lang: 'sql' };
    const r = await h.run(wf([step('Prose', []), step('Query', [], { commands: [sql] }), step('Empty', ['   ']), step('Run', ['make'])]));
    assert.deepEqual(h.asked, ['manual Prose', 'manual Query', 'manual Empty']);
    assert.deepEqual(h.ran, ['make']);
    assert.deepEqual(h.ends(), ['Prose:skipped:run', 'Query:passed:run', 'Empty:passed:run', 'Run:passed:run']);
    assert.equal(r.outcome, 'passed');
    // The dry run says so too. A block for a shell it cannot run (PowerShell) is refused instead: see the first test.
    const plan = await dryRun(wf([step('Prose', [])]), {});
    assert.deepEqual(plan.steps[0].prompts, ['manual: Done / Skip / Abort']);
  });

  it('stops at the first failing command: no later command or step runs', async () => {
    const h = harness({ fail: fails('a1') });
    const r = await h.run(wf([step('A', ['a1', 'a2']), step('B', ['b'])]));
    assert.deepEqual(h.ran, ['a1']);
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(h.ends(), ['A:failed:run']);
    const last = h.events.at(-1);
    assert.ok(last?.type === 'run-end' && last.outcome === 'failed' && last.failedStep === 0);
  });

  it('a failing validation fails the step', async () => {
    const h = harness({ fail: fails('check') });
    const r = await h.run(wf([step('A', ['a'], { validation: field('check') }), step('B', ['b'])]));
    assert.deepEqual(h.ran, ['a', 'check']);
    assert.equal(r.outcome, 'failed');
    const end = h.events.find((e) => e.type === 'step-end');
    assert.ok(end?.type === 'step-end' && end.status === 'failed' && end.reason === 'validation failed');
  });

  it('rolls back the failed step first, then the completed steps in reverse order', async () => {
    const steps = [
      step('A', ['a'], { rollback: field('undo-a') }),
      step('B', ['b'], { rollback: field('undo-b') }),
      step('C', ['c'], { rollback: field('undo-c') }),
      step('D', ['d'], { rollback: field('undo-d') }),
    ];
    const offered: string[] = [];
    const h = harness({ fail: fails('c'), prompts: { rollback: async (f, done) => (offered.push(f.title, ...done.map((s) => s.title)), 'all') } });
    const r = await h.run(wf(steps));
    assert.deepEqual(offered, ['C', 'B', 'A']);
    assert.deepEqual(h.ran, ['a', 'b', 'c', 'undo-c', 'undo-b', 'undo-a']);
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(h.ends().slice(-3), ['C:rolled-back:rollback', 'B:rolled-back:rollback', 'A:rolled-back:rollback']);
  });

  it('rolls back only the failed step when that is the choice, automatically with autoRollback, never when declined', async () => {
    const steps = [step('A', ['a'], { rollback: field('undo-a') }), step('B', ['b'], { rollback: field('undo-b') })];
    const accepted = harness({ fail: fails('b'), prompts: { rollback: async () => 'failed' } });
    await accepted.run(wf(steps));
    assert.deepEqual(accepted.ran, ['a', 'b', 'undo-b']);
    const auto = harness({ fail: fails('b') });
    await auto.run(wf(steps), { autoRollback: true });
    assert.deepEqual(auto.ran, ['a', 'b', 'undo-b']);
    const declined = harness({ fail: fails('b'), prompts: { rollback: async () => 'none' } });
    await declined.run(wf(steps));
    assert.deepEqual(declined.ran, ['a', 'b']);
  });

  it('retries with exponential backoff through the clock, and passes when an attempt succeeds', async () => {
    const h = harness({ fail: (code, n) => code === 'flaky' && n < 4 });
    const r = await h.run(wf([yamlStep('s', ['flaky'], { retry: { maxAttempts: 5, backoff: 'exponential', delaySeconds: 2, range: R } })]));
    assert.deepEqual(h.sleeps, [2000, 4000, 8000]);
    assert.deepEqual(h.ran, ['flaky', 'flaky', 'flaky', 'flaky']);
    assert.equal(r.outcome, 'passed');
    const end = h.events.find((e) => e.type === 'step-end');
    assert.ok(end?.type === 'step-end' && end.attempt === 4);
  });

  it('linear backoff, and a step that keeps failing fails after max_attempts', async () => {
    const h = harness({ fail: fails('bad') });
    const r = await h.run(wf([yamlStep('s', ['bad'], { retry: { maxAttempts: 3, backoff: 'linear', delaySeconds: 5, range: R } })]));
    assert.deepEqual(h.sleeps, [5000, 10000]);
    assert.equal(h.ran.length, 3);
    assert.equal(r.outcome, 'failed');
  });

  it('routes by conditions.success and conditions.failure to the named step', async () => {
    const cond = (success?: string, failure?: string) => [
      ...(success ? [{ kind: 'success', target: success, range: R }] : []),
      ...(failure ? [{ kind: 'failure', target: failure, range: R }] : []),
    ];
    const h = harness({ fail: fails('collect') });
    const r = await h.run(wf([
      yamlStep('collect', ['collect'], { conditions: cond('summarise', 'notify') }),
      yamlStep('summarise', ['summarise'], { conditions: cond('end') }),
      yamlStep('notify', ['notify'], { conditions: cond('summarise') }),
    ]));
    assert.deepEqual(h.ran, ['collect', 'notify', 'summarise']);
    assert.equal(r.outcome, 'passed');
  });

  it('a decision step asks which branch to take and goes there', async () => {
    let offered: string[] = [];
    const h = harness({ prompts: { decide: async (_s, branches) => ((offered = branches), 'ship') } });
    await h.run(wf([
      yamlStep('review', [], { type: 'decision', conditions: [{ kind: 'success', target: 'ship', range: R }, { kind: 'failure', target: 'redo', range: R }] }),
      yamlStep('redo', ['redo']),
      yamlStep('ship', ['ship']),
    ]));
    assert.deepEqual(offered, ['ship', 'redo']);
    assert.deepEqual(h.ran, ['ship']);
  });

  it('asks for an approval before a command matching a configured risky pattern, records it, and stops when declined', async () => {
    const h = harness();
    await h.run(wf([step('Clean', ['rm  -rf build']), step('Safe', ['ls'])]), { approver: 'ana', riskyPatterns: [...SAMPLE_RISKY_PATTERNS] });
    assert.deepEqual(h.asked, ['approve Clean: a command matches the risky pattern "rm -rf"']);
    const rec = h.events.find((e) => e.type === 'approval');
    assert.ok(rec?.type === 'approval' && rec.approved && rec.approver === 'ana' && rec.step === 0);

    const no = harness({ prompts: { approve: async () => false } });
    const r = await no.run(wf([step('Drop', ['psql -c "drop table users"']), step('B', ['b'])]), { riskyPatterns: [...SAMPLE_RISKY_PATTERNS] });
    assert.deepEqual(no.ran, []);
    assert.equal(r.outcome, 'cancelled');
    assert.ok(no.events.some((e) => e.type === 'approval' && !e.approved));

    const custom = harness();
    await custom.run(wf([step('Deploy', ['helm uninstall x'])]), { riskyPatterns: ['helm uninstall'] });
    assert.equal(custom.asked.length, 1);
  });

  it('risky patterns see through option order, spelling and options between the words', () => {
    const risky: [string, string][] = [
      ['rm -rfv /', 'rm -rf'],
      ['rm -r -f x', 'rm -rf'],
      ['rm -fr x', 'rm -rf'],
      ['rm -Rf x', 'rm -rf'],
      ['rm --recursive --force x', 'rm -rf'],
      ['rm -r x -f', 'rm -rf'],
      ['sudo /bin/rm -rf /var/x', 'rm -rf'],
      ['find . -name x | xargs rm -rf', 'rm -rf'],
      ['rm \\\n  -rf build', 'rm -rf'],
      ['kubectl -n prod delete pod x', 'kubectl delete'],
      ['kubectl --context=a delete deploy/x', 'kubectl delete'],
      ['kubectl --namespace prod --dry-run=server delete pod x', 'kubectl delete'],
      ['terraform -chdir=infra apply', 'terraform apply'],
      ['terraform -chdir infra apply -auto-approve', 'terraform apply'],
      ['psql -c "drop   table users"', 'DROP TABLE'],
      ['psql -c"DROP\n  TABLE users"', 'DROP TABLE'],
      ["mysql <<'SQL'\nDrop Table t;\nSQL", 'DROP TABLE'],
      ['ssh host "rm -rf /srv/app"', 'rm -rf'],
      // Over-matching on purpose: a quoted command may well be run (sh -c, ssh), and an approval is cheap.
      ['echo "rm -rf is dangerous"', 'rm -rf'],
    ];
    for (const [code, pattern] of risky) assert.equal(riskyMatch(code, SAMPLE_RISKY_PATTERNS)?.toLowerCase(), pattern.toLowerCase(), code);
    const safe = ['rm -r x', 'rm -f x', 'rm -r x && ls -f', 'perform -rf', 'kubectl get pods', 'kubectl describe pod delete-me', 'terraform plan', 'dropped tables', 'kubectl -n prod get x delete'];
    for (const code of safe) assert.equal(riskyMatch(code, SAMPLE_RISKY_PATTERNS), undefined, code);
    // Configured patterns follow the same rules; a long option is also met by its letter.
    assert.equal(riskyMatch('git push -f origin main', ['git push --force']), 'git push --force');
    assert.equal(riskyMatch('git   PUSH --force-with-lease', ['git push --force']), 'git push --force');
    assert.equal(riskyMatch('helm -n x uninstall web', ['helm uninstall']), 'helm uninstall');
    assert.equal(riskyMatch('git push origin main', ['git push --force']), undefined);
    assert.equal(riskyMatch('DELETE FROM users', [/delete\s+from/i]), '/delete\\s+from/i');
  });

  it('a step whose value cannot be substituted safely fails with the reason and runs nothing', async () => {
    const h = harness({ prompts: { variable: async () => 'a[$(touch pwned)]' } });
    const r = await h.run(wf([step('A', ['echo ok']), step('B', ['echo $(( <COUNT> + 1 ))'], { rollback: field('undo-b') }), step('C', ['c'])]), { autoRollback: 'all' });
    assert.deepEqual(h.ran, ['echo ok']);
    assert.equal(r.outcome, 'failed');
    const end = h.events.find((e) => e.type === 'step-end' && e.step === 1);
    assert.ok(end?.type === 'step-end' && end.status === 'failed' && /^cannot safely substitute COUNT here: .*arithmetic/.test(end.reason ?? ''), JSON.stringify(end));
    const last = h.events.at(-1);
    assert.ok(last?.type === 'run-end' && last.failedStep === 1 && /cannot safely substitute COUNT/.test(last.reason ?? ''));

    // A value that would run a command wherever bash evaluates it, and a rollback that cannot be resolved.
    const subscript = harness({ prompts: { variable: async () => 'x[$(touch pwned)]' } });
    assert.equal((await subscript.run(wf([step('A', ['declare -i n\nn=<N>'])]))).outcome, 'failed');
    assert.deepEqual(subscript.ran, []);
    const rollback = harness({ prompts: { variable: async () => 'v' } });
    const rr = await rollback.run(wf([step('A', ['a'], { rollback: field('echo `echo <X>`') })]), { rollback: [0] });
    assert.equal(rr.outcome, 'failed');
    assert.deepEqual(rollback.ran, []);
    assert.ok(rollback.events.some((e) => e.type === 'step-end' && e.phase === 'rollback' && e.status === 'failed' && /inside a `...` command substitution/.test(e.reason ?? '')));

    const plan = await dryRun(wf([step('A', ['echo "$(echo <X>)"', 'echo `echo <X>`'])]), {}, async () => 'x"; echo PWNED; "');
    assert.deepEqual(plan.steps[0].commands.map((c) => c.code), [`__wfs_X='x"; echo PWNED; "'\necho "$(echo "\${__wfs_X}")"`, 'echo `echo <X>`']);
    assert.equal(plan.steps[0].problems?.length, 1);
    assert.match(plan.steps[0].problems![0], /cannot safely substitute X here/);
  });

  it('asks for an approval before each step of a High-risk workflow', async () => {
    const h = harness();
    await h.run(wf([step('A', ['a']), step('B', ['b'])], { risk: 'high' }));
    assert.deepEqual(h.asked, ["approve A: the workflow's risk level is high", "approve B: the workflow's risk level is high"]);
    const low = harness();
    await low.run(wf([step('A', ['a'])], { risk: 'low' }));
    assert.deepEqual(low.asked, []);
  });

  it('a manual step waits for Done, Skip or Abort', async () => {
    const steps = [step('Check', ['not-run'], { mode: 'manual' }), step('B', ['b'])];
    const done = harness();
    await done.run(wf(steps));
    assert.deepEqual(done.ran, ['b']);
    assert.deepEqual(done.ends(), ['Check:passed:run', 'B:passed:run']);

    const skip = harness({ prompts: { manual: async () => 'skip' } });
    await skip.run(wf([step('Sign off', [], { actor: 'Human' }), step('B', ['b'])]));
    assert.deepEqual(skip.ends(), ['Sign off:skipped:run', 'B:passed:run']);

    const abort = harness({ prompts: { manual: async () => 'abort' } });
    const r = await abort.run(wf(steps));
    assert.deepEqual(abort.ran, []);
    assert.equal(r.outcome, 'cancelled');
  });

  it('asks for each placeholder once per run and passes it by reference, never as script text', async () => {
    const evil = `'; rm -rf /; '`;
    const h = harness({ prompts: { variable: async (name) => (h.asked.push(name), evil) } });
    await h.run(wf([step('A', ['echo <NAME>']), step('B', ['echo "hi ${NAME}!" {{ NAME }}']), step('C', ['echo "$(echo "<NAME>") $(echo <NAME>)"'])]), { riskyPatterns: [...SAMPLE_RISKY_PATTERNS] });
    assert.deepEqual(h.asked.filter((a) => a === 'NAME'), ['NAME']);
    // The value is set from hexadecimal escapes on the block's first line, and the block refers to it.
    assert.equal(h.ran[0], `__wfs_NAME=$'${[...Buffer.from(evil)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}'; echo "\${__wfs_NAME}"`);
    for (const code of h.ran) assert.ok(!code.includes(evil) && !code.includes('rm -rf'), code);
    // The run log and the panel show the block as a person reads it.
    const shown = h.events.filter((e) => e.type === 'command').map((e) => (e.type === 'command' ? e.code : ''));
    assert.equal(shown[0], `__wfs_NAME=''\\''; rm -rf /; '\\'''\necho "\${__wfs_NAME}"`);
    // A real bash prints the value as text (on Windows there is no bash to ask); `rm` is a harmless function there,
    // so a quoting failure shows in the output instead of running the real one.
    if (process.platform !== 'win32') {
      const bash = (code: string) => execFileSync('bash', ['-c', `rm() { echo RM-RAN; }\n${code}`], { encoding: 'utf8' });
      assert.deepEqual(h.ran.map(bash), [`${evil}\n`, `hi ${evil}! ${evil}\n`, `${evil} ${evil}\n`]);
    }
    // Configured risky patterns are matched on the resolved command, values included: over-cautious, never blind.
    assert.ok(h.events.some((e) => e.type === 'approval'));
  });

  it('writes the reference for its context: single quotes, heredocs, and leaves shell variables alone', () => {
    const v = new Map([['X', `a'b$c`], ['HOME', 'nope'], ['LOCAL', 'nope']]);
    const code = (t: string) => substitute(t, v).code;
    assert.equal(code(`echo 'pre ${'${X}'} post'`), `echo 'pre '"\${__wfs_X}"' post'`);
    assert.equal(code('cat <<EOF\n<X>\nEOF\necho <X>'), 'cat <<EOF\n${__wfs_X}\nEOF\necho "${__wfs_X}"');
    // A quoted here-document expands nothing: with a value in it, it is written unquoted, its own `$` escaped.
    assert.equal(code("cat <<'EOF'\n$HOME <X> `x` \\\nEOF"), 'cat <<EOF\n\\$HOME ${__wfs_X} \\`x\\` \\\\\nEOF');
    assert.equal(code("cat <<'EOF'\n$HOME\nEOF"), "cat <<'EOF'\n$HOME\nEOF");
    assert.equal(code('cd ${HOME}; LOCAL=1; echo ${LOCAL}'), 'cd ${HOME}; LOCAL=1; echo ${LOCAL}');
    assert.equal(code('echo 1\r\necho <X>\r\n'), 'echo 1\necho "${__wfs_X}"\n', 'CRLF line endings become LF');
    const bash = (t: string) => execFileSync('bash', ['-c', runnableScript(substitute(t, v))], { encoding: 'utf8', env: { HOME: '/h', PATH: process.env.PATH } });
    assert.equal(bash("cat <<'EOF'\n$HOME <X> `x` \\\nEOF"), "$HOME a'b$c `x` \\\n");
  });

  it('asks secret-looking names in a password box and masks their values in every event', async () => {
    const secrets: string[] = [];
    const h = harness({
      fail: fails(`curl -H 'it'\\''s-S3CRET' x`),
      prompts: { variable: async (name, secret) => (secret && secrets.push(name), name === 'API_TOKEN' ? `it's-S3CRET` : 'plain') },
    });
    // Bash quotes the line of a syntax error, the one that sets the values included: the escapes are masked too.
    h.deps.executor.run = async (code: string) => ({ exitCode: 0, output: `echoing ${code} and it's-S3CRET` });
    await h.run(wf([step('A', ['curl -H <API_TOKEN> x']), step('B', ['echo <USER_NAME>'])]));
    assert.deepEqual(secrets, ['API_TOKEN']);
    const text = JSON.stringify(h.events);
    assert.ok(!text.includes('S3CRET'), text);
    assert.ok(!text.includes(`\\\\x${Buffer.from('S').toString('hex')}\\\\x${Buffer.from('3').toString('hex')}`), text);
    assert.ok(text.includes('***'));
    assert.ok(text.includes('plain'));
  });

  it('a dry run resolves every command and lists approvals and prompts, executing nothing', async () => {
    const h = harness();
    const plan = await dryRun(
      wf([
        step('A', ['kubectl delete pod <POD>'], { validation: field('kubectl get pods'), rollback: field('echo {{DB_PASSWORD}}') }),
        step('B', [], { mode: 'manual' }),
        yamlStep('C', ['c'], { retry: { maxAttempts: 3, backoff: 'exponential', delaySeconds: 1, range: R } }),
      ], { risk: 'high' }),
      { riskyPatterns: ['kubectl delete'] },
      async (name) => (name === 'POD' ? 'web-1' : 'hunter2'),
    );
    assert.deepEqual(h.ran, []);
    assert.deepEqual(plan.steps[0].commands, [
      { kind: 'command', code: `__wfs_POD='web-1'\nkubectl delete pod "\${__wfs_POD}"` },
      { kind: 'validation', code: 'kubectl get pods' },
      { kind: 'rollback', code: `__wfs_DB_PASSWORD=***\necho "\${__wfs_DB_PASSWORD}"` },
    ]);
    assert.deepEqual(plan.steps[0].approvals, ["the workflow's risk level is high", 'a command matches the risky pattern "kubectl delete"']);
    assert.deepEqual(plan.steps[1].prompts, ['manual: Done / Skip / Abort']);
    assert.deepEqual(plan.steps[2].retry, { maxAttempts: 3, delaysMs: [1000, 2000] });
    assert.deepEqual(plan.variables, [{ name: 'POD', secret: false }, { name: 'DB_PASSWORD', secret: true }]);
  });

  it('asks nothing about rollback when nothing can be rolled back', async () => {
    let asked = 0;
    const h = harness({ fail: fails('b'), prompts: { rollback: async () => { asked++; return 'all'; } } });
    const r = await h.run(wf([step('A', ['a']), step('B', ['b'])]));
    assert.equal(r.outcome, 'failed');
    assert.equal(asked, 0);
  });

  it('Stop while the rollback question is open leaves the run failed (not cancelled) and rolls nothing back', async () => {
    const stop = new AbortController();
    const h = harness({
      fail: fails('b'),
      prompts: {
        rollback: async () => {
          stop.abort();
          return 'none';
        },
      },
    });
    const r = await h.run(wf([step('A', ['a'], { rollback: field('undo-a') }), step('B', ['b'], { rollback: field('undo-b') })]), { signal: stop.signal });
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(h.ran, ['a', 'b']);
    const end = h.events.at(-1);
    assert.ok(end?.type === 'run-end' && end.failedStep === 1);
  });

  it('a failing rollback in rollback mode does not name a failed step of its own', async () => {
    const h = harness({ fail: fails('undo-a') });
    const r = await h.run(wf([step('A', ['a'], { rollback: field('undo-a') }), step('B', ['b'])]), { rollback: [0] });
    assert.equal(r.outcome, 'failed');
    const end = h.events.at(-1);
    assert.ok(end?.type === 'run-end' && end.failedStep === undefined && /rollback of step 1 failed/.test(end.reason ?? ''));
  });

  it('masks a secret in command output before keeping the last 4 KB, across CRLF line ends', async () => {
    const secret = 'line-one-of-the-key\nline-two-of-the-key';
    const padding = 'x'.repeat(4090);
    const h = harness({ prompts: { variable: async () => secret } });
    h.deps.executor.run = async () => ({ exitCode: 0, output: `${padding}\r\n${secret.replace('\n', '\r\n')}\r\ndone` });
    await h.run(wf([step('A', ['echo <API_KEY>'])]));
    const out = h.events.find((e) => e.type === 'output');
    assert.ok(out?.type === 'output');
    assert.ok(!out.text.includes('line-two-of-the-key') && !out.text.includes('line-one'), out.text.slice(-80));
    assert.ok(out.text.endsWith('***\ndone'));
  });

  it('rollback mode rolls back only the given steps, in the given order, and runs nothing else', async () => {
    const h = harness();
    const w = wf([step('A', ['a'], { rollback: field('undo-a') }), step('B', ['b'], { rollback: field('undo-b') }), step('C', ['c'])]);
    const r = await h.run(w, { rollback: [1, 0, 2] });
    assert.deepEqual(h.ran, ['undo-b', 'undo-a']);
    assert.equal(r.outcome, 'passed');
    assert.deepEqual(h.ends(), ['B:rolled-back:rollback', 'A:rolled-back:rollback']);
    const failing = harness({ fail: fails('undo-b') });
    assert.equal((await failing.run(w, { rollback: [1, 0] })).outcome, 'failed');
    assert.deepEqual(failing.ran, ['undo-b'], 'a failing rollback stops the rollbacks after it');
  });

  it('returns the variables it knows at the end, so a continued run does not ask again', async () => {
    const h = harness();
    const r = await h.run(wf([step('A', ['echo <HOST>'])]), { variables: { REGION: 'eu' } });
    assert.deepEqual(r.variables, { REGION: 'eu', HOST: 'value-of-HOST' });
    const again = harness();
    await again.run(wf([step('A', ['echo <HOST>'])]), { variables: r.variables });
    assert.deepEqual(again.asked, []);
  });

  it('cancelling during a command marks the run cancelled and runs nothing after it', async () => {
    const ac = new AbortController();
    const h = harness({ onRun: (code) => code === 'long' && ac.abort() });
    const r = await h.run(wf([step('A', ['long'], { rollback: field('undo') }), step('B', ['b'])]), { signal: ac.signal, autoRollback: true });
    assert.deepEqual(h.ran, ['long']);
    assert.equal(r.outcome, 'cancelled');
    const last = h.events.at(-1);
    assert.ok(last?.type === 'run-end' && last.outcome === 'cancelled');
  });

  it('cancelling during a retry delay stops the retries', async () => {
    const ac = new AbortController();
    const h = harness({ fail: fails('bad') });
    h.deps.clock.sleep = async () => ac.abort();
    const r = await h.run(wf([yamlStep('s', ['bad'], { retry: { maxAttempts: 5, backoff: 'fixed', delaySeconds: 1, range: R } })]), { signal: ac.signal });
    assert.equal(h.ran.length, 1);
    assert.equal(r.outcome, 'cancelled');
  });
});
