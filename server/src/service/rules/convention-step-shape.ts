import type { Rule } from './types';
import { learnsConventions } from '../conventions/shape';
import { support } from '../conventions/findings';

export const rule: Rule = {
  id: 'convention.step-shape',
  description: 'A step lacks the Validation or Rollback that steps of the group usually carry.',
  defaultSeverity: 'information',
  docs: `Reports a step without a Validation (or a Rollback) when, in most documents of the same group that have steps,
most steps carry one (see \`convention.section-missing\` for groups and thresholds). Documents with a template are
checked by \`step.missing-validation\` and \`step.missing-rollback\` instead. The quick fix adds
\`**Validation**: TODO\` (or \`**Rollback**: TODO\`) to the step.

### Fails

When the steps of 8 of 9 runbooks in \`runbooks/\` carry a Validation:

\`\`\`markdown
## Steps

1. Restart the service: \`systemctl restart api\`
\`\`\`

### Passes

\`\`\`markdown
## Steps

1. Restart the service: \`systemctl restart api\`
   **Validation**: \`curl -fsS localhost:8080/health\` returns 200
\`\`\`
`,
  check({ model, options }, report) {
    const steps = options.convention?.steps;
    if (!options.convention || !steps || !learnsConventions(model)) return;
    const convention = options.convention;
    for (const step of model.steps) {
      if (step.source !== 'heading' && step.source !== 'list') continue;
      for (const [field, count, value] of [['Validation', steps.validation, step.validation], ['Rollback', steps.rollback, step.rollback]] as const) {
        if (count === undefined || value) continue;
        report({
          message: `Step "${step.title}" has no ${field}: in ${support(convention, count, steps.documents)} with steps, most steps carry one.`,
          start: step.titleStart,
          end: step.titleEnd,
          data: { step: step.title, end: step.end, field },
        });
      }
    }
  },
};
