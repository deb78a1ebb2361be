import { computeLineStarts } from '../text';
import type { Severity } from '../options';
import type { Rule } from './types';

const LEVELS: Readonly<Record<string, Severity>> = { error: 'error', warning: 'warning', info: 'information', style: 'hint' };

export const rule: Rule = {
  id: 'shell.shellcheck',
  description: 'shellcheck reports a problem in a shell block (optional).',
  defaultSeverity: 'warning',
  docs: `Reports what shellcheck finds in each shell block, at its place in the
document, with shellcheck's own level (error, warning, info as information, style as hint) and code (SC2086…).
Off unless asked for: install shellcheck (\`sudo apt-get install shellcheck\` on Debian and Ubuntu) and turn on
\`wfs.shellcheck.enabled\` in VS Code, or set \`"shellcheck": true\` in \`.wfs.json\` (for \`wfs lint\` and the editor).
Each block is checked as a bash script once per text.

### Fails

\`\`\`\`markdown
\`\`\`bash
for f in $(ls *.log); do gzip $f; done
\`\`\`
\`\`\`\`

### Passes

\`\`\`\`markdown
\`\`\`bash
for f in ./*.log; do gzip "$f"; done
\`\`\`
\`\`\`\`
`,
  check({ model, options }, report) {
    const all = options.shellcheckFindings;
    if (!all) return;
    for (const script of model.shell?.scripts ?? []) {
      // An own key only: a script's text may be `constructor`.
      const findings = Object.hasOwn(all, script.code) ? all[script.code] : undefined;
      if (!findings || findings.length === 0) continue;
      const starts = computeLineStarts(script.code);
      const offset = (line: number, column: number): number => {
        const l = Math.min(Math.max(line - 1, 0), starts.length - 1);
        const lineEnd = l + 1 < starts.length ? starts[l + 1] - 1 : script.code.length;
        return Math.min(starts[l] + Math.max(column - 1, 0), lineEnd);
      };
      for (const f of findings) {
        const start = script.toDocument(offset(f.line, f.column));
        const end = Math.max(start, script.toDocument(offset(f.endLine, f.endColumn)));
        report({ message: `SC${f.code}: ${f.message}`, start, end, severity: LEVELS[f.level] ?? 'warning', data: { code: `SC${f.code}` } });
      }
    }
  },
};
