/**
 * How the model reads documents as teams write them (issue 10), on small documents of this project's own: every
 * step style, what is not a step, command blocks, formats, metadata headers, titles, TODOs and placeholders, and
 * the YAML step shapes. ../shared/corpus measures the same on real documents (test/corpus/); these tests keep each
 * rule covered without it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { createWorkflowService } from '../../server/src/service';
import { lineAt } from '../../server/src/service/text';
import type { WorkflowModel } from '../../server/src/service/model';

const md = (text: string, uri = 'file:///w/docs/runbooks/doc.md'): WorkflowModel => parseWorkflow(uri, 1, text);
const yaml = (text: string, uri = 'file:///w/flows/ci.workflow.yaml'): WorkflowModel => parseWorkflow(uri, 1, text);
/** The steps as [1-based line, title]. */
const steps = (m: WorkflowModel): [number, string][] => m.steps.map((s) => [lineAt(m.lineStarts, s.start) + 1, s.title]);
const doc = (...lines: string[]): string => lines.join('\n') + '\n';

describe('steps: headings', () => {
  it('reads "Step 3:", "3.", "3)", "3.1", "Step 3 —" and step words of other languages as steps', () => {
    const m = md(doc(
      '# Deploy',
      '## Step 1: Build', 'Run the build.',
      '## 2) Test', 'Run the tests.',
      '## Schritt 3: Prüfen', 'Alles grün?',
      '## Paso 4 — Publicar', 'Publica.',
      '## ÉTAPE 5 : VALIDER', 'Valide.',
      '## 手順6: 確認', '確認する。',
      '## خطوة 7: إنهاء', 'أنه.',
      '## 步骤8: 回滚', '回滚。',
    ));
    assert.deepEqual(steps(m), [[2, 'Build'], [4, 'Test'], [6, 'Prüfen'], [8, 'Publicar'], [10, 'VALIDER'], [12, '確認'], [14, 'إنهاء'], [16, '回滚']]);
  });

  it('reads numbered headings as steps where they form a sequence, not only under a section named Steps', () => {
    const m = md(doc('# Recovery', '', '## 1. Isolate the problem', 'Stop traffic.', '', '## 2. Restore data', 'Restore it.', '', '## Notes', 'None.'));
    assert.deepEqual(steps(m), [[3, 'Isolate the problem'], [6, 'Restore data']]);
    // One numbered heading alone is a section, not a sequence.
    assert.deepEqual(steps(md(doc('# X', '## 1. Background', 'Text.'))), []);
  });

  it('takes the smallest unit with its own commands: numbered sub-steps of a phase, not the phase', () => {
    const m = md(doc(
      '# Migration',
      '## Phase 1: Prepare',
      'Get ready.',
      '### 1.1 Back up',
      '```bash', 'pg_dump app > app.sql', '```',
      '### 1.2 Announce',
      'Post in #ops.',
      '## Phase 2: Migrate',
      '```bash', 'make migrate', '```',
    ));
    assert.deepEqual(steps(m), [[4, 'Back up'], [8, 'Announce'], [10, 'Migrate']]);
  });

  it('keeps an explicit "Step N" whole when its sub-sections are plain notes, even with commands', () => {
    const m = md(doc('# Deploy', '## Step 1: Build', '### Details', '```bash', 'make', '```', '## Step 2: Ship', 'Ship it.'));
    assert.deepEqual(steps(m), [[2, 'Build'], [7, 'Ship']]);
  });

  it('reads alternatives ("Option A", "Path B", "方案A") as steps of their own, their numbered lists as steps', () => {
    const m = md(doc(
      '# Rollback',
      '## Step 1: Roll back',
      '### Option A — Redeploy the old image', '```bash', 'kubectl rollout undo deploy/api', '```',
      '### Option B — Rebuild from git', '1. Check out the tag', '2. Build and push',
    ));
    assert.deepEqual(steps(m), [[3, 'Redeploy the old image'], [8, 'Check out the tag'], [9, 'Build and push']]);
    assert.equal(m.steps[0].numberText, 'A');
  });

  it('reads unnumbered sections with their own commands as steps, and a sibling without commands among them', () => {
    const m = md(doc(
      '# Runbook',
      '## Troubleshooting',
      '### API not responding', '```bash', 'kubectl logs deploy/api', '```',
      '### Worker stuck', '```bash', 'kubectl delete pod -l app=worker', '```',
      '### Database issues', 'Page the database owner.',
    ));
    assert.deepEqual(steps(m), [[3, 'API not responding'], [7, 'Worker stuck'], [11, 'Database issues']]);
  });

  it('makes a heading a step by the commands written inline in it', () => {
    const m = md(doc('# Incident', '## Contain', '- Stop the service: `sudo systemctl stop api`', '- Tell #ops', '## Background', 'It broke.'));
    assert.deepEqual(steps(m), [[2, 'Contain']]);
  });
});

