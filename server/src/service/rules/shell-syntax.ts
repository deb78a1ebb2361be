import type { Rule } from './types';

export const rule: Rule = {
  id: 'shell.syntax',
  description: 'A shell block has a syntax error.',
  defaultSeverity: 'error',
  docs: `Reports a syntax error in a \`bash\`, \`sh\`, \`shell\`, \`zsh\` or \`ksh\` block, or in the commands of a
\`console\` block (the lines after a \`$ \` prompt), at its place in the document: an unclosed quote, an \`if\` without
its \`fi\`, a loop without \`done\`, a stray \`)\`. The blocks are parsed with tree-sitter-bash, the grammar
bash-language-server uses; a typo found here is one not found during an incident.

### Fails

\`\`\`\`markdown
### 2. Drain the node

\`\`\`bash
if kubectl get node "$NODE"; then
  kubectl drain "$NODE" --ignore-daemonsets
\`\`\`
\`\`\`\`

### Passes

\`\`\`\`markdown
### 2. Drain the node

\`\`\`bash
if kubectl get node "$NODE"; then
  kubectl drain "$NODE" --ignore-daemonsets
fi
\`\`\`
\`\`\`\`
`,
  check({ model }, report) {
    for (const script of model.shell?.scripts ?? []) {
      for (const e of script.analysis.errors) {
        report({ message: e.message, start: script.toDocument(e.start), end: script.toDocument(e.end), data: { lang: script.block.lang } });
      }
    }
  },
};
