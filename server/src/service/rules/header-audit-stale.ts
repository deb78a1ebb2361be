import type { Rule } from './types';
import { lastAudited } from './last-audited';

const DAY = 24 * 60 * 60 * 1000;

export const rule: Rule = {
  id: 'header.audit-stale',
  description: 'The date a metadata header says the document was last audited or updated is older than the configured age (180 days by default).',
  defaultSeverity: 'information',
  docs: `Reports a metadata header whose date is more than \`auditMaxAgeDays\` days ago (default 180; set it in
\`.wfs.json\` or the \`wfs.auditMaxAgeDays\` setting): the LAST-AUDITED field of a FILE header, or, in any format, a
"Last updated", "Last reviewed" (or "Letzte Aktualisierung", "Última atualização", "最后更新"...) line under the title,
bold or not, in a block quote or not, one field per line or several on one line with \`|\`. Dates are read as
YYYY-MM-DD (with a time or not), YYYY/MM/DD, DD.MM.YYYY, "April 5, 2026" and "5 April 2026". A runbook nobody has
checked for half a year has probably drifted from the systems it describes. A date in the future is reported too.

### Fails

With the default of 180 days, on 2026-11-22:

\`\`\`markdown
**FILE**: workflows/release.md | **PURPOSE**: Release | **OWNER**: Platform | **LAST-AUDITED**: 2025-11-18
\`\`\`

### Passes

\`\`\`markdown
**FILE**: workflows/release.md | **PURPOSE**: Release | **OWNER**: Platform | **LAST-AUDITED**: 2026-10-01
\`\`\`
`,
  check({ model, options }, report) {
    const audited = lastAudited(model);
    if (!audited?.date) return;
    const maxAge = options.auditMaxAgeDays ?? 180;
    const now = options.now ?? new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const age = Math.round((today - audited.date.getTime()) / DAY);
    const { field } = audited;
    const what = audited.audited ? 'audited' : 'updated';
    if (age < 0) {
      report({ message: `${audited.audited ? 'LAST-AUDITED' : field.key} ${field.value} is in the future.`, start: field.valueStart, end: field.valueEnd });
    } else if (age > maxAge) {
      report({
        message: `Last ${what} ${age} days ago (${field.value}); ${audited.audited ? 'audit it again' : 'check it against the systems it describes and update it'} (limit: ${maxAge} days).`,
        start: field.valueStart,
        end: field.valueEnd,
        data: { age, maxAge },
      });
    }
  },
};