describe('steps: list items, paragraphs and tables', () => {
  it('reads the items of a numbered list whose items carry code blocks, fences at column 0 included', () => {
    const m = md(doc(
      '# Disk full',
      '## Playbook',
      '1. Confirm usage:',
      '```bash', 'df -h /', '```',
      '2. Clean old backups:',
      '```bash', 'ls -t backups | tail -n +6 | xargs rm', '```',
      '3. Re-check the usage.',
    ));
    assert.deepEqual(steps(m), [[3, 'Confirm usage'], [7, 'Clean old backups'], [11, 'Re-check the usage.']]);
    assert.deepEqual(m.steps.map((s) => s.commands.map((c) => c.code)), [['df -h /'], ['ls -t backups | tail -n +6 | xargs rm'], []]);
  });

  it('reads a numbered list under a section of the procedure, and "1. **Title**" items by their bold title', () => {
    const m = md(doc('# Release', '## Steps', '1. **Verify all tests pass**', '   - Run: `npm test`', '2. **Tag the release**', '   - Run: `git tag v1`'));
    assert.deepEqual(steps(m), [[3, 'Verify all tests pass'], [5, 'Tag the release']]);
  });

  it('reads checklists of titled items or items with commands, and "- [ ] **Step 1: …**" items', () => {
    const m = md(doc(
      '# Plan',
      '## Task A',
      '- [ ] **Step 1: Write the test**',
      '- [ ] **Step 2: Run it**',
      '```bash', 'npm test', '```',
      '## Gate',
      '- [ ] Tests green',
      '- [ ] Docs updated',
    ));
    assert.deepEqual(steps(m), [[3, 'Write the test'], [4, 'Run it']]);
  });

  it('reads bold "**Step 1 — …**" paragraphs and bold labels that each introduce their own block', () => {
    const m = md(doc(
      '# ArgoCD',
      '## Deploy',
      '**Step 1 — Merge to main**', '```bash', 'git push origin main', '```',
      '**Step 2: Watch the sync**', 'Wait for green.',
      '## Not syncing',
      '**Check the sync status:**', '```bash', 'kubectl get application -n argocd', '```',
      '**Force a sync:**', '```bash', 'argocd app sync web', '```',
    ));
    assert.deepEqual(steps(m), [[3, 'Merge to main'], [7, 'Watch the sync'], [10, 'Check the sync status'], [14, 'Force a sync']]);
  });

  it('reads the rows of a table of steps', () => {
    const m = md(doc('# Checklist', '', '| # | Item | Status |', '|---|------|--------|', '| 1 | 🧪 Tests passing? | ⬜ |', '| 2 | 💾 Backup taken? | ⬜ |'));
    assert.deepEqual(steps(m), [[5, 'Tests passing?'], [6, 'Backup taken?']]);
    assert.equal(m.steps[0].source, 'table');
  });

  it('reads sentences that end with a colon right over a block as steps of a plain section', () => {
    const m = md(doc('# Move Docker', '## Method', 'First, stop Docker:', '', '    sudo systemctl stop docker', '', 'Then move the data:', '', '    sudo mv /var/lib/docker /data/docker'));
    assert.deepEqual(steps(m), [[3, 'First, stop Docker'], [7, 'Then move the data']]);
  });

  it('reads a document without headings by its lists', () => {
    assert.deepEqual(steps(md(doc('* Check that the tree is clean', '* Run `make deploy`'))), [[1, 'Check that the tree is clean'], [2, 'Run `make deploy`']]);
  });
});

