import type { Rule } from './types';

export const rule: Rule = {
  id: 'step.missing-validation',
  description: 'A step has no Validation.',
  defaultSeverity: 'warning',
  docs: `Reports a step without a **Validation** field (also written Verification, Verify, Check), or with an empty one, when the
document's template asks every step for one (the front-matter template of seed 000 and the FILE-header template
of seed 001 do). Without a check, a step that silently failed looks like one that worked, and the runner cannot stop before the damage spreads.

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

**Validation**: \`curl -fsS localhost:8080/health\` returns 200
\`\`\`\`
`,
  check({ model, template }, report) {
    if (!template?.steps.validation) return;
    for (const step of model.steps) {
      if (step.source !== 'heading' && step.source !== 'list') continue;
      const field = step.validation;
      if (field && (field.value.replace(/[\s*_`:]/g, '') || field.commands.length)) continue;
      report({
        message: field ? `Step "${step.title}" has an empty Validation.` : `Step "${step.title}" has no Validation.`,
        start: step.titleStart,
        end: step.titleEnd,
        data: { step: step.title, end: step.end, field: 'Validation' },
      });
    }
  },
};
