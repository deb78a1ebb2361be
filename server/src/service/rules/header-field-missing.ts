import type { Rule } from './types';
import { stripPlaceholders } from '../parse/unfilled';

export const HEADER_FIELDS = ['FILE', 'PURPOSE', 'OWNER', 'LAST-AUDITED'] as const;

export const rule: Rule = {
  id: 'header.field-missing',
  description: 'The FILE header line, or one of its FILE, PURPOSE, OWNER, LAST-AUDITED fields, is missing or unfilled.',
  defaultSeverity: 'warning',
  formats: ['file-header'],
  docs: `Documents in the FILE-header format (seed 001) start with one line naming the file, its purpose, its owner
and when it was last audited: \`**FILE**: path | **PURPOSE**: ... | **OWNER**: ... | **LAST-AUDITED**: YYYY-MM-DD\`.
This rule reports the line when it is missing, and each field that is missing or still a placeholder (\`[Team]\`).

### Fails

\`\`\`markdown
**FILE**: workflows/release.md | **PURPOSE**: Release the app | **OWNER**: [Team]
\`\`\`

### Passes

\`\`\`markdown
**FILE**: workflows/release.md | **PURPOSE**: Release the app | **OWNER**: Platform team | **LAST-AUDITED**: 2026-10-01
\`\`\`
`,
  check({ model }, report) {
    const header = model.fileHeader;
    // A header of other fields (Owner, Status, Last updated) is not the FILE convention: nothing is required of it.
    if (header && header.kind !== 'file') return;
    if (!header) {
      const h1 = model.sections.find((s) => s.level === 1)?.heading;
      report({
        message: 'Missing the header line "**FILE**: ... | **PURPOSE**: ... | **OWNER**: ... | **LAST-AUDITED**: YYYY-MM-DD".',
        start: h1 ? h1.textStart : 0,
        end: h1 ? h1.textEnd : 0,
        data: { insertAt: h1 ? h1.end : 0 },
      });
      return;
    }
    for (const name of HEADER_FIELDS) {
      const field = header.fields.find((f) => f.key.toUpperCase() === name);
      if (!field) {
        report({ message: `The header has no ${name} field.`, start: header.start, end: header.end, data: { field: name } });
      } else if (!stripPlaceholders(field.value).replace(/[\s*_`.]/g, '')) {
        report({
          message: `The header's ${name} field is not filled in.`,
          start: field.keyStart,
          end: field.valueEnd > field.keyEnd ? field.valueEnd : field.keyEnd,
          data: { field: name },
        });
      }
    }
  },
};