describe('steps: what is not a step', () => {
  it('leaves out the introduction, prerequisites, overviews, advice, reference and deprecated sections', () => {
    const m = md(doc(
      '# Deploy',
      'Bootstrap once:', '```bash', 'make bootstrap', '```',
      '## Prerequisites', '1. An account', '2. A token',
      '## Overview', '1. Build', '2. Ship',
      '## Procedure', '1. Build the image', '2. Ship it',
      '## Best practices', '1. Ship small', '2. Ship often',
      '## Useful commands', '```bash', 'kubectl get pods', '```',
      '## Old procedure (deprecated)', '```bash', 'make old-deploy', '```',
    ));
    assert.deepEqual(steps(m), [[13, 'Build the image'], [14, 'Ship it']]);
  });

  it('keeps a command unit inside prerequisites: installing a tool is a step', () => {
    const m = md(doc('# Setup', '## Prerequisites', '### Install Docker', '```bash', 'apt-get install -y docker.io', '```'));
    assert.deepEqual(steps(m), [[3, 'Install Docker']]);
  });

  it('reads no steps from a README, an index or a reference page', () => {
    const text = doc('# Workflows', '## 1. Deploy', '```bash', 'make deploy', '```', '## 2. Release', '```bash', 'make release', '```');
    assert.deepEqual(steps(md(text)).length, 2);
    assert.deepEqual(steps(md(text, 'file:///w/docs/runbooks/README.md')), []);
    assert.deepEqual(steps(md(text.replace('# Workflows', '# Quick Reference'))), []);
  });
});

describe('command blocks', () => {
  it('does not count a block of comments as a command: the step has none', () => {
    const m = md(doc('# Incident', '## 1. Mitigate', '```bash', '# 1. Implement the fix', '# 2. Verify it', '```', '## 2. Resolve', '```bash', './scripts/verify-fix.sh', '```'));
    assert.deepEqual(m.steps.map((s) => s.commands.length), [0, 1]);
  });

  it('counts untagged and indented blocks that read as commands, not output, diagrams or env files', () => {
    const m = md(doc(
      '# Ops',
      '## Restart', '```', 'sudo systemctl restart api', '```',
      '## Output', '```', 'Active: active (running)', '```',
      '## Config', '```bash', 'DB_HOST=db', 'DB_USER=app', 'DB_NAME=app', '```',
      '## Set the repo', '```bash', 'REPO=org/app', '```',
    ));
    assert.deepEqual(steps(m), [[2, 'Restart'], [16, 'Set the repo']]);
    assert.deepEqual(m.steps[0].commands.map((c) => [c.lang, c.code]), [['', 'sudo systemctl restart api']]);
  });

  it('counts SQL and PowerShell blocks as commands of their language', () => {
    const m = md(doc('# Rotate', '## 1. Rotate', '```sql', "ALTER USER app WITH PASSWORD 'x';", '```', '## 2. Restart', '```powershell', 'Restart-Service api', '```'));
    assert.deepEqual(m.steps.map((s) => s.commands.map((c) => c.lang)), [['sql'], ['powershell']]);
  });
});

