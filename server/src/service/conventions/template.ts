/**
 * A group's convention written as a template file (the format of schemas/templates/*.md, read by deriveTemplate):
 * the usual sections in their usual order and level, the usual metadata, and a step that shows the Validation and
 * Rollback the group's steps usually carry. The team can edit it and commit it; `.wfs.json`'s `templates` points
 * the group at it, and the template rules then apply to the group instead of the conventions.
 */
import { conventionKey } from './shape';
import type { Convention } from './types';

export function conventionTemplate(convention: Convention): string {
  const out: string[] = [];
  const frontmatter = convention.fields.filter((f) => f.where === 'frontmatter');
  const header = convention.fields.filter((f) => f.where === 'header');
  if (frontmatter.length > 0) {
    out.push('---');
    for (const f of frontmatter) out.push(`${f.label}: ${f.key === 'title' ? '"[Workflow Name]"' : `"[${f.label}]"`}`);
    out.push('---', '');
  }
  // No note about where it came from: New Workflow starts documents from the same text.
  out.push('# [Workflow Name]', '');
  if (header.length > 0) out.push(...header.map((f) => `**${f.label}**: [${f.label}]`), '');
  // deriveTemplate reads level-2 headings as sections and deeper ones as their parts: a usual sub-section with no
  // usual parent before it becomes a section of its own.
  let parentLevel = 0;
  for (const s of convention.sections) {
    const level = parentLevel === 0 ? 2 : Math.max(2, Math.min(s.level, parentLevel + 1));
    if (level === 2) parentLevel = 2;
    else parentLevel = Math.max(parentLevel, level);
    out.push(`${'#'.repeat(level)} ${s.title}`, '');
    if (conventionKey('steps') === s.key) out.push(...stepExample(convention));
    else out.push(`[${s.title} of this workflow]`);
    out.push('');
  }
  if (convention.steps && !convention.sections.some((s) => s.key === conventionKey('steps'))) out.push('## Steps', '', ...stepExample(convention), '');
  return out.join('\n');
}

/** One step showing the fields the group's steps usually carry. */
function stepExample(convention: Convention): string[] {
  const lines = ['1. [First step]: `command`'];
  if (convention.steps?.validation !== undefined) lines.push('   **Validation**: [How to check that it worked]');
  if (convention.steps?.rollback !== undefined) lines.push('   **Rollback**: [How to undo it]');
  return lines;
}

/** The glob of `.wfs.json`'s `templates` that names the group: its folder's files, or the group's own glob. */
export function groupGlob(convention: Convention): string {
  if (!convention.group.endsWith('/')) return convention.group;
  return convention.group === './' ? '*.md' : `${convention.group}*.md`;
}

/** Where the template file goes by default (relative to the workspace folder): one per group, named after it. */
export function templatePathFor(convention: Convention): string {
  const slug = convention.group.split(/[^A-Za-z0-9]+/).filter(Boolean).join('-').toLowerCase() || 'top';
  return `.wfs/templates/${slug}.md`;
}
