/**
 * Markdown rules through the whole service, for cases a single fixture cannot show well.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkflowService } from '../../server/src/service';

const service = createWorkflowService();
const lint = (text: string, options = {}) =>
  service.getDiagnostics({ uri: 'file:///w/docs/workflows/x.md', version: Math.random(), getText: () => text }, options);

describe('section.missing', () => {
  it('does not ask for the sub-sections of a section marked Not applicable', () => {
    const text = '# Sync\n\n## 7. Job and Queue Model\n\nNot applicable for this workflow — it runs inline, no queue.\n';
    const missing = lint(text, { format: 'catalog' })
      .filter((d) => d.code === 'section.missing')
      .map((d) => d.data?.section);
    assert.ok(missing.includes('Problem Statement'));
    assert.ok(!missing.includes('Jobs'), 'sub-section of a Not applicable section reported');
    assert.ok(!missing.includes('Retries and DLQs'));
  });

  it('reports a missing section once, not again for each of its sub-sections', () => {
    const missing = lint('# Sync\n\n## 1. Problem Statement\n\nInvoices must sync.\n', { format: 'catalog' })
      .filter((d) => d.code === 'section.missing')
      .map((d) => d.data?.section);
    assert.ok(missing.includes('Job and Queue Model'));
    assert.ok(!missing.includes('Jobs'));
  });
});

describe('a team template', () => {
  it('replaces the built-in template and its guidance counts as blank', async () => {
    const { deriveTemplate } = await import('../../server/src/service/templates/derive');
    const { template, errors } = deriveTemplate(
      '# Team runbook\n\n## Purpose\n\nWhy this runbook exists.\n\n## Escalation\n\n- **Pager:** One of: ops, dev\n\n## Notes (optional)\n',
      'team.md',
    );
    assert.deepEqual(errors, []);
    const diags = lint('# Rotate keys\n\n## Purpose\n\nWhy this runbook exists.\n', { template });
    assert.deepEqual(
      diags.filter((d) => d.code.startsWith('section.')).map((d) => [d.code, d.message]),
      [
        ['section.missing', 'Missing required section "Escalation" (template team.md).'],
        ['section.blank', 'Section "Purpose" is blank: fill it in, or write "Not applicable for this workflow — <reason>".'],
      ],
    );
  });
});
