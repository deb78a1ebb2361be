import type { Rule } from './types';
import { singular } from '../templates/aliases';
import type { Section } from '../model';
import type { TemplateDescriptor } from '../templates/types';

export const rule: Rule = {
  id: 'section.missing',
  description: "A section the document's template requires is missing.",
  defaultSeverity: 'warning',
  docs: `Reports each required section of the document's template (the built-in one for its format, or the team
template set with \`template\` in \`.wfs.json\` / the \`wfs.template\` setting) that the document does not have.
Titles are matched without numbering, emphasis, emoji or case, and through aliases
(Validation/Verification, Trigger/Triggers, Prerequisites/Preconditions, Rollback/Rollback Procedure, ...).

### Fails

A front-matter workflow (seed 000 format) without a "Rollback Procedure" section:

\`\`\`markdown
---
title: Deploy API
type: system
subtype: workflow
---
# Deploy API

## Overview
Ships the API to production.
\`\`\`

### Passes

\`\`\`markdown
## Rollback Procedure

1. Re-deploy the previous image tag.
\`\`\`
`,
  check({ model, template }, report) {
    if (!template) return;
    const anchor = model.sections.find((s) => s.level === 1)?.heading;
    const at = anchor ? { start: anchor.textStart, end: anchor.textEnd } : { start: 0, end: 0 };
    let insertAfter = model.frontmatter?.closed ? model.frontmatter.end : 0;
    // Sections by singular key: one lookup per template section (the same match as sameSection).
    const byKey = new Map<string, Section>();
    for (const s of model.sections) {
      const key = singular(s.key);
      if (!byKey.has(key)) byKey.set(key, s);
    }
    const specKeys = singularKeysOf(template);
    // A missing section's sub-sections are not reported again.
    let missingLevel = Infinity;
    for (let i = 0; i < template.sections.length; i++) {
      const spec = template.sections[i];
      if (spec.level > missingLevel) continue;
      missingLevel = Infinity;
      let s: Section | undefined;
      for (const key of specKeys[i]) if ((s = byKey.get(key))) break;
      if (s) {
        insertAfter = Math.max(insertAfter, s.end);
        continue;
      }
      if (!spec.required) continue;
      // A section marked "Not applicable" does not need its sub-sections.
      const parent = spec.parentKey !== undefined ? byKey.get(singular(spec.parentKey)) : undefined;
      if (parent?.notApplicable) continue;
      missingLevel = spec.level;
      report({
        message: `Missing required section "${spec.title}"${template.source ? ` (template ${template.source})` : ''}.`,
        start: at.start,
        end: at.end,
        data: { section: spec.title, level: spec.level, number: spec.number, insertAt: insertAfter },
      });
    }
  },
};

const singularKeys = new WeakMap<TemplateDescriptor, string[][]>();

/** Each template section's singular key, then its aliases' (computed once per template, not per document). */
function singularKeysOf(template: TemplateDescriptor): string[][] {
  let keys = singularKeys.get(template);
  if (!keys) singularKeys.set(template, (keys = template.sections.map((spec) => [spec.key, ...spec.aliases].map(singular))));
  return keys;
}
