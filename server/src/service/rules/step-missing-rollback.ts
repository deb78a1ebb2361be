import type { Rule } from './types';

export const rule: Rule = {
  id: 'step.missing-rollback',
  description: 'A step has no Rollback.',
  defaultSeverity: 'warning',
  docs: `Reports a step without a **Rollback** field (also written Undo, Revert), or with an empty one, when the
document's template asks every step for one (the front-matter template of seed 000 and the FILE-header template
of seed 001 do). When a step fails at 2 a.m., the undo must already be written down next to it.

### Fails

\`\`\`\`markdown
### 3. Restart the service (Automated)

\`\`\`bash
systemctl restart api
\`\`\`
\`\`\`\`

### Passes

\`\`\`\`markdown
### 3. Restart the service (Automated)

\`\`\`bash
systemctl restart api
\`\`\`

**Rollback**: \`kubectl rollout undo deployment/api\`
\`\`\`\`
`,
  check({ model, template }, report) {
    if (!template?.steps.rollback) return;
    for (const step of model.steps) {
      if (step.source !== 'heading' && step.source !== 'list') continue;
      const field = step.rollback;
      if (field && (field.value.replace(/[\s*_`:]/g, '') || field.commands.length)) continue;
      report({
        message: field ? `Step "${step.title}" has an empty Rollback.` : `Step "${step.title}" has no Rollback.`,
        start: step.titleStart,
        end: step.titleEnd,
        data: { step: step.title, end: step.end, field: 'Rollback' },
      });
    }
  },
};
