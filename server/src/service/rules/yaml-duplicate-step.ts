import type { Rule } from './types';
import type { Span, YamlDefinition } from '../model';
import { lineAt } from '../text';

function spanOfId(yaml: YamlDefinition | undefined, index: number): Span | undefined {
  return yaml?.pathRanges.get(`/steps/${index}/id`);
}

export const rule: Rule = {
  id: 'yaml.duplicate-step',
  description: 'Two steps have the same id (or, without ids, the same name).',
  defaultSeverity: 'error',
  formats: ['yaml-definition'],
  docs: `Reports a step whose \`id\` (or \`name\`, for a step without an \`id\`) is already used by an earlier step, on the
later step's id or name.

Routes (\`conditions\`, \`on_success\`, \`dependsOn\`, ...) name steps by id or name. With two steps of the same
name, a route is ambiguous: engines pick one silently, usually the first, and the other never runs from it.

### Fails

\`\`\`yaml
steps:
  - name: build
    run: make
  - name: build
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

\`"yaml.duplicate-step": "off"\` in the rule settings, or \`# wfs-disable-next-line yaml.duplicate-step\` on the line
before the second step's name.
`,
  check({ model }, report) {
    const first = new Map<string, number>();
    for (let i = 0; i < model.steps.length; i++) {
      const info = model.steps[i].yaml;
      if (!info) continue;
      const key = info.id ?? info.name;
      if (key === '') continue;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, i);
        continue;
      }
      const byId = info.id !== undefined;
      // The name range is the model's; an id's range comes from the pointer map, built only now.
      const other = byId ? spanOfId(model.yaml, earlier) : undefined;
      const here = byId ? spanOfId(model.yaml, i) : undefined;
      const line = lineAt(model.lineStarts, other?.start ?? model.steps[earlier].titleStart) + 1;
      report({
        message: `Duplicate step ${byId ? 'id' : 'name'} "${key}": step ${earlier + 1} (line ${line}) has it too, so routes to it are ambiguous.`,
        start: here?.start ?? info.nameStart,
        end: here?.end ?? info.nameEnd,
        data: { name: key, first: earlier },
      });
    }
  },
};
