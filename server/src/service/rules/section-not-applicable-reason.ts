import type { Rule } from './types';

export const rule: Rule = {
  id: 'section.not-applicable-reason',
  description: '"Not applicable for this workflow" is written without a reason.',
  defaultSeverity: 'warning',
  docs: `Reports a section marked "Not applicable for this workflow" (or "N/A") that does not say why.

A reason lets the next reader trust the section was considered, not skipped. Put it on the same line
("Not applicable for this workflow — no external triggers, batch only") or in the section's other text.

### Fails

\`\`\`markdown
## Monitoring

Not applicable for this workflow.
\`\`\`

### Passes

\`\`\`markdown
## Monitoring

Not applicable for this workflow — it runs once by hand and is watched live.
\`\`\`
`,
  check({ model }, report) {
    for (const s of model.sections) {
      const na = s.notApplicable;
      if (!na || na.hasReason) continue;
      report({
        message: `"Not applicable" in section "${s.heading.text}" needs a reason: say why it does not apply.`,
        start: na.start,
        end: na.end,
        data: { section: s.heading.text },
      });
    }
  },
};
