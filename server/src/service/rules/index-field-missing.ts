import type { Rule } from './types';

export const rule: Rule = {
  id: 'index.field-missing',
  description: 'A required index entry field is missing.',
  defaultSeverity: 'warning',
  docs: `Reports each required field of the template's index entry (\`- **Field:** value\` lines) that the
document's index entry does not have. Labels are matched without case, punctuation or a parenthetical
("Short description (1–2 sentences)" matches "Short description").

### Fails

\`\`\`markdown
## 0. Index Entry (for catalog)

- **Workflow name:** nightly-sync
\`\`\`

### Passes

\`\`\`markdown
## 0. Index Entry (for catalog)

- **Workflow name:** nightly-sync
- **Short description (1–2 sentences):** Copies yesterday's invoices into the CRM.
- **Business domain / product:** Billing
...
\`\`\`
`,
  check({ model, template }, report) {
    const spec = template?.indexEntry;
    const entry = model.indexEntry;
    if (!spec || !entry) return;
    const section = model.sections[entry.section];
    const present = new Set(entry.fields.map((f) => f.key));
    const insertAt = entry.fields.length ? entry.fields[entry.fields.length - 1].end : section.ownEnd;
    for (const field of spec.fields) {
      if (!field.required || present.has(field.key) || field.aliases.some((a) => present.has(a))) continue;
      report({
        message: `Index entry is missing the field "${field.label}".`,
        start: section.heading.textStart,
        end: section.heading.textEnd,
        data: { field: field.label, insertAt },
      });
    }
  },
};
