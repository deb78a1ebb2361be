import type { Rule } from './types';
import type { YamlCondition } from '../model';
import { classifyTarget, collectStepNames, isDynamicValue } from '../parse/yamlDefinition';

/** Two reusable rows for editDistance: it runs once per step name for every unknown target. */
let rows: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

/**
 * Edit distance (Levenshtein). With a finite `limit`, only the band of cells within `limit` of the diagonal is
 * computed and any distance above the limit comes back as `limit + 1`: a document with many unknown targets
 * compares each against every step name.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const band = Number.isFinite(limit) ? limit : Math.max(a.length, b.length);
  const big = band + 1;
  if (rows[0].length <= b.length + 1) rows = [new Int32Array(b.length * 2 + 4), new Int32Array(b.length * 2 + 4)];
  let [previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j <= band ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(b.length, i + band);
    current[from - 1] = from === 1 ? (i <= band ? i : big) : big;
    let rowMin = current[from - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let d = previous[j - 1] + cost;
      if (previous[j] + 1 < d) d = previous[j] + 1;
      if (current[j - 1] + 1 < d) d = current[j - 1] + 1;
      if (d > big) d = big;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (to < b.length) current[to + 1] = big;
    if (rowMin > band) return limit + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  const result = previous[b.length];
  return result > band ? limit + 1 : result;
}

/** Character counts of the target, reused across calls (bucketed by code unit modulo 128). */
const histogram = new Int32Array(128);

/**
 * A cheap lower bound of the edit distance: half the L1 distance between the character counts (one edit
 * changes the counts by at most 2). Most names are ruled out by it without running editDistance.
 */
function countBound(target: string, name: string): number {
  for (let i = 0; i < target.length; i++) histogram[target.charCodeAt(i) & 127]++;
  let l1 = target.length;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i) & 127;
    l1 += histogram[c] > 0 ? -1 : 1;
    histogram[c]--;
  }
  histogram.fill(0);
  return l1 / 2;
}

/** Step names close to `target` (case-insensitive edit distance), closest first, at most three. */
export function closeNames(target: string, names: Iterable<string>): string[] {
  const lower = target.toLowerCase();
  const limit = Math.min(4, Math.max(1, Math.round(lower.length * 0.3)));
  const scored: { name: string; distance: number }[] = [];
  for (const name of names) {
    if (Math.abs(name.length - lower.length) > limit) continue;
    const other = name.toLowerCase();
    if (countBound(lower, other) > limit) continue;
    const distance = editDistance(lower, other, limit);
    if (distance <= limit) scored.push({ name, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, 3).map((s) => s.name);
}

/** How a condition's key reads in a message. */
function kindLabel(kind: string): string {
  return ['on_success', 'on_failure', 'on_error', 'next', 'then', 'dependsOn', 'fallback'].includes(kind) ? kind : `conditions.${kind}`;
}

export const rule: Rule = {
  id: 'yaml.unknown-target',
  description: 'A condition, dependsOn or fallback names a step that does not exist.',
  defaultSeverity: 'error',
  formats: ['yaml-definition'],
  docs: `Reports a route to a step that the definition does not have: a value under \`conditions\` (\`success\`,
\`failure\` or any other key), \`on_success\`, \`on_failure\`, \`next\`, \`fallback\`, or an item of
\`dependsOn\`/\`depends_on\`. A target matches a step's \`id\` or \`name\` (sub-steps of a \`parallel\` step count),
exactly and case-sensitively. When a step with a similar name exists, the message suggests it, and
\`data.candidates\` lists the close names for a quick fix.

Route keywords are not step names: \`next\`, \`next_step\`, \`continue\`, \`skip\` go on with the next step;
\`end\`, \`stop\`, \`fail\`, \`abort\`, \`retry\`, \`rollback\`, \`error_handler\` end the step's path or hand over
to error handling. Values computed at run time (\`\${...}\`, \`{{...}}\`) are not checked. \`on_error\` usually
holds a strategy (\`fail\`, \`continue\`, \`retry\`, \`rollback\`), so it is reported only when its value is close
to a step's name.

A route to nowhere stops the run at the worst moment: usually on the failure path, which is rarely tested.

### Fails

\`\`\`yaml
steps:
  - name: deploy
    conditions:
      success: verify_deploy
      failure: roll_back
  - name: verify_deploy
  - name: rollback
\`\`\`

### Passes

\`\`\`yaml
steps:
  - name: deploy
    conditions:
      success: verify_deploy
      failure: rollback
  - name: verify_deploy
  - name: rollback
\`\`\`

### Disable

\`"yaml.unknown-target": "off"\` in the rule settings, or \`# wfs-disable-next-line yaml.unknown-target\` on the
line before the route.
`,
  check({ model }, report) {
    const yaml = model.yaml;
    if (!yaml || model.steps.length === 0) return;
    const names = collectStepNames(yaml.data);
    for (const step of model.steps) {
      for (const condition of step.yaml?.conditions ?? []) {
        if (!isUnknown(condition, names)) continue;
        const candidates = closeNames(condition.target, names);
        if (condition.kind === 'on_error' && candidates.length === 0) continue;
        const hint = candidates.length > 0 ? `; did you mean "${candidates[0]}"?` : '.';
        report({
          message: `No step named "${condition.target}" (${kindLabel(condition.kind)} of step "${step.title}")${hint}`,
          start: condition.start,
          end: condition.end,
          data: { target: condition.target, candidates },
        });
      }
    }
  },
};

function isUnknown(condition: YamlCondition, names: ReadonlySet<string>): boolean {
  // A dependency is always a step: keywords do not apply there.
  if (condition.kind === 'dependsOn') return !names.has(condition.target) && !isDynamicValue(condition.target);
  return classifyTarget(condition.target, names) === 'unknown';
}
