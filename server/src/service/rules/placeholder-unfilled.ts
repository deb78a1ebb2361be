import type { Rule } from './types';

export const rule: Rule = {
  id: 'placeholder.unfilled',
  description: 'A placeholder is still unfilled: `<SERVICE_NAME>`, `[your value]`, `{N}`, `YYYY-MM-DD`, `XXX`, `your-server`...',
  defaultSeverity: 'information',
  docs: `Reports each fill-in a template or an author left for the reader: a name in angle brackets
(\`<SERVICE_NAME>\`, \`<intent-id>\`), a slot in square brackets (\`[Title]\`, \`[command here]\`), a name in braces
(\`{N}\`, \`{slug}\`; \`{{var}}\` outside code), and masks and stand-in values (\`YYYY-MM-DD\`, \`HH:MM\`, \`XXX\`,
\`vx.x.x\`, \`your-server\`, \`your_password_here\`, \`CHANGE_ME\`, \`***\` as a value, \`postgresql://...\`,
\`REPO=REPO_NAME\`). They are found in prose and in code blocks; the quick fix selects the placeholder, so typing
replaces it. A placeholder left in a command is asked for when the step runs.

Not placeholders: links (\`[text](url)\`), checkboxes, footnotes, HTML and JSX tags, generic types
(\`Promise<string>\`), shell and CI variables (\`$VAR\`, \`\${VAR}\`, \`\${{ secrets.X }}\`), runtime expressions of
workflow engines (\`{{steps.build.outputs.id}}\`), regular-expression classes, shell tests (\`[ -f x ]\`),
yes/no choices (\`[y/N]\`), log levels (\`[INFO]\`), and the arrays and objects of program and data code.

### Fails

\`\`\`markdown
Restart the service:

    systemctl restart <SERVICE_NAME>

**Owner:** [Team]
\`\`\`

### Passes

\`\`\`markdown
Restart the service:

    systemctl restart billing-api

**Owner:** Payments team. See [the dashboard](https://grafana.internal/d/billing).
\`\`\`
`,
  check({ model }, report) {
    for (const p of model.placeholders) {
      report({
        message: `Unfilled placeholder ${p.text}: replace it with the real value${p.inCode ? ' (a command asks for it when the step runs)' : ''}.`,
        start: p.start,
        end: p.end,
        data: { placeholder: p.text },
      });
    }
  },
};
