import type { Rule } from './types';
import { validateAgainst } from '../schemas';
import { spanForPointer } from '../parse/yamlDefinition';

export const rule: Rule = {
  id: 'yaml.schema',
  description: 'A value in the YAML workflow definition does not fit the schema.',
  defaultSeverity: 'warning',
  formats: ['yaml-definition'],
  docs: `Validates the definition against \`schemas/yaml-definition.schema.json\` (seed 003's structure: \`metadata\`,
\`ai_config\`, \`triggers\`, \`steps\`, \`error_handling\`, \`monitoring\`) and reports each violation on the value
concerned, or on the key for a missing property. The schema allows extra keys, so definitions written for
other engines (plugins, \`dependsOn\`, \`on_error\`) pass; it checks the types of the keys it knows.

A definition whose values have the wrong shape (\`steps\` as a mapping, \`conditions\` as a list) is read
differently by every tool, so the runner and the other rules cannot trust it.

An empty file, or a file that is a single value or a list rather than a mapping, is reported on its first line.

### Fails

\`\`\`yaml
steps:
  name: build
  run: make
\`\`\`

### Passes

\`\`\`yaml
steps:
  - name: build
    run: make
\`\`\`

### Disable

\`"yaml.schema": "off"\` in the rule settings, or \`# wfs-disable yaml.schema\` (until \`# wfs-enable\`).
`,
  check({ model }, report) {
    const yaml = model.yaml;
    if (!yaml) return;
    const data = yaml.data;
    if (data === null || data === undefined) {
      // A file with a syntax error is reported by yaml.syntax; only an empty one needs saying here.
      if (yaml.errors.length === 0) {
        report({ message: 'The workflow definition is empty: expected a mapping with "metadata" and "steps".', start: 0, end: lineEndOf(model.text, 0) });
      }
      return;
    }
    if (typeof data !== 'object' || Array.isArray(data)) {
      // When the parser failed, the value it recovered says little about what the author meant.
      if (yaml.errors.some((e) => !(e as { warning?: boolean }).warning)) return;
      const root = yaml.pathRanges.get('') ?? { start: 0, end: 0 };
      const what = Array.isArray(data) ? 'a list' : `a single ${typeof data === 'string' ? 'string' : typeof data === 'number' ? 'number' : 'value'}`;
      report({
        message: `A workflow definition must be a mapping with "metadata" and "steps", not ${what}.`,
        start: root.start,
        end: Math.min(root.end, lineEndOf(model.text, root.start)),
      });
      return;
    }
    for (const issue of validateAgainst('yaml-definition', data)) {
      const span = spanForPointer(yaml, issue.pointer, issue.keyword);
      report({ message: `${issue.message}.`, start: span.start, end: span.end, data: { pointer: issue.pointer, keyword: issue.keyword, params: issue.params } });
    }
  },
};

function lineEndOf(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return end;
}
