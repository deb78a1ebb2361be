import type { Rule } from './types';

export const rule: Rule = {
  id: 'todo.marker',
  description: 'A TODO, TBD, FIXME or XXX marker: open work in the document.',
  defaultSeverity: 'information',
  docs: `Lists every TODO, TBD, FIXME and XXX marker (upper case, as a word) outside code blocks and inline code,
so open questions show in the Problems panel and in \`wfs lint\`. Template guidance that only mentions TODOs
is not reported.

### Fails

\`\`\`markdown
- **Primary owners (team / role):** TODO: confirm with the billing team
\`\`\`

### Passes

\`\`\`markdown
- **Primary owners (team / role):** Billing platform team
\`\`\`
`,
  check({ model }, report) {
    for (const t of model.todos) {
      report({ message: t.text, start: t.start, end: t.end, data: { kind: t.kind } });
    }
  },
};
