import type { Rule } from './types';

/** Languages that front-matter libraries (gray-matter and its kin) run as code. */
const EXECUTABLE = new Set(['js', 'javascript', 'coffee', 'coffeescript', 'cson', 'ts', 'typescript', 'jsx', 'mjs', 'cjs']);

export const rule: Rule = {
  id: 'frontmatter.executable',
  description: 'The front matter is written in a programming language ("---js") instead of YAML.',
  defaultSeverity: 'error',
  docs: `Reports front matter that declares a language other than YAML or JSON after the opening dashes
(\`---js\`, \`---javascript\`, \`---coffee\`, \`---toml\`, ...), on the opening line.

Some front-matter libraries (gray-matter with its default options, for one) **evaluate** \`---js\` front matter
as code. A workflow document is text that gets shared, copied and opened in editors; it must never run code
just by being read. Workflow Studio never evaluates such front matter, so its fields are not read at all:
rewrite them as YAML.

### Fails

\`\`\`markdown
---js
{ title: "Release Process", frequency: "weekly" }
---
\`\`\`

### Passes

\`\`\`markdown
---
title: Release Process
frequency: weekly
---
\`\`\`

### Disable

\`"frontmatter.executable": "off"\` in the rule settings or under \`rules\` in \`.wfs.json\`.
`,
  check({ model }, report) {
    const fm = model.frontmatter;
    if (!fm || fm.language === 'yaml' || fm.language === 'json') return;
    const message = EXECUTABLE.has(fm.language)
      ? `Front matter in '${fm.language}' is never executed; use YAML`
      : `Front matter in '${fm.language}' is not read; use YAML`;
    report({ message, start: fm.start, end: fm.start + 3 + fm.language.length, data: { language: fm.language } });
  },
};
