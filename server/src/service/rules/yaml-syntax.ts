import type { Rule } from './types';
import type { YamlProblem } from '../parse/yamlDefinition';

export const rule: Rule = {
  id: 'yaml.syntax',
  description: 'The YAML workflow definition cannot be parsed as written.',
  defaultSeverity: 'error',
  formats: ['yaml-definition'],
  docs: `Reports what the YAML parser rejects (bad indentation, an unclosed flow sequence or quote, a duplicate key, a
tab used for indentation, several documents in one file) on the exact characters it names. The parser's
warnings (an unknown tag such as \`!foo\`, an unsupported directive) are reported too, as warnings (unless a
severity is set for the rule).

A definition that does not parse is not run at all, and every other YAML rule sees only the part the
parser recovered, so fix these first.

### Fails

\`\`\`yaml
steps:
  - name: build
    run: make
  - name: build-docs
   run: make docs
\`\`\`

### Passes

\`\`\`yaml
steps:
  - name: build
    run: make
  - name: build-docs
    run: make docs
\`\`\`

### Disable

Turn the rule off with \`"yaml.syntax": "off"\` in the rule settings, or put \`# wfs-disable-next-line yaml.syntax\`
on the line before the problem.
`,
  check({ model }, report) {
    const yaml = model.yaml;
    if (!yaml) return;
    for (const problem of yaml.errors as readonly Partial<YamlProblem>[]) {
      const message = (problem.message ?? 'Invalid YAML').replace(/\s+/g, ' ').trim();
      report({
        message: `${problem.warning ? 'YAML warning' : 'Invalid YAML'}: ${message.endsWith('.') ? message : message + '.'}`,
        start: problem.start ?? 0,
        end: problem.end ?? 0,
        ...(problem.warning ? { severity: 'warning' as const } : {}),
        data: { code: problem.code ?? 'UNKNOWN', severity: problem.warning ? 'warning' : 'error' },
      });
    }
  },
};
