import { assignedNames, SHELL_VARIABLES } from '../../run/variables';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'shell.unquoted-placeholder',
  description: 'A placeholder stands unquoted where bash splits words.',
  defaultSeverity: 'warning',
  docs: `Reports a \`\${NAME}\` placeholder (a value the runner asks for) written without double quotes where bash
splits the value into words and expands \`*\` in it: a command argument, a \`for\` list, a redirection target. The
runner itself puts a quoted value there, but whoever copies the command into a terminal gets \`rm -rf /srv/my app\`
as three words. The bash grammar says where a value is split: inside double quotes, a here-document, an
assignment (\`X=\${NAME}\`), \`[[ … ]]\` or a \`case\` subject it is not. Names the shell sets (\`HOME\`, \`PATH\`…) and
names the block assigns itself are shell variables, not placeholders. The quick fix quotes it.

### Fails

\`\`\`\`markdown
\`\`\`bash
rm -rf /srv/\${RELEASE_DIR}
\`\`\`
\`\`\`\`

### Passes

\`\`\`\`markdown
\`\`\`bash
rm -rf "/srv/\${RELEASE_DIR}"
TARGET=\${RELEASE_DIR}
\`\`\`
\`\`\`\`
`,
  check({ model }, report) {
    for (const script of model.shell?.scripts ?? []) {
      if (script.analysis.expansions.length === 0) continue;
      const local = assignedNames(script.code);
      for (const e of script.analysis.expansions) {
        if (!e.splitting || SHELL_VARIABLES.has(e.name) || local.has(e.name)) continue;
        report({
          message: `\`\${${e.name}}\` is not quoted: bash splits its value into words (and expands \`*\` in it) here. Write "\${${e.name}}".`,
          start: script.toDocument(e.start),
          end: script.toDocument(e.end),
          data: { name: e.name },
        });
      }
    }
  },
};
