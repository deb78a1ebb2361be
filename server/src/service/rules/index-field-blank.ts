import type { Rule } from './types';

export const rule: Rule = {
  id: 'index.field-blank',
  description: 'An index entry field has no value: only guidance, a placeholder or nothing.',
  defaultSeverity: 'warning',
  docs: `Reports an index entry field whose value is empty, a placeholder (\`<WORKFLOW_NAME>\`), or the template's
guidance text left as is. Write "None known" rather than leaving a field blank.

### Fails

\`\`\`markdown
- **Workflow name:** \`<WORKFLOW_NAME>\`
- **Related workflows:**
\`\`\`

### Passes

\`\`\`markdown
- **Workflow name:** nightly-sync
- **Related workflows:** None known
\`\`\`
`,
  check({ model }, report) {
    for (const f of model.indexEntry?.fields ?? []) {
      if (f.value) continue;
      report({
        message: `Index entry field "${f.label}" is blank.`,
        start: f.labelStart,
        end: f.labelEnd,
        data: { field: f.label, valueStart: f.valueStart, valueEnd: f.valueEnd, end: f.end },
      });
    }
  },
};
