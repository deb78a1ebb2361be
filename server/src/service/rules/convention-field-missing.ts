import type { Rule } from './types';
import { documentShape } from '../conventions/shape';
import { documentAnchor, support } from '../conventions/findings';
import { lineAt, lineEnd } from '../text';

export const rule: Rule = {
  id: 'convention.field-missing',
  description: 'A metadata field most documents of the group have is missing.',
  defaultSeverity: 'information',
  docs: `Reports a metadata field (a front-matter key, or a header line such as \`**Owner**: ...\`) that most documents
of the same group have and this one does not (see \`convention.section-missing\` for groups and thresholds). The
message says how many siblings have it. It is shown on the front matter when the document has one, else on the title.

### Fails

When 9 of 10 runbooks in \`runbooks/\` have an \`owner\` key in their front matter:

\`\`\`markdown
---
title: Restart the API
---
# Restart the API
\`\`\`

### Passes

\`\`\`markdown
---
title: Restart the API
owner: platform-team
---
# Restart the API
\`\`\`
`,
  check({ model, options }, report) {
    const convention = options.convention;
    const shape = convention && convention.fields.length > 0 ? documentShape(model) : undefined;
    if (!convention || !shape) return;
    const has = new Set(shape.fields.map((f) => f.key));
    const fm = model.frontmatter;
    for (const field of convention.fields) {
      if (has.has(field.key)) continue;
      const inFrontmatter = field.where === 'frontmatter';
      // The opening `---` line of the front matter, when the field belongs there and there is one.
      const at = inFrontmatter && fm ? { start: fm.start, end: lineEnd(model.text, model.lineStarts, lineAt(model.lineStarts, fm.start)) } : documentAnchor(model);
      report({
        message: `${support(convention, field.count)} have the ${inFrontmatter ? 'front-matter key' : 'metadata line'} '${field.label}'.`,
        start: at.start,
        end: at.end,
        data: { field: field.label, where: field.where },
      });
    }
  },
};
