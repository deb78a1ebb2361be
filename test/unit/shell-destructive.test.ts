/**
 * The destructive-command table, matched on the commands the bash grammar reads (quotes removed), its extension in
 * `.wfs.json`, and the quick fix of the destructive-step rules.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkflowService } from '../../server/src/service';
import type { ShellParser } from '../../server/src/service';
import { analyzeShell } from '../../server/src/service/shell/analyze';
import { destructiveMatch, destructiveTable, isReadOnly } from '../../server/src/service/shell/destructive';
import { parseConfig } from '../../server/src/service/config';
import { loadBashParser } from '../../server/src/shell/bashParser';
import { stepsResult } from '../../server/src/run/steps';
import { dryRun, runWorkflow } from '../../server/src/run/engine';
import { systemClock } from '../../server/src/run/clock';

let bash: ShellParser;
before(async () => {
  bash = await loadBashParser();
});

/** The table entries the script's commands match, in order. */
function matches(script: string, extra?: Parameters<typeof destructiveTable>[0]): string[] {
  return analyzeShell(bash, script).commands.flatMap((c) => destructiveMatch(c, destructiveTable(extra))?.entry ?? []);
}

describe('the destructive-command table', () => {
  it('reads the remote command of ssh, past its options, as commands', () => {
    assert.deepEqual(matches('ssh host "rm -rf /srv/app"'), ['rm']);
    assert.deepEqual(matches('ssh -i ~/.ssh/key -p 2222 -t deploy@host sudo systemctl restart api'), ['systemctl restart']);
    assert.deepEqual(matches('ssh -p2222 -- host \'kubectl delete ns prod\''), ['kubectl delete']);
    assert.deepEqual(matches('ssh host ls /srv; ssh -o StrictHostKeyChecking=no host'), []);
    assert.deepEqual(matches('ssh host "$CMD"'), []);
  });

  it('reads commands, not text: an echo of rm -rf is an echo, kubectl delete ns prod is a delete', () => {
    assert.deepEqual(matches('echo "rm -rf x"'), []);
    assert.deepEqual(matches("printf 'kubectl delete ns prod\\n'"), []);
    assert.deepEqual(matches('kubectl delete ns prod'), ['kubectl delete']);
    assert.deepEqual(matches('# rm -rf /\ntrue'), []);
  });

  it('sees through quotes, wrappers, options between words, shells and eval', () => {
    assert.deepEqual(matches('sudo -u root r""m -rf /srv/old'), ['rm']);
    assert.deepEqual(matches('kubectl -n prod --context=a delete ns prod'), ['kubectl delete']);
    assert.deepEqual(matches('terraform -chdir=infra destroy -auto-approve'), ['terraform destroy']);
    assert.deepEqual(matches('sh -c "terraform apply -auto-approve"'), ['terraform apply']);
    assert.deepEqual(matches("eval 'helm uninstall api'"), ['helm uninstall']);
    assert.deepEqual(matches('env A=1 nohup /usr/bin/dd if=/dev/zero of=/dev/sdb'), ['dd']);
    assert.deepEqual(matches('timeout 30 systemctl stop api'), ['systemctl stop']);
    assert.deepEqual(matches('for f in $(ls); do mv "$f" old/; done'), ['mv']);
  });

  it('covers the table: kubectl, helm, terraform, git, docker, systemctl, aws, gcloud, mkfs', () => {
    assert.deepEqual(matches('kubectl apply -f x.yaml; kubectl rollout restart deploy/api; kubectl scale deploy/api --replicas=0'), ['kubectl apply', 'kubectl rollout', 'kubectl scale']);
    assert.deepEqual(matches('helm upgrade api chart/; terraform apply'), ['helm upgrade', 'terraform apply']);
    assert.deepEqual(matches('git push --force origin main; git push -fu origin x; git push origin main'), ['git push --force', 'git push -f']);
    assert.deepEqual(matches('docker rm -f api; docker system prune -af; docker ps'), ['docker rm', 'docker system prune']);
    assert.deepEqual(matches('aws s3api delete-bucket --bucket x; aws --region eu-west-1 ec2 describe-instances'), ['aws ** delete-*']);
    assert.deepEqual(matches('gcloud compute instances delete vm-1 --zone z; gcloud compute instances list'), ['gcloud ** delete']);
    assert.deepEqual(matches('mkfs.ext4 /dev/sdb1'), ['mkfs*']);
    assert.deepEqual(matches('kubectl get pods; helm list; terraform plan'), []);
  });

  it('finds SQL that deletes in psql and mysql arguments and here-documents, not in a SELECT', () => {
    assert.deepEqual(matches('psql -c "DROP TABLE t"'), ['psql']);
    assert.deepEqual(matches('mysql -e \'truncate sessions\' app'), ['mysql']);
    assert.deepEqual(matches('psql "$DB" <<SQL\nDELETE FROM sessions WHERE old;\nSQL'), ['psql']);
    assert.deepEqual(matches('psql --command="drop table t"'), ['psql']);
    assert.deepEqual(matches('psql -c "SELECT 1"; psql <<SQL\nSELECT * FROM dropped_items;\nSQL'), []);
  });

  it('is extended by .wfs.json entries, validated when the config is read', () => {
    const { config, errors } = parseConfig('{ "destructiveCommands": ["mycli purge", { "match": "sqlite3", "sql": ["DROP"] }] }', '.wfs.json');
    assert.deepEqual(errors, []);
    assert.deepEqual(matches('mycli --yes purge cache; sqlite3 app.db "DROP TABLE t"; sqlite3 app.db ".tables"'), []);
    assert.deepEqual(matches('mycli --yes purge cache', config.destructiveCommands), ['mycli purge']);
    assert.deepEqual(matches('sqlite3 app.db -c "DROP TABLE t"', config.destructiveCommands), ['sqlite3']);
    assert.match(parseConfig('{ "destructiveCommands": [{ "pattern": "x" }] }', '.wfs.json').errors[0], /"destructiveCommands" must be an array/);
  });

  it('knows read-only commands for the hover', () => {
    const [get, del] = analyzeShell(bash, 'kubectl -n prod get pods; kubectl delete pod x').commands;
    assert.equal(isReadOnly(get), true);
    assert.equal(isReadOnly(del), false);
  });
});

