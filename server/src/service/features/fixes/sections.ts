/**
 * Fixes for sections: insert a missing required section (section.missing) and fill a blank one (section.blank).
 */
import type { WorkflowModel } from '../../model';
import type { SectionSpec } from '../../templates/types';
import { lineAt, lineEnd } from '../../text';
import { isRegExpSpace, trailingRunStart } from '../../textScan';
import { beforeDirectives, insertBlock, lineText, startOfLineAt } from './text';
import type { RuleFixes } from './types';

export const NOT_APPLICABLE_LINE = 'Not applicable for this workflow — TODO: say why.';
export const FILL_IN_TODO = 'TODO: fill in this section.';

export const sectionMissingFixes: RuleFixes = {
  fixAllTitle: 'Add all missing sections',
  fixes({ model, eol }, d) {
    const template = model.template;
    const title = d.data?.section;
    const insertAt = d.data?.insertAt;
    if (!template || typeof title !== 'string' || typeof insertAt !== 'number') return [];
    if (insertAt < 0 || insertAt > model.text.length) return [];
    const at = startOfLineAt(model, insertionPoint(model, insertAt));
    if (at === undefined) return [];
    const index = template.sections.findIndex((s) => s.title === title);
    if (index < 0) return [];
    const spec = template.sections[index];
    const level = typeof d.data?.level === 'number' ? d.data.level : spec.level;
    const number = typeof d.data?.number === 'string' ? d.data.number : spec.number;
    // The rule reports a missing section once, not again for its sub-sections: insert the required ones with it.
    const specs: SectionSpec[] = [spec];
    for (let i = index + 1; i < template.sections.length && template.sections[i].level > spec.level; i++) {
      if (template.sections[i].required) specs.push(template.sections[i]);
    }
    const lines: string[] = [];
    specs.forEach((s, i) => {
      if (i > 0) lines.push('');
      lines.push(headingLine(i === 0 ? level : level + (s.level - spec.level), i === 0 ? number : s.number, s.title));
      const fields = template.indexEntry && s.key === template.indexEntry.sectionKey ? template.indexEntry.fields.filter((f) => f.required) : [];
      // The index entry comes with its required fields, so that adding it does not just trade one problem for many.
      if (fields.length > 0) lines.push('', ...fields.map((f) => `- **${f.label}:** TODO`));
      // A section whose sub-sections come with it needs no text of its own: they carry the TODOs.
      else if (!(specs[i + 1] && specs[i + 1].level > s.level)) lines.push('', `TODO: ${guidanceSentence(s.guidanceText) ?? 'fill in this section.'}`);
    });
    const edit = insertBlock(model, beforeDirectives(model, at), lines, eol);
    return [{ title: `Add the missing section "${lines[0].replace(/^#+\s*/, '')}"`, edits: [edit], isPreferred: true }];
  },
};

/** convention.section-missing: the section with the heading text and level most siblings use, where their order puts it. */
// No fix-all: a convention is a hint learned from the siblings, not a requirement to apply unattended on save.
export const conventionSectionMissingFixes: RuleFixes = {
  fixes({ model, eol }, d) {
    const { section: title, level, insertAt } = d.data ?? {};
    if (typeof title !== 'string' || typeof level !== 'number' || typeof insertAt !== 'number') return [];
    if (insertAt < 0 || insertAt > model.text.length) return [];
    const at = startOfLineAt(model, insertionPoint(model, insertAt));
    if (at === undefined) return [];
    const heading = headingLine(level, undefined, title);
    const edit = insertBlock(model, beforeDirectives(model, at), [heading, '', FILL_IN_TODO], eol);
    return [{ title: `Add the section "${title}" the other documents have`, edits: [edit], isPreferred: true }];
  },
};

export const sectionBlankFixes: RuleFixes = {
  fixes({ model, eol }, d) {
    const { bodyStart, ownEnd } = d.data ?? {};
    const section = model.sections.find((s) => s.bodyStart === bodyStart && s.ownEnd === ownEnd && s.heading.textStart === d.start);
    if (!section) return [];
    const name = section.heading.text;
    // "Not applicable" replaces what is there: guidance, placeholders and the blank sub-sections (a section marked
    // Not applicable needs none). Blank lines and a thematic break before the next heading stay.
    const last = lastContentLine(model, section.bodyStart, section.end);
    const notApplicable =
      last < 0
        ? insertBlock(model, section.bodyStart, [NOT_APPLICABLE_LINE], eol)
        : { start: section.bodyStart, end: lineEnd(model.text, model.lineStarts, last), newText: eol + NOT_APPLICABLE_LINE };
    // The TODO goes above what is there, so the template's hints stay for whoever fills the section in.
    const todo = insertBlock(model, section.bodyStart, [FILL_IN_TODO], eol);
    return [
      { title: `Mark "${name}" as not applicable for this workflow`, edits: [notApplicable] },
      { title: `Add a TODO to "${name}"`, edits: [todo] },
    ];
  },
};

function headingLine(level: number, number: string | undefined, title: string): string {
  // As the catalog template writes them: "## 1. Problem Statement", "### 2.1 Narrative".
  const prefix = number === undefined ? '' : number.includes('.') ? `${number} ` : `${number}. `;
  return `${'#'.repeat(Math.min(Math.max(level, 1), 6))} ${prefix}${title}`;
}

/**
 * The rule places a first section right after the front matter (or at the top); under a title, it belongs after
 * the title's own text, before its first sub-section.
 */
function insertionPoint(model: WorkflowModel, insertAt: number): number {
  const title = model.sections.find((s) => s.level === 1);
  if (title && insertAt <= title.start) return title.ownEnd;
  return insertAt;
}

/** The last line in [start, end) with content (not blank, not a thematic break, not a suppression comment); -1 if none. */
function lastContentLine(model: WorkflowModel, start: number, end: number): number {
  if (end <= start) return -1;
  const first = lineAt(model.lineStarts, start);
  for (let line = lineAt(model.lineStarts, end - 1); line >= first; line--) {
    const t = lineText(model, line).trim();
    if (t === '' || /^(?:[-*_]\s*){3,}$/.test(t) || /^<!--\s*wfs-disable-next-line\b/.test(t)) continue;
    return line;
  }
  return -1;
}

/**
 * The first sentence of a section's guidance that reads as prose ("Describe the end-to-end flow in a few
 * paragraphs."), for the TODO of an inserted section; undefined when the guidance is only lists, tables or code.
 */
export function guidanceSentence(guidance: string): string | undefined {
  let fenced = false;
  for (const raw of guidance.split(/\r\n|\r|\n/)) {
    let t = raw.trim();
    if (/^(```|~~~)/.test(t)) fenced = !fenced;
    // What follows a sub-heading is that sub-section's guidance, not this section's.
    if (!fenced && /^#{1,6}(\s|$)/.test(t)) return undefined;
    if (fenced || t === '' || /^(\||>|<|```|~~~|\*\*|__|e\.g\.|[-*+]\s|\d+[.)]\s)/i.test(t)) continue;
    // A placeholder written as one bracketed phrase: "[Brief description of what this workflow does]".
    const bracketed = /^\[([^\]]+)\]$/.exec(t);
    if (bracketed) t = bracketed[1].trim();
    if (!/^[A-Za-z]/.test(t)) continue;
    const sentence = /^(.+?[.!?])(?:\s|$)/.exec(t);
    t = sentence ? sentence[1] : t;
    t = t.slice(0, trailingRunStart(t, (c) => isRegExpSpace(c) || c === 58 || c === 59 || c === 44));
    return /[.!?]$/.test(t) ? t : `${t}.`;
  }
  return undefined;
}
