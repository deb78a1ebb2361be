import type { Rule } from './types';

export const rule: Rule = {
  id: 'frontmatter.unclosed',
  description: 'The document starts with "---" but the front matter is never closed.',
  defaultSeverity: 'error',
  docs: `A document whose first line is \`---\` opens front matter, which must end with a line that is \`---\` (or
\`...\`). This rule reports the opening line when no closing line follows.

Without the closing line nothing is read as front matter, so the workflow's fields are lost; tools that
do not give up treat the whole document as front matter instead. If the \`---\` is meant as a horizontal
rule, write \`***\` (or put text before it) so that it cannot be mistaken for front matter.

### Fails

\`\`\`markdown
---
title: Release Process

# Release Process
\`\`\`

### Passes

\`\`\`markdown
---
title: Release Process
---

# Release Process
\`\`\`

### Disable

\`"frontmatter.unclosed": "off"\` in the rule settings or under \`rules\` in \`.wfs.json\`.
`,
  check({ model }, report) {
    const fm = model.frontmatter;
    if (!fm || fm.closed) return;
    report({
      message: 'Front matter is never closed: add a "---" line after it (for a horizontal rule, write "***" instead).',
      start: fm.start,
      end: fm.end,
    });
  },
};
