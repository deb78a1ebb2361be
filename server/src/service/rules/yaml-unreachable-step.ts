import type { Rule } from './types';
import { buildRouteGraph } from '../parse/yamlDefinition';

export const rule: Rule = {
  id: 'yaml.unreachable-step',
  description: 'No route from the first step leads to this step.',
  defaultSeverity: 'warning',
  formats: ['yaml-definition'],
  docs: `Follows the routes of a YAML definition from its first step and reports every step that no route reaches,
on the step's name.

How steps connect:
- a step goes on to the next one, unless its success route (\`conditions.success\`, \`on_success\`, \`next\`) sends
  it elsewhere (\`next\`, \`next_step\` and \`continue\` mean the next step; \`end\` and \`stop\` end the run);
- a \`decision\` step with conditions branches only through them;
- failure routes (\`conditions.failure\`, \`on_failure\`, \`on_error\`, \`fallback\`) and any other key under
  \`conditions\` are routes too.

Definitions whose steps declare \`dependsOn\` are dependency graphs, not sequences: every step runs once its
dependencies have, so none is reported. Neither is anything when a route is computed at run time (\`\${...}\`).

An unreachable step is dead code: it is never run, so it is never tested, and readers assume it is.

### Fails

\`\`\`yaml
steps:
  - name: deploy
    conditions:
      success: verify
  - name: notify_slack   # nothing routes here: deploy jumps over it
  - name: verify
\`\`\`

### Passes

\`\`\`yaml
steps:
  - name: deploy
    conditions:
      success: notify_slack
  - name: notify_slack
  - name: verify
\`\`\`

### Disable

\`"yaml.unreachable-step": "off"\` in the rule settings, or \`# wfs-disable-next-line yaml.unreachable-step\` on the
line before the step's name.
`,
  check({ model }, report) {
    const steps = model.steps;
    if (steps.length < 2) return;
    const graph = buildRouteGraph(steps);
    if (graph.dag || graph.dynamic) return;
    const reached = new Uint8Array(steps.length);
    const queue = [0];
    reached[0] = 1;
    for (let q = 0; q < queue.length; q++) {
      for (const edge of graph.edges[queue[q]]) {
        if (reached[edge.to]) continue;
        reached[edge.to] = 1;
        queue.push(edge.to);
      }
    }
    for (let i = 1; i < steps.length; i++) {
      if (reached[i]) continue;
      const step = steps[i];
      report({
        message: `Step "${step.title}" is unreachable: no route from the first step leads to it.`,
        start: step.titleStart,
        end: step.titleEnd,
        data: { step: step.title },
      });
    }
  },
};
