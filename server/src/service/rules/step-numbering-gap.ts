import type { Rule } from './types';
import { numberedStepGroups } from './step-groups';

export const rule: Rule = {
  id: 'step.numbering-gap',
  description: 'Step numbers skip a number (1, 2, 4) or do not start at 0 or 1.',
  defaultSeverity: 'warning',
  docs: `Reports a step whose number is not the previous step's number plus one, or a first step numbered above 1.
A gap usually means a step was deleted or moved and the references to "step 3" in the text are now wrong.

### Fails

\`\`\`markdown
### Step 1: Build
### Step 2: Test
### Step 4: Deploy
\`\`\`

### Passes

\`\`\`markdown
### Step 1: Build
### Step 2: Test
### Step 3: Deploy
\`\`\`
`,
  check({ model }, report) {
    for (const steps of numberedStepGroups(model)) {
      let previous: number | undefined;
      for (const step of steps) {
        const n = step.number!;
        if (previous === undefined ? n > 1 : n > previous + 1) {
          const expected = previous === undefined ? 1 : previous + 1;
          report({
            message: `Step "${step.title}" is numbered ${n}; expected ${expected}.`,
            start: step.titleStart,
            end: step.titleEnd,
            data: { expected, actual: n },
          });
        }
        if (previous === undefined || n > previous) previous = n;
      }
    }
  },
};