describe('formats', () => {
  it('reads an agent\'s workflow by its folder or by its front matter', () => {
    assert.equal(md('# Deploy\n', 'file:///w/.windsurf/workflows/deploy.md').format, 'agent');
    assert.equal(md('# Deploy\n', 'file:///w/.claude/commands/deploy.md').format, 'agent');
    assert.equal(md('# Deploy\n', 'file:///w/.github/prompts/deploy.prompt.md').format, 'agent');
    assert.equal(md('---\ndescription: Deploy the app\nallowed-tools: Bash\n---\n# Deploy\n').format, 'agent');
  });

  it('reads metadata front matter as frontmatter, holding it to the seed template only when it declares a workflow', () => {
    const meta = md('---\ntitle: Restore\nowner: data\n---\n# Restore\n');
    assert.equal(meta.format, 'frontmatter');
    assert.equal(meta.template, undefined);
    const declared = md('---\ntitle: Restore\ntype: system\nsubtype: workflow\n---\n# Restore\n');
    assert.equal(declared.template?.id, 'builtin.frontmatter');
  });

  it('reads a README, an index or a reference page as reference', () => {
    assert.equal(md('# Runbooks\n', 'file:///w/docs/runbooks/README.md').format, 'reference');
    assert.equal(md('# Workflows Index\n').format, 'reference');
    assert.equal(md('---\ncategory: index\n---\n# Workflows\n').format, 'reference');
    // A FILE header wins: the README of seed 001 is a FILE-header document, still without steps.
    assert.equal(md('# Workflows\n\n**FILE**: workflows/README.md | **PURPOSE**: Index | **OWNER**: X | **LAST-AUDITED**: 2026-01-01\n', 'file:///w/workflows/README.md').format, 'file-header');
  });

  it('reads a document with a metadata header as file-header, without the FILE template', () => {
    const m = md('# Restore drill\n\nOwner: Platform\nLast updated: 2026-04-02\n\n## Steps\n');
    assert.equal(m.format, 'file-header');
    assert.equal(m.template, undefined);
    assert.deepEqual(m.fileHeader?.fields.map((f) => [f.key, f.value]), [['Owner', 'Platform'], ['Last updated', '2026-04-02']]);
  });
});

describe('metadata headers and their dates', () => {
  const stale = (text: string) =>
    createWorkflowService()
      .getDiagnostics({ uri: 'file:///w/doc.md', version: 1, getText: () => text }, { now: new Date(Date.UTC(2026, 10, 22)) })
      .filter((d) => d.code === 'header.audit-stale')
      .map((d) => text.slice(d.start, d.end));

  it('reads the FILE header with the colon inside or outside the bold, as a heading, and one field per line', () => {
    const variants = [
      '**FILE**: a.md | **PURPOSE**: P | **OWNER**: O | **LAST-AUDITED**: 2025-01-02',
      '**FILE:** a.md | **PURPOSE:** P | **OWNER:** O | **LAST-AUDITED:** 2025-01-02',
      '# FILE: a.md | PURPOSE: P | OWNER: O | LAST-AUDITED: 2025-01-02',
      '**FILE:** a.md\n**PURPOSE:** P\n**OWNER:** O\n**LAST-AUDITED:** 2025-01-02',
    ];
    for (const header of variants) {
      const text = `# Release\n\n${header}\n\n## Steps\n`;
      const m = md(text);
      assert.equal(m.fileHeader?.kind, 'file', header);
      assert.deepEqual(m.fileHeader?.fields.map((f) => f.key.toUpperCase()), ['FILE', 'PURPOSE', 'OWNER', 'LAST-AUDITED'], header);
      assert.deepEqual(stale(text), ['2025-01-02'], header);
    }
  });

  it('reports stale dates of "Last updated" lines, bold or plain, quoted, with a time or another date form', () => {
    assert.deepEqual(stale('# R\n\nLast updated: 2025-08-23 21:14:03+03:00\n'), ['2025-08-23 21:14:03+03:00']);
    assert.deepEqual(stale('# R\n\n> Status: Active\n> Last Updated: 2025-02-01\n'), ['2025-02-01']);
    assert.deepEqual(stale('# R\n\n**Last Updated**: 12.01.2025  \n**Owner**: Ops\n'), ['12.01.2025']);
    assert.deepEqual(stale('# R\n\n*Última atualização: 2025-01-10*\n'), ['2025-01-10']);
    assert.deepEqual(stale('# R\n\nLast updated: 2026-10-30\n'), []);
    // A date further down the document is not the header's.
    assert.deepEqual(stale('# R\n\n## Steps\n\nLast updated: 2020-01-01\n'), []);
  });
});

