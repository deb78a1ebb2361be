import type { Rule } from './types';
import { numberedStepGroups } from './step-groups';

export const rule: Rule = {
  id: 'step.numbering-gap',
  description: 'Step numbers skip a number (1, 2, 4) or do not start at 0 or 1.',
  defaultSeverity: 'warning',
  docs: `Reports a step whose number is not the previous step's number plus one, or a first step numbered above 1.
A gap usually means a step was deleted or moved and the references to "step 3" in the text are now wrong.

The numbers are read as written: the numbered headings of a procedure that sit side by side (same parent, same
level, and the same word before the number: "Step 1..5" and "Phase 1..3" are two sequences), whether or not each
became a step, and the steps of a skill sequence. A "Step 3" whose options are the steps keeps its place; a lone
"Phase 3" is no sequence. Ordered list items are not checked: Markdown numbers a list itself (\`1.\` \`1.\` \`1.\`
renders 1, 2, 3).

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
