import type { Rule } from './types';
import { lastAudited } from './last-audited';

const DAY = 24 * 60 * 60 * 1000;

export const rule: Rule = {
  id: 'header.audit-stale',
  description: 'LAST-AUDITED is older than the configured age (180 days by default).',
  defaultSeverity: 'information',
  formats: ['file-header'],
  docs: `Reports a FILE header whose LAST-AUDITED date is more than \`auditMaxAgeDays\` days ago (default 180; set it
in \`.wfs.json\` or the \`wfs.auditMaxAgeDays\` setting). A runbook nobody has checked for half a year has
probably drifted from the systems it describes. A date in the future is reported too.

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
    if (age < 0) {
      report({ message: `LAST-AUDITED ${field.value} is in the future.`, start: field.valueStart, end: field.valueEnd });
    } else if (age > maxAge) {
      report({
        message: `Last audited ${age} days ago (${field.value}); audit it again (limit: ${maxAge} days).`,
        start: field.valueStart,
        end: field.valueEnd,
        data: { age, maxAge },
      });
    }
  },
};
