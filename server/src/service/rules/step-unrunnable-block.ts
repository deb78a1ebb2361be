import { blockRefusal, stepKind } from '../stepKind';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'step.unrunnable-block',
  description: "A step's command block is in a language the runner cannot run here.",
  defaultSeverity: 'warning',
  docs: `Reports a command block of a step (its commands, Validation or Rollback) that the runner cannot run: it runs
bash, so a \`powershell\`, \`pwsh\`, \`cmd\` or \`bat\` block, a \`fish\` block, or a \`console\` transcript (prompts
with their output) is not run. Such a step is never passed having run nothing: "Run workflow" in the editor and
\`wfs run\` refuse the run before anything starts (exit code 2), and say which step and block. Write the commands
in a \`bash\` block, mark the step Manual (a person runs it), or move the example out of the step.

### Fails

\`\`\`\`markdown
### 3. Restart the service
\`\`\`powershell
Restart-Service -Name api
\`\`\`
\`\`\`\`

### Passes

\`\`\`\`markdown
### 3. Restart the service
\`\`\`bash
sudo systemctl restart api
\`\`\`
\`\`\`\`
`,
  check({ model }, report) {
    for (const step of model.steps) {
      // A person's step: its commands are theirs to run, but its Validation and Rollback are run.
      const blocks = [...(stepKind(step) === 'manual' ? [] : step.commands), ...(step.validation?.commands ?? []), ...(step.rollback?.commands ?? [])];
      for (const block of blocks) {
        const why = blockRefusal(block);
        if (!why) continue;
        // The block's first line (its opening fence, or the code span): where the language is written.
        const lineEnd = model.text.indexOf('\n', block.start);
        report({
          message: `Step "${step.title}" cannot run here: ${why}. The runner refuses the step rather than skip it.`,
          start: block.start,
          end: lineEnd < 0 || lineEnd > block.end ? block.end : lineEnd,
          data: { step: step.title, lang: block.lang },
        });
      }
    }
  },
};