describe('titles for the catalog', () => {
  it('takes the H1 without emphasis and decorative emoji; a slash command gets its description', () => {
    assert.equal(md('# 🚀 **Deploy** the app ✅\n').title?.text, 'Deploy the app');
    assert.equal(md('---\ndescription: Roll back a failed deploy\n---\n# /rollback\n').title?.text, '/rollback — Roll back a failed deploy');
    assert.equal(md('---\ntitle: Restore runbook\n---\n\n## Purpose\n').title?.text, 'Restore runbook');
  });
});

describe('TODO markers', () => {
  const todos = (text: string) => md(text).todos.map((t) => t.text);

  it('finds markers where markers stand, in prose only', () => {
    assert.deepEqual(todos('# X\n\nTODO: pick a cache\n\n- Owner: TBD\n\n| Role | Name |\n|---|---|\n| Lead | TBD |\n\nShip it. FIXME(ops): the URL\n'), [
      'TODO: pick a cache', 'TBD', 'TBD |', 'FIXME(ops): the URL',
    ]);
  });

  it('leaves out code, ids such as ADR-XXX, mentions of markers and capitalised words of other languages', () => {
    assert.deepEqual(todos('# X\n\nSee ADR-XXX and PO-XXXX.\n\nSearched for "TODO" and "TBD": none.\n\nAll TODO markers are closed.\n\n¡Esto BORRA TODO el disco!\n\n```bash\n# TODO: later\n```\n'), []);
  });
});

describe('placeholders', () => {
  const found = (text: string) => md(text).placeholders.map((p) => p.text);

  it('finds fill-ins in prose and in shell code', () => {
    assert.deepEqual(found('# X\n\nRun `/ship <intent-id>` for **[Team]** on YYYY-MM-DD.\n\n```bash\nssh root@<HOST> "ls /opt/{app}"\nexport DB_URL=postgresql://...\n```\n'), [
      '<intent-id>', '[Team]', 'YYYY-MM-DD', '<HOST>', '{app}', 'postgresql://...',
    ]);
  });

  it('leaves out links, checkboxes, HTML, generics, shell and CI variables and runtime expressions', () => {
    assert.deepEqual(found('# X\n\n- [ ] See [docs](https://x.y) and <details>.\n\nA `Promise<string>` and `${VAR}` and `${{ secrets.T }}` and {{ steps.a.outputs.b }}.\n\n```bash\n[ -f x ] && echo "[OK]"\n```\n'), []);
  });
});

describe('YAML steps', () => {
  it('takes a step\'s title from name, label or title, else its id or step_id; an anonymous step has none', () => {
    const m = yaml('steps:\n  - label: "🕵️ Lint"\n    command: make lint\n  - step_id: gen\n    prompt_file: gen.md\n  -\n    exec:\n      command: date\n');
    assert.deepEqual(steps(m), [[2, '🕵️ Lint'], [4, 'gen'], [6, '']]);
  });

  it('takes the id as the title when the name is a builder image (Cloud Build)', () => {
    const m = yaml("steps:\n- id: 'Deploy to cluster'\n  name: gcr.io/k8s-skaffold/skaffold:v2.16.1\n  entrypoint: skaffold\n");
    assert.deepEqual(steps(m), [[2, 'Deploy to cluster']]);
  });

  it('reads the steps of a group or a parallel step instead of the group', () => {
    const m = yaml('steps:\n  - label: Lint\n    command: make lint\n  - group: Demos\n    steps:\n      - label: Build demo\n        command: make demo\n      - label: Upload demo\n        command: make upload\n');
    assert.deepEqual(steps(m), [[2, 'Lint'], [6, 'Build demo'], [8, 'Upload demo']]);
  });

  it('reads steps written as a map keyed by name', () => {
    const m = yaml('steps:\n  build:\n    action: make\n  test:\n    action: make test\n');
    assert.deepEqual(steps(m), [[2, 'build'], [4, 'test']]);
  });
});
