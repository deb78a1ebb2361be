import type { Rule } from './types';

export const rule: Rule = {
  id: 'frontmatter.invalid-yaml',
  description: 'The front matter is not valid YAML (or JSON).',
  defaultSeverity: 'error',
  docs: `Reports each syntax error in the front matter (the block between the \`---\` lines at the top of the
document), on the exact characters the YAML parser stopped at, a duplicate key among them. Front matter written as
JSON (\`---json\`, or \`---\` followed by \`{\`) is checked as JSON. The parser's warnings (an unknown tag such as
\`!foo\`, an unsupported directive) are reported too, as warnings, as they are for YAML definitions.

Front matter that does not parse is dropped by every tool that reads it: the workflow's title, type,
frequency and other fields are silently lost, and the schema rule (\`frontmatter.schema\`) cannot check them.

### Fails

\`\`\`markdown
---
title: [Workflow] Release Process
frequency: weekly
---
\`\`\`

(\`[\` starts a list, so the text after \`]\` is an error.)

### Passes

\`\`\`markdown
---
title: "[Workflow] Release Process"
frequency: weekly
---
\`\`\`

### Disable

\`"frontmatter.invalid-yaml": "off"\` in the rule settings or under \`rules\` in \`.wfs.json\`.
`,
  check({ model }, report) {
    const fm = model.frontmatter;
    if (!fm || !fm.closed) return;
    const language = fm.language === 'json' ? 'JSON' : 'YAML';
    for (const error of fm.errors) {
      report({
        message: `Invalid ${language} in front matter: ${error.message}`,
        start: error.start,
        end: error.end,
      });
    }
    // As for YAML definitions (yaml.syntax): the parser's warnings are reported as warnings.
    for (const warning of fm.warnings ?? []) {
      const text = warning.message.replace(/\s+/g, ' ').trim();
      report({ message: `YAML warning in front matter: ${text}`, start: warning.start, end: warning.end, severity: 'warning' });
    }
  },
};
