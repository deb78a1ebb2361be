import type { Rule } from './types';

export const rule: Rule = {
  id: 'index.missing',
  description: 'The template asks for an index entry ("0. Index Entry (for catalog)") and the document has none.',
  defaultSeverity: 'warning',
  docs: `Reports a document whose template has an index entry section (the catalog template, seed 002) when the
document has no such section. The index entry is what catalogs and the Workflows view list: name, description,
domain, category, status, risk, systems, owners and related workflows.

### Fails

\`\`\`markdown
# Nightly sync

## 1. Problem Statement
...
\`\`\`

### Passes

\`\`\`markdown
# Nightly sync

## 0. Index Entry (for catalog)

- **Workflow name:** nightly-sync
...
\`\`\`
`,
  check({ model, template }, report) {
    if (!template?.indexEntry || model.indexEntry) return;
    const h1 = model.sections.find((s) => s.level === 1)?.heading;
    report({
      message: 'Missing the index entry section ("0. Index Entry (for catalog)") that catalogs list this workflow by.',
      start: h1 ? h1.textStart : 0,
      end: h1 ? h1.textEnd : 0,
      data: { insertAt: h1 ? h1.end : model.frontmatter?.closed ? model.frontmatter.end : 0 },
    });
  },
};
