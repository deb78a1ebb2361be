import type { Rule } from './types';

export const rule: Rule = {
  id: 'section.blank',
  description: 'A section has no real content: only template guidance, placeholders, empty lists or nothing.',
  defaultSeverity: 'warning',
  docs: `Reports a section whose content is blank: nothing, template guidance copied as is, placeholders such as
\`[Step Name]\`, \`<WORKFLOW_NAME>\`, \`{{var}}\` or \`\${VAR}\`, empty checklists, or labels without values.
Only sections without sub-sections are judged, at every level (a document that is a title alone is blank too); a
section with sub-sections is judged by them, so a template section left empty is reported at each of its parts. A
code block of comments and placeholders (\`# Command\`, \`[command here]\`), a table whose rows are placeholders,
and a note that only repeats the template's guidance ("Brief description of ...") are not content either; a bold
sentence is. A heading right under the title with nothing between them is a subtitle, not a blank section. A
README or index (format \`reference\`) is not checked.

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
    // A README or an index is not a workflow: its empty headings are its own business.
    if (model.format === 'reference') return;
    const { sections, indexEntry } = model;
    const title = sections.findIndex((s) => s.level === 1);
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i];
      // Leaf sections only, at every level: a section with sub-sections is judged by them.
      if (!s.ownBlank || s.children.length > 0) continue;
      if (indexEntry && indexEntry.section === i) continue; // The index entry rules report its fields.
      if (isSubtitle(model, title, i)) continue;
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

/**
 * A heading right under the title, with nothing between them and nothing of its own but the rule that closes the
 * title block ("# Rollback plan", "## Ticket manager", "---"): a subtitle, not a section.
 */
function isSubtitle(model: import('../model').WorkflowModel, title: number, i: number): boolean {
  if (title < 0 || i !== title + 1 || model.sections[i].parent !== title) return false;
  const t = model.sections[title];
  const s = model.sections[i];
  const own = model.text.slice(s.bodyStart, s.ownEnd);
  const rule = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/m;
  return model.text.slice(t.bodyStart, s.start).trim() === '' && rule.test(own) && own.replace(rule, '').trim() === '';
}
