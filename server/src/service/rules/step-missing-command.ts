import type { Rule } from './types';

export const rule: Rule = {
  id: 'step.missing-command',
  description: 'A step has no command or action.',
  defaultSeverity: 'warning',
  docs: `Reports a step with nothing to do: no content besides its title, Actor and Duration. When the template asks
for commands (the front-matter template of seed 000), an automated step (not marked Manual, Actor not Human)
must also have a shell code block (\`\`\`bash, sh, zsh, console, powershell...) or a "Run: \`command\`" line.

### Fails

\`\`\`markdown
### 2. Build the image (Automated)
**Actor**: System
\`\`\`

### Passes

\`\`\`\`markdown
### 2. Build the image (Automated)
**Actor**: System

\`\`\`bash
docker build -t api:latest .
\`\`\`
\`\`\`\`
`,
  check({ model, template }, report) {
    const needsCommand = !!template?.steps.command;
    for (const step of model.steps) {
      if (step.source === 'skill') continue;
      const missingAction = !step.hasAction;
      const missingCommand = needsCommand && step.mode !== 'manual' && step.commands.length === 0 && step.source !== 'yaml';
      if (!missingAction && !missingCommand) continue;
      report({
        message: missingAction
          ? `Step "${step.title}" has no command or action.`
          : `Automated step "${step.title}" has no command: add a shell code block, or mark it (Manual).`,
        start: step.titleStart,
        end: step.titleEnd,
        data: { step: step.title, end: step.end },
      });
    }
  },
};
