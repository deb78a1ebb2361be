import type { Rule } from './types';
import { numberedStepGroups } from './step-groups';

export const rule: Rule = {
  id: 'step.numbering-duplicate',
  description: 'Two steps of the same sequence have the same number.',
  defaultSeverity: 'warning',
  docs: `Reports a step whose number was already used by an earlier step of the same sequence (for example after a
copy and paste). "Run from step 3" becomes ambiguous. The sequences are those of \`step.numbering-gap\`: numbered
headings side by side, as written, and skill sequences; not ordered list items, which Markdown numbers itself.

### Fails

\`\`\`markdown
### 1. Build
### 2. Test
### 2. Deploy
\`\`\`

### Passes

\`\`\`markdown
### 1. Build
### 2. Test
### 3. Deploy
\`\`\`
`,
  check({ model }, report) {
    for (const steps of numberedStepGroups(model)) {
      const seen = new Map<number, string>();
      for (const step of steps) {
        const n = step.number!;
        const first = seen.get(n);
        if (first !== undefined) {
          report({
            message: `Step number ${n} is used twice ("${first}" and "${step.title}").`,
            start: step.titleStart,
            end: step.titleEnd,
            data: { number: n },
          });
        } else seen.set(n, step.title);
      }
    }
  },
};
