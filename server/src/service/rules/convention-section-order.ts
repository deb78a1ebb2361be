import type { Rule } from './types';
import { conventionSections, learnsConventions } from '../conventions/shape';
import { orderSupport, ranks, support } from '../conventions/findings';
import { requiredCount } from '../conventions/derive';

export const rule: Rule = {
  id: 'convention.section-order',
  description: 'A section is out of the order most documents of the group follow.',
  defaultSeverity: 'information',
  docs: `Reports a section that comes before or after another where most documents of the same group (see
\`convention.section-missing\`) put them the other way round. The sections that keep the usual order are left alone:
only the fewest sections that would have to move are reported. An order counts only when at least the group's
threshold (75 % by default) of the documents that have both sections agree; the message says how many.

### Fails

When 10 of 11 runbooks in \`runbooks/\` put Prerequisites before Steps:

\`\`\`markdown
# Restart the API

## Steps

1. Run \`systemctl restart api\`.

## Prerequisites

- Shell access to the API host.
\`\`\`

### Passes

\`\`\`markdown
# Restart the API

## Prerequisites

- Shell access to the API host.

## Steps

1. Run \`systemctl restart api\`.
\`\`\`
`,
  check({ model, options }, report) {
    const convention = options.convention;
    if (!convention || convention.sections.length < 2 || !learnsConventions(model)) return;
    const rank = ranks(convention);
    const present = conventionSections(model).filter((p) => rank.has(p.key));
    const kept = longestInOrder(present.map((p) => rank.get(p.key) as number));
    present.forEach((p, i) => {
      if (kept.has(i)) return;
      const r = rank.get(p.key) as number;
      // Name the kept section it sits wrongly against, the nearest in the usual order: among the kept ones after
      // it that should come before it, the latest; else among the kept ones before it that should come after it,
      // the earliest.
      let other: { key: string; after: boolean; rank: number } | undefined;
      for (let j = i + 1; j < present.length; j++) {
        const rj = rank.get(present[j].key) as number;
        if (kept.has(j) && rj < r && (!other || rj > other.rank)) other = { key: present[j].key, after: true, rank: rj };
      }
      for (let j = i - 1; j >= 0 && !other?.after; j--) {
        const rj = rank.get(present[j].key) as number;
        if (kept.has(j) && rj > r && (!other || rj < other.rank)) other = { key: present[j].key, after: false, rank: rj };
      }
      if (!other) return;
      const [first, second] = other.after ? [other.key, p.key] : [p.key, other.key];
      const { before, both } = orderSupport(convention, first, second);
      if (both < convention.settings.minDocuments || before < requiredCount(both, convention.settings.threshold)) return;
      const otherTitle = convention.sections[rank.get(other.key) as number].title;
      const title = convention.sections[r].title;
      report({
        message: `'${p.section.title}' usually comes ${other.after ? 'after' : 'before'} '${otherTitle}': ${support(convention, before, both)} that have both put '${other.after ? otherTitle : title}' first.`,
        start: p.section.heading.textStart,
        end: p.section.heading.textEnd,
      });
    });
  },
};

/** The indices of a longest strictly increasing run (not necessarily contiguous) of `values`; ties keep the earliest. */
function longestInOrder(values: readonly number[]): Set<number> {
  const length = values.map(() => 1);
  const previous = values.map(() => -1);
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) {
      if (values[j] < values[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
    if (best < 0 || length[i] > length[best]) best = i;
  }
  const out = new Set<number>();
  for (let i = best; i >= 0; i = previous[i]) out.add(i);
  return out;
}
