import { destructiveReport, destructiveSteps, hasContent } from './shell-destructive';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'shell.destructive-without-validation',
  description: 'A step runs a command that changes state and has no Validation.',
  defaultSeverity: 'warning',
  docs: `Reports a step whose commands change state, by the destructive-command table (see
[shell.destructive-without-rollback](shell.destructive-without-rollback.md)), and that has no **Validation** (also
written Verify, Check, Expected): after a delete, a deploy or a restart, the runbook must say how to tell that it
worked. The commands are read with the bash grammar, so \`echo "terraform destroy"\` does not count. The quick fix
adds a \`**Validation**: TODO\` line to the step.

### Fails

\`\`\`\`markdown
### 2. Restart the API

\`\`\`bash
sudo systemctl restart api
\`\`\`
\`\`\`\`

### Passes

\`\`\`\`markdown
### 2. Restart the API

\`\`\`bash
sudo systemctl restart api
\`\`\`

**Validation**: \`curl -fsS localhost:8080/health\`
\`\`\`\`
`,
  check({ model, options }, report) {
    for (const d of destructiveSteps(model, options)) if (!hasContent(d.step.validation)) report(destructiveReport(d, 'Validation', model));
  },
};
