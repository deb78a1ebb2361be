import type { Rule } from './types';

export const rule: Rule = {
  id: 'section.blank',
  description: 'A section has no real content: only template guidance, placeholders, empty lists or nothing.',
  defaultSeverity: 'warning',
  docs: `Reports a section whose content is blank: nothing, template guidance copied as is, placeholders such as
\`[Step Name]\`, \`<WORKFLOW_NAME>\`, \`{{var}}\` or \`\${VAR}\`, empty checklists, or labels without values.
A section whose sub-sections are all blank is reported once, on the section itself.

Templates say "never leave sections blank": a reader cannot tell a forgotten section from one that does not apply.
Fill it in, or write "Not applicable for this workflow — <reason>".

### Fails

\`\`\`markdown
## Prerequisites

- [ ] [Prerequisite 1]
\`\`\`

### Passes

\`\`\`markdown
## Prerequisites

- [ ] kubectl access to the staging cluster

## Monitoring

Not applicable for this workflow — it runs once, by hand, and is watched live.
\`\`\`
`,
  check({ model }, report) {
    const { sections, indexEntry } = model;
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i];
      if (!s.blank || s.level === 1) continue;
      if (indexEntry && indexEntry.section === i) continue; // The index entry rules report its fields.
      const parent = s.parent >= 0 ? sections[s.parent] : undefined;
      if (parent && parent.level > 1 && parent.blank && !(indexEntry && indexEntry.section === s.parent)) continue;
      const name = s.heading.text;
      report({
        message: `Section "${name}" is blank: fill it in, or write "Not applicable for this workflow — <reason>".`,
        start: s.heading.textStart,
        end: s.heading.textEnd,
        data: { section: name, bodyStart: s.bodyStart, ownEnd: s.ownEnd },
      });
    }
  },
};
