/**
 * `wfs lint` learns each group's convention over the paths it lints (`--no-conventions` turns that off), and
 * `wfs conventions` prints what it learned; both read each document once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliIn } from './support/cli';
import { createWorkflowService } from '../../server/src/service';
import type { WorkflowService } from '../../server/src/service';

const FULL = (n: number): string => `# Runbook ${n}\n\n**Owner**: ops\n**Status**: active\n\n## Prerequisites\n\nAccess.\n\n## Steps\n\n1. Restart: \`systemctl restart api\`\n\n## Rollback\n\nUndo it.\n`;
const LACKING = '# Runbook 4\n\n**Owner**: ops\n**Status**: active\n\n## Prerequisites\n\nAccess.\n\n## Steps\n\n1. Restart: `systemctl restart api`\n';

let work = '';
before(() => {
  work = mkdtempSync(join(tmpdir(), 'wfs-conventions-'));
  mkdirSync(join(work, 'runbooks'));
  mkdirSync(join(work, 'small'));
  for (const n of [1, 2, 3]) writeFileSync(join(work, 'runbooks', `r${n}.md`), FULL(n));
  writeFileSync(join(work, 'runbooks', 'r4.md'), LACKING);
  // Three documents: too few to learn from, so the one without Rollback gets nothing.
  writeFileSync(join(work, 'small', 'a.md'), FULL(5));
  writeFileSync(join(work, 'small', 'b.md'), FULL(6));
  writeFileSync(join(work, 'small', 'c.md'), LACKING);
});
after(() => rmSync(work, { recursive: true, force: true }));

const run = (argv: string[], createService?: () => WorkflowService): ReturnType<typeof runCliIn> => runCliIn(work, argv, createService);

describe('wfs lint with conventions', () => {
  it('reports the section most siblings have, only in the group big enough, in the order files were read', () => {
    const { code, stdout } = run(['lint', '--no-config', '--format', 'json']);
    assert.equal(code, 0);
    const reports = JSON.parse(stdout) as { filePath: string; diagnostics: { ruleId: string; message: string; line: number }[] }[];
    assert.deepEqual(reports.map((r) => r.filePath), ['runbooks/r1.md', 'runbooks/r2.md', 'runbooks/r3.md', 'runbooks/r4.md', 'small/a.md', 'small/b.md', 'small/c.md']);
    const findings = reports.flatMap((r) => r.diagnostics.filter((d) => d.ruleId.startsWith('convention.')).map((d) => `${r.filePath}:${d.line} ${d.ruleId} ${d.message}`));
    assert.deepEqual(findings, ["runbooks/r4.md:1 convention.section-missing 3 of 4 runbooks in runbooks/ have a 'Rollback' section."]);
  });

  it('--no-conventions turns them off', () => {
    const { stdout } = run(['lint', '--no-config', '--no-conventions', '--format', 'json']);
    assert.ok(!stdout.includes('convention.'), stdout);
  });

  it('parses each document once', () => {
    let parses = 0;
    const counting = (): WorkflowService => {
      const service = createWorkflowService({ cacheSize: 1 });
      return { ...service, parse: (doc, options) => (parses++, service.parse(doc, options)) };
    };
    run(['lint', '--no-config'], counting);
    assert.equal(parses, 7);
  });

  it('conventions.threshold of .wfs.json applies', () => {
    writeFileSync(join(work, 'strict.json'), JSON.stringify({ conventions: { threshold: 1 } }));
    const { stdout } = run(['lint', '--config', 'strict.json', '--format', 'json']);
    assert.ok(!stdout.includes('convention.section-missing'), stdout);
  });
});

describe('wfs conventions', () => {
  it('prints each group, its usual sections in order with counts, and the groups too small to learn from', () => {
    const { code, stdout } = run(['conventions', '--no-config']);
    assert.equal(code, 0);
    assert.equal(
      stdout,
      [
        'runbooks/  4 runbooks',
        '  sections, in their usual order:',
        '    ## Prerequisites  4 of 4',
        '    ## Steps          4 of 4',
        '    ## Rollback       3 of 4',
        '  metadata:',
        '    Owner (metadata line)  4 of 4',
        '    Status (metadata line)  4 of 4',
        '',
        'small/  3 documents: no convention (fewer than 4 documents)',
        '',
        'A convention is what at least 75 % of a group of at least 4 documents share.',
        '',
      ].join('\n'),
    );
  });

  it('--format json gives the same', () => {
    const out = JSON.parse(run(['conventions', '--no-config', '--format', 'json', 'runbooks']).stdout) as { groups: { group: string; documents: number; convention: { sections: { title: string; count: number }[] } | null }[] };
    assert.deepEqual(out.groups.map((g) => [g.group, g.documents, g.convention?.sections.map((s) => `${s.title} ${s.count}`)]), [['runbooks/', 4, ['Prerequisites 4', 'Steps 4', 'Rollback 3']]]);
  });

  it('refuses sarif', () => {
    assert.equal(run(['conventions', '--format', 'sarif']).code, 2);
  });
});
