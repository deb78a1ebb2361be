import type { Rule } from './types';
import { lastAudited } from './last-audited';
import { stripPlaceholders } from '../parse/unfilled';

export const rule: Rule = {
  id: 'header.audit-date-invalid',
  description: 'LAST-AUDITED is not a date in YYYY-MM-DD form.',
  defaultSeverity: 'warning',
  formats: ['file-header'],
  docs: `The LAST-AUDITED field of a FILE header must be a real calendar date written YYYY-MM-DD, so that tools
(and the \`header.audit-stale\` rule) can tell how old the last review is. A placeholder is reported by
\`header.field-missing\` instead.

### Fails

\`\`\`markdown
**FILE**: workflows/release.md | **PURPOSE**: Release | **OWNER**: Platform | **LAST-AUDITED**: last spring
\`\`\`

### Passes

\`\`\`markdown
**FILE**: workflows/release.md | **PURPOSE**: Release | **OWNER**: Platform | **LAST-AUDITED**: 2026-03-14
\`\`\`
`,
  check({ model }, report) {
    const audited = lastAudited(model);
    // Only the FILE header's LAST-AUDITED has a required form; other headers' dates are read when they can be.
    if (!audited || audited.date || !audited.audited) return;
    const { field } = audited;
    if (!stripPlaceholders(field.value).replace(/[\s*_`.]/g, '')) return;
    report({
      message: `LAST-AUDITED "${field.value}" is not a date in YYYY-MM-DD form.`,
      start: field.valueStart,
      end: field.valueEnd,
    });
  },
};
