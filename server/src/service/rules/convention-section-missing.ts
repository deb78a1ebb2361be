import type { Rule } from './types';
import { conventionSections, learnsConventions } from '../conventions/shape';
import { documentAnchor, support } from '../conventions/findings';

export const rule: Rule = {
  id: 'convention.section-missing',
  description: 'A section most documents of the group have is missing.',
  defaultSeverity: 'information',
  docs: `Reports a section that most documents of the same group have and this one does not: the team's unwritten
template. A group is, by default, the workflow documents of one folder (or those matching a \`conventions.groups\` or
\`formats\` glob of \`.wfs.json\`) that have no template. A section is part of the group's convention when at least
75 % of the group's documents have it (\`conventions.threshold\`), in a group of at least 4 documents
(\`conventions.minDocuments\`). Titles are matched as \`section.missing\` matches them (numbering, case, plural and
aliases folded). The message says how many siblings have the section; the quick fix inserts it with the heading text
most of them use, where the group's usual order puts it. \`wfs conventions\` prints what was learned.

### Fails

\`runbooks/restart-api.md\`, when 11 of the 12 runbooks in \`runbooks/\` have a Rollback section:

\`\`\`markdown
# Restart the API

## Steps

1. Run \`systemctl restart api\`.
\`\`\`

### Passes

\`\`\`markdown
# Restart the API

## Steps

1. Run \`systemctl restart api\`.

## Rollback

1. Start the previous release.
\`\`\`
`,
  check({ model, options }, report) {
    const convention = options.convention;
    if (!convention || convention.sections.length === 0 || !learnsConventions(model)) return;
    const present = new Map(conventionSections(model).map((p) => [p.key, p.section]));
    const at = documentAnchor(model);
    const sections = convention.sections;
    for (let i = 0; i < sections.length; i++) {
      const spec = sections[i];
      if (present.has(spec.key)) continue;
      report({
        message: `${support(convention, spec.count)} have a '${spec.title}' section.`,
        start: at.start,
        end: at.end,
        data: { section: spec.title, level: spec.level, insertAt: insertionPoint(sections, i, present, model.text.length) },
      });
    }
  },
};

/**
 * Where the usual order puts the missing section `index`: after the nearest usual section before it that the
 * document has, else before the nearest one after it, else at the end.
 */
function insertionPoint(sections: readonly { key: string }[], index: number, present: ReadonlyMap<string, { start: number; end: number }>, textLength: number): number {
  for (let j = index - 1; j >= 0; j--) {
    const s = present.get(sections[j].key);
    if (s) return s.end;
  }
  for (let j = index + 1; j < sections.length; j++) {
    const s = present.get(sections[j].key);
    if (s) return s.start;
  }
  return textLength;
}
