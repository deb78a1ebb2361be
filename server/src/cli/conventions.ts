/**
 * `wfs conventions` output: each group's convention (what the convention.* rules compare documents with), as text
 * for people or as JSON.
 */
import type { ConventionSettings, GroupConvention } from '../service/conventions';

export function formatConventionsHuman(groups: readonly GroupConvention[], settings: ConventionSettings): string {
  const lines: string[] = [];
  const share = `${Math.round(settings.threshold * 100)} %`;
  for (const g of groups) {
    const count = g.shapes.length;
    const skipped = g.skipped > 0 ? `; ${g.skipped} with a template or not a Markdown workflow left out` : '';
    const c = g.convention;
    if (!c) {
      lines.push(`${g.group}  ${count} document${count === 1 ? '' : 's'}${skipped}: no convention (${count < settings.minDocuments ? `fewer than ${settings.minDocuments} documents` : 'nothing shared'})`, '');
      continue;
    }
    lines.push(`${g.group}  ${c.documents} ${c.noun}${skipped}`);
    if (c.sections.length === 0 && c.fields.length === 0 && !c.steps) lines.push(`  nothing that ${share} of them share`);
    if (c.sections.length > 0) {
      lines.push('  sections, in their usual order:');
      const width = Math.max(...c.sections.map((s) => s.level + 1 + s.title.length));
      for (const s of c.sections) lines.push(`    ${`${'#'.repeat(s.level)} ${s.title}`.padEnd(width)}  ${s.count} of ${c.documents}`);
    }
    if (c.fields.length > 0) {
      lines.push('  metadata:');
      for (const f of c.fields) lines.push(`    ${f.label} (${f.where === 'frontmatter' ? 'front matter' : 'metadata line'})  ${f.count} of ${c.documents}`);
    }
    if (c.steps) {
      const parts: string[] = [];
      if (c.steps.validation !== undefined) parts.push(`a Validation in ${c.steps.validation} of ${c.steps.documents}`);
      if (c.steps.rollback !== undefined) parts.push(`a Rollback in ${c.steps.rollback} of ${c.steps.documents}`);
      lines.push(`  steps carry ${parts.join(', and ')} documents with steps`);
    }
    lines.push('');
  }
  lines.push(`A convention is what at least ${share} of a group of at least ${settings.minDocuments} documents share.`);
  return lines.join('\n') + '\n';
}

export function formatConventionsJson(groups: readonly GroupConvention[], settings: ConventionSettings): string {
  return (
    JSON.stringify(
      {
        settings,
        groups: groups.map((g) => ({
          group: g.group,
          documents: g.shapes.length,
          skipped: g.skipped,
          convention: g.convention ? { sections: g.convention.sections, fields: g.convention.fields, steps: g.convention.steps ?? null, order: g.convention.order } : null,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