describe('the destructive-step rules', () => {
  const text = '# Clean up\n\n## Steps\n\n### 1. Delete it\n\n```bash\nkubectl delete ns legacy\n```\n';
  const doc = { uri: 'file:///clean.md', version: 1, getText: () => text };

  it('apply the .wfs.json entries given in the options', () => {
    const service = createWorkflowService({ shellParser: bash });
    const custom = { uri: 'file:///custom.md', version: 1, getText: () => '# X\n\n## Steps\n\n### 1. Purge\n\n```bash\nmycli purge\n```\n' };
    assert.deepEqual(service.getDiagnostics(custom).filter((d) => d.code.startsWith('shell.destructive')), []);
    const codes = service.getDiagnostics(custom, { destructiveCommands: [{ match: 'mycli purge' }] }).map((d) => d.code).filter((c) => c.startsWith('shell.destructive'));
    assert.deepEqual(codes, ['shell.destructive-without-rollback', 'shell.destructive-without-validation']);
  });

  it('offer a quick fix that adds the missing field to the step', () => {
    const service = createWorkflowService({ shellParser: bash });
    const diagnostics = service.getDiagnostics(doc).filter((d) => d.code === 'shell.destructive-without-rollback');
    assert.equal(diagnostics.length, 1);
    const actions = service.getCodeActions(doc, {}, { start: diagnostics[0].start, end: diagnostics[0].end }, diagnostics);
    const add = actions.find((a) => a.title === 'Add a Rollback to step "Delete it"');
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(add.edits?.map((e) => e.newText), ['\n**Rollback**: TODO\n']);
  });
});

