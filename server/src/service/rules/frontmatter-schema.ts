import type { Rule } from './types';
import type { FormatId, Frontmatter, FrontmatterEntry } from '../model';
import { validateAgainst } from '../schemas';
import type { SchemaIssue } from '../schemas';
import { lineEnd } from '../text';

/** The schema (file name in `schemas/` without `.schema.json`) that a format's front matter is checked against. */
export function frontmatterSchemaName(format: FormatId): string {
  if (format === 'frontmatter') return 'frontmatter-template';
  if (format === 'catalog') return 'catalog-frontmatter';
  return 'workflow-frontmatter';
}

/** Keywords about a property's presence: they point at a key, not at a value. */
const KEY_KEYWORDS = new Set(['required', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'dependentRequired', 'dependencies']);

export const rule: Rule = {
  id: 'frontmatter.schema',
  description: 'A front-matter field is missing, has the wrong type, or has a value that is not allowed.',
  defaultSeverity: 'warning',
  docs: `Checks the front matter against the JSON Schema of the document's format and reports each violation on
the value concerned (a wrong type, a value outside the allowed list, a malformed date) or on the key (an
unknown key, where the schema forbids them). A missing required field is reported on the opening \`---\` line.

| Format | Schema |
| --- | --- |
| front-matter template (seed 000) | \`schemas/frontmatter-template.schema.json\` |
| catalog template (seed 002) | \`schemas/catalog-frontmatter.schema.json\` |
| any other Markdown workflow | \`schemas/workflow-frontmatter.schema.json\` |

A team template uses the schema of the format it is written in. A document that only carries metadata front
matter (a \`title\`, an \`owner\`, a \`version\`) without following a template is checked with the generic schema. The generic schema allows any key and only
types the keys it knows (\`description\`, \`allowed-tools\`, \`tool_targets\`, \`sidebar_position\`, ...), so
front matter written for Windsurf, Claude Code, Cursor or Docusaurus passes.

Tools that read these fields (catalogs, dashboards, agents) expect the values the template promises:
\`frequency: weekly\` sorts into the weekly list, \`frequency: every week\` silently does not.

### Fails

\`\`\`markdown
---
title: Release Process
frequency: every week
version: latest
---
\`\`\`

### Passes

\`\`\`markdown
---
title: Release Process
frequency: weekly
version: 2
---
\`\`\`

### Disable

\`"frontmatter.schema": "off"\` in the rule settings or under \`rules\` in \`.wfs.json\`.
`,
  check({ model, template }, report) {
    const fm = model.frontmatter;
    if (!fm || !fm.closed || fm.errors.length > 0) return;
    if (fm.language !== 'yaml' && fm.language !== 'json') return;
    const openingEnd = lineEnd(model.text, model.lineStarts, 0);
    if (fm.data === undefined) {
      report({
        message: 'Front matter must be a mapping of keys to values (e.g. "title: Release Process").',
        start: fm.start,
        end: openingEnd,
      });
      return;
    }
    // The schema of the template in force (a team's is written in a format too); without one, the generic schema.
    const schema = frontmatterSchemaName(template?.format ?? 'plain');
    for (const issue of validateAgainst(schema, fm.data)) {
      const span = schemaIssueSpan(fm, issue, openingEnd);
      const data: Record<string, unknown> = { schema, path: issue.pointer, keyword: issue.keyword };
      if (Array.isArray(issue.params.allowedValues)) data.allowed = issue.params.allowedValues;
      if (issue.keyword === 'required') data.missing = issue.params.missingProperty;
      report({ message: issue.message, start: span.start, end: span.end, data });
    }
  },
};

function topLevelKey(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  const slash = pointer.indexOf('/', 1);
  const segment = slash === -1 ? pointer.slice(1) : pointer.slice(1, slash);
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function entryFor(fm: Frontmatter, pointer: string): FrontmatterEntry | undefined {
  const key = topLevelKey(pointer);
  if (key === undefined) return undefined;
  // With duplicate keys the last one wins, as in the parsed data.
  for (let i = fm.entries.length - 1; i >= 0; i--) if (fm.entries[i].key === key) return fm.entries[i];
  return undefined;
}

/**
 * Where an issue is shown: the key for presence keywords (the property itself, or for a missing one the
 * object that lacks it), the value for everything else; the opening line when there is no such key.
 */
export function schemaIssueSpan(fm: Frontmatter, issue: SchemaIssue, openingEnd: number): { start: number; end: number } {
  const opening = { start: fm.start, end: openingEnd };
  if (KEY_KEYWORDS.has(issue.keyword)) {
    // For `required` the pointer names the missing property, so its parent is the one to show.
    const pointer = issue.keyword === 'required' ? issue.pointer.slice(0, issue.pointer.lastIndexOf('/')) : issue.pointer;
    const entry = entryFor(fm, pointer);
    return entry ? { start: entry.keyStart, end: entry.keyEnd } : opening;
  }
  const entry = entryFor(fm, issue.pointer);
  if (!entry) return opening;
  if (entry.valueEnd > entry.valueStart) return { start: entry.valueStart, end: entry.valueEnd };
  return { start: entry.keyStart, end: entry.keyEnd };
}
