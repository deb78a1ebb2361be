import type { Rule } from './types';
import type { IndexFieldSpec } from '../templates/types';
import { indexFieldSpecFor } from '../templates/aliases';

export const rule: Rule = {
  id: 'index.value-not-allowed',
  description: "An index entry field's value is not one of the values the template allows.",
  defaultSeverity: 'warning',
  docs: `Reports an index entry value outside the template's allowed values (a \`One of:\` line under the field in
the template): for the catalog template, Status is one of Draft, In design, In development, In review, Live (dev),
Live (staging), Live (prod), Deprecated, and Risk level one of Low, Medium, High. Case does not matter, and an
explanation in parentheses after the value is fine ("High (payments)").

### Fails

\`\`\`markdown
- **Status:** Done
\`\`\`

### Passes

\`\`\`markdown
- **Status:** Live (prod)
- **Risk level:** High (moves money)
\`\`\`
`,
  check({ model, template }, report) {
    const spec = template?.indexEntry;
    if (!spec || !model.indexEntry) return;
    for (const f of model.indexEntry.fields) {
      if (!f.value) continue;
      const fieldSpec = indexFieldSpecFor(spec.fields, f.key);
      if (!fieldSpec?.allowed?.length || isAllowed(f.value, fieldSpec)) continue;
      report({
        message: `"${f.value.split('\n')[0]}" is not an allowed ${f.label}: use one of ${fieldSpec.allowed.join(', ')}.`,
        start: f.valueStart,
        end: f.valueEnd,
        data: { field: f.label, allowed: fieldSpec.allowed },
      });
    }
  },
};

function norm(s: string): string {
  return s.replace(/[*_`"']/g, '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/[.;,]$/, '');
}

function isAllowed(value: string, spec: IndexFieldSpec): boolean {
  const v = norm(value.split('\n')[0]);
  // The value without a parenthesised note or a dash and what follows (norm left no line break to stop at).
  const paren = v.indexOf('(');
  const beforeNote = paren === -1 ? v : v.slice(0, paren);
  const dash = beforeNote.search(/[—–-]/);
  const bare = (dash === -1 ? beforeNote : beforeNote.slice(0, dash)).trim();
  return spec.allowed!.some((a) => {
    const n = norm(a);
    return n === v || (!n.includes('(') && n === bare);
  });
}
