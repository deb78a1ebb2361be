import type { Rule } from './types';
import type { WorkflowModel } from '../model';

export const rule: Rule = {
  id: 'skill.unknown',
  description: 'A workflow step names a skill id that the skill legend does not define.',
  defaultSeverity: 'warning',
  formats: ['skill-sequence'],
  docs: `In the skill-sequence format (seed 004), each step of a \`**Sequence**:\` list starts with a skill id in
backticks. The ids a document may use are those of its "Skill ID Legend" table (a table with an ID column) plus
the \`skills\` listed in \`.wfs.json\` or the \`wfs.skills\` setting. A misspelt id silently runs nothing.
When the document has no legend and no skills are configured, nothing is reported.

### Fails

\`\`\`markdown
| Skill | ID |
| --- | --- |
| Planner | \`planner\` |

**Sequence**:
1. \`planer\`: create a sprint plan.
\`\`\`

### Passes

\`\`\`markdown
**Sequence**:
1. \`planner\`: create a sprint plan.
\`\`\`
`,
  check({ model, options }, report) {
    const known = new Set([...legendSkills(model), ...(options.skills ?? [])]);
    if (known.size === 0) return;
    for (const step of model.steps) {
      const skill = step.skill;
      if (!skill || known.has(skill.id)) continue;
      report({
        message: `Unknown skill id "${skill.id}": the skill legend defines ${[...known].sort().join(', ')}.`,
        start: skill.start,
        end: skill.end,
        data: { skill: skill.id, known: [...known].sort() },
      });
    }
  },
};

/** Skill ids from the document's legend tables: the backticked cells of a column headed "ID". */
export function legendSkills(model: WorkflowModel): string[] {
  const ids: string[] = [];
  for (const table of model.md?.tables ?? []) {
    const headers = table.header.cells.map((c) => model.text.slice(c.start, c.end).replace(/[*_`]/g, '').trim().toLowerCase());
    const col = headers.findIndex((h) => h === 'id' || h === 'skill id');
    if (col < 0) continue;
    for (const row of table.rows) {
      const cell = row.cells[col];
      if (!cell) continue;
      const m = /`([^`]+)`/.exec(model.text.slice(cell.start, cell.end));
      if (m) ids.push(m[1].trim());
    }
  }
  return ids;
}