describe('the runner asks by the grammar', () => {
  const text = [
    '# Clean up', '', '## Steps', '',
    '### 1. Say it', '', '```bash', 'echo "rm -rf /srv/old comes next"', '```', '',
    '### 2. Delete it', '', '```bash', 'kubectl -n prod delete ns prod', '```', '',
    '**Rollback**: `kubectl apply -f ns.yaml`', '',
  ].join('\n');
  const model = () => createWorkflowService({ shellParser: bash }).parse({ uri: 'file:///r.md', version: 1, getText: () => text });

  it('the server marks the commands that change state in the steps the runners read', () => {
    const workflow = stepsResult('file:///r.md', model());
    assert.equal(workflow.steps[0].commands[0].destructive, undefined);
    assert.deepEqual(workflow.steps[1].commands[0].destructive, [{ command: 'kubectl -n prod delete ns prod', entry: 'kubectl delete' }]);
    assert.deepEqual(workflow.steps[1].rollback?.commands[0].destructive, [{ command: 'kubectl apply -f ns.yaml', entry: 'kubectl apply' }]);
  });

  /** Runs the workflow, approving everything; what was asked (step title: reason) and what ran. */
  async function runApproving(workflow: ReturnType<typeof stepsResult>, options?: Parameters<typeof runWorkflow>[2]): Promise<{ asked: string[]; ran: string[] }> {
    const asked: string[] = [];
    const ran: string[] = [];
    await runWorkflow(workflow, {
      executor: { run: async (code) => (ran.push(code), { exitCode: 0, output: '' }) },
      prompts: {
        approve: async (s, reason) => (asked.push(`${s.title}: ${reason}`), true),
        manual: async () => 'done',
        decide: async () => undefined,
        variable: async () => undefined,
      },
      clock: systemClock,
      emit: () => undefined,
    }, options);
    return { asked, ran };
  }

  it('a run asks for an approval before the destructive step only, with no risky pattern set', async () => {
    const { asked, ran } = await runApproving(stepsResult('file:///r.md', model()), { riskyPatterns: [] });
    assert.deepEqual(asked, ['Delete it: `kubectl -n prod delete ns prod` changes state (kubectl delete)']);
    assert.equal(ran.length, 2);
  });

  it('with the default settings, echo "rm -rf is bad" asks nothing and kubectl delete ns prod asks', async () => {
    const doc = ['# Say and delete', '', '## Steps', '', '### 1. Say it', '', '```bash', 'echo "rm -rf is bad"', '```', '', '### 2. Delete it', '', '```bash', 'kubectl delete ns prod', '```', ''].join('\n');
    const workflow = stepsResult('file:///d.md', createWorkflowService({ shellParser: bash }).parse({ uri: 'file:///d.md', version: 1, getText: () => doc }));
    const { asked, ran } = await runApproving(workflow);
    assert.deepEqual(asked, ['Delete it: `kubectl delete ns prod` changes state (kubectl delete)']);
    assert.equal(ran.length, 2);
    assert.deepEqual((await dryRun(workflow)).steps.map((s) => s.approvals), [[], ['`kubectl delete ns prod` changes state (kubectl delete)']]);
  });

  it('a dry run lists the same approvals, and the rollback ones apart', async () => {
    const plan = await dryRun(stepsResult('file:///r.md', model()), { riskyPatterns: [] });
    assert.deepEqual(plan.steps.map((s) => s.approvals), [[], ['`kubectl -n prod delete ns prod` changes state (kubectl delete)', 'rollback: `kubectl apply -f ns.yaml` changes state (kubectl apply)']]);
  });
});

describe('hover on a shell command', () => {
  const text = [
    '---', 'risk: high', '---', '# Clean up', '', '## Steps', '', '### 1. Delete it', '', '```bash',
    'kubectl -n prod get ns && kubectl -n prod delete ns prod', 'echo "rm -rf x"', 'make build', '```', '',
    '```console', '$ rm -rf /tmp/x', '```', '',
  ].join('\n');
  const hoverAt = (needle: string) => {
    const service = createWorkflowService({ shellParser: bash });
    return service.getHover({ uri: 'file:///h.md', version: 1, getText: () => text }, {}, text.indexOf(needle));
  };

  it('says a destructive command needs an approval, with its table entry, over the command', () => {
    const h = hoverAt('delete ns');
    assert.ok(h);
    assert.match(h.markdown, /\*\*Destructive\*\*: it changes state \(`kubectl delete` in the destructive-command table\)/);
    assert.match(h.markdown, /The runner asks for an approval before the step runs it\./);
    assert.match(h.markdown, /risk level is high/);
    assert.equal(text.slice(h.start, h.end), 'kubectl -n prod delete ns prod');
  });

  it('says a read-only command needs none, and an echo of rm -rf is an echo', () => {
    assert.match(hoverAt('get ns')?.markdown ?? '', /\*\*Read-only\*\*/);
    const echo = hoverAt('rm -rf x');
    assert.match(echo?.markdown ?? '', /\*\*Shell command\*\* `echo rm -rf x`/);
    assert.match(echo?.markdown ?? '', /\*\*Read-only\*\*/);
    assert.match(hoverAt('make build')?.markdown ?? '', /Not in the destructive-command table/);
  });

  it('says the runner does not run a console block', () => {
    assert.match(hoverAt('rm -rf /tmp')?.markdown ?? '', /The runner does not run `console` blocks/);
  });
});

describe('placeholders in shell blocks', () => {
  it('reads a command inside a command substitution once', () => {
    assert.deepEqual(matches('echo "$(rm -rf /tmp/x)"; y=$(kubectl delete pod a)'), ['rm', 'kubectl delete']);
  });

  it('shell.unquoted-placeholder quotes the placeholder', () => {
    const text = '# T\n\n- `DIR`: the folder.\n\n```bash\nrm -rf /srv/${DIR}\n```\n';
    const doc = { uri: 'file:///q.md', version: 1, getText: () => text };
    const service = createWorkflowService({ shellParser: bash });
    const diagnostics = service.getDiagnostics(doc).filter((d) => d.code === 'shell.unquoted-placeholder');
    assert.deepEqual(diagnostics.map((d) => text.slice(d.start, d.end)), ['${DIR}']);
    const [fix] = service.getCodeActions(doc, {}, diagnostics[0], diagnostics);
    assert.equal(fix.title, 'Quote ${DIR}');
    assert.deepEqual(fix.edits, [{ start: diagnostics[0].start, end: diagnostics[0].end, newText: '"${DIR}"' }]);
  });
});
