/**
 * Fixes for steps: add a missing Validation or Rollback (step.missing-validation, step.missing-rollback) and
 * renumber a sequence of steps (step.numbering-gap, step.numbering-duplicate).
 */
import type { Field, Step, WorkflowModel } from '../../model';
import { numberedStepGroups } from '../../rules/step-groups';
import type { NumberedStep } from '../../rules/step-groups';
import { lineAt, lineEnd } from '../../text';
import type { TextEdit } from '../types';
import { lineText } from './text';
import type { Fix, FixContext, RuleFixes } from './types';

export const stepMissingValidationFixes: RuleFixes = {
  fixAllTitle: 'Add a Validation to every step that lacks one',
  fixes: (ctx, d) => missingFieldFixes(ctx, d.start, d.data, 'Validation', (s) => s.validation),
};

export const stepMissingRollbackFixes: RuleFixes = {
  fixAllTitle: 'Add a Rollback to every step that lacks one',
  fixes: (ctx, d) => missingFieldFixes(ctx, d.start, d.data, 'Rollback', (s) => s.rollback),
};

/** shell.destructive-without-*: the same fix, for the step named in the diagnostic's data (it stands on a command). */
export const shellDestructiveWithoutValidationFixes: RuleFixes = {
  fixAllTitle: 'Add a Validation to every step that changes state without one',
  fixes: (ctx, d) => missingFieldFixes(ctx, Number(d.data?.titleStart), d.data, 'Validation', (s) => s.validation),
};

export const shellDestructiveWithoutRollbackFixes: RuleFixes = {
  fixAllTitle: 'Add a Rollback to every step that changes state without one',
  fixes: (ctx, d) => missingFieldFixes(ctx, Number(d.data?.titleStart), d.data, 'Rollback', (s) => s.rollback),
};

/** convention.step-shape: the same fixes, for the field the diagnostic names. */
export const conventionStepShapeFixes: RuleFixes = {
  fixes: (ctx, d) =>
    d.data?.field === 'Rollback' ? stepMissingRollbackFixes.fixes(ctx, d) : d.data?.field === 'Validation' ? stepMissingValidationFixes.fixes(ctx, d) : [],
};

function missingFieldFixes(
  { model, eol }: FixContext,
  titleStart: number,
  data: Record<string, unknown> | undefined,
  label: 'Validation' | 'Rollback',
  fieldOf: (s: Step) => Field | undefined,
): Fix[] {
  const step = model.steps.find((s) => s.titleStart === titleStart && s.end === data?.end);
  if (!step || (step.source !== 'heading' && step.source !== 'list')) return [];
  const existing = fieldOf(step);
  if (existing) {
    // An empty field: fill it in where it is rather than adding a second one.
    const { valueStart, valueEnd } = existing;
    const before = model.text.charCodeAt(valueStart - 1);
    const space = before === 32 || before === 9 ? '' : ' ';
    return [{ title: `Fill in the empty ${label} of step "${step.title}"`, edits: [{ start: valueStart, end: valueEnd, newText: `${space}TODO` }], isPreferred: true }];
  }
  const edit = step.source === 'list' ? listStepEdit(model, step, label, eol) : headingStepEdit(model, step, label, eol);
  if (!edit) return [];
  return [{ title: `Add a ${label} to step "${step.title}"`, edits: [edit], isPreferred: true }];
}

/**
 * `**Label**: TODO` as a paragraph of its own after the step's last content line: before the blank lines, thematic
 * break and suppression comments that lead to the next heading, which keeps a blank line before that heading.
 */
function headingStepEdit(model: WorkflowModel, step: Step, label: string, eol: string): TextEdit | undefined {
  const { text, lineStarts } = model;
  const first = lineAt(lineStarts, step.start);
  let last = lineAt(lineStarts, Math.max(step.start, step.end - 1));
  // A step that runs to the end of a text with a final line ending ends on the line before the empty last "line".
  if (lineStarts[last] === step.end && last > first) last--;
  while (last > first && isTrailingLine(lineText(model, last))) last--;
  const line = `**${label}**: TODO`;
  if (last + 1 >= lineStarts.length) {
    // The last line of a text without a final line ending.
    const end = lineEnd(text, lineStarts, last);
    return { start: end, end, newText: eol + eol + line };
  }
  const at = lineStarts[last + 1];
  // Another line with content right after (the next heading, with no blank line before it): keep one.
  const next = last + 1 < lineStarts.length && at < text.length ? lineText(model, last + 1) : '';
  return { start: at, end: at, newText: eol + line + eol + (next.trim() !== '' ? eol : '') };
}

/** In a list step (`1. **Build** ...`), the field is one more line of the item, indented like its content. */
function listStepEdit(model: WorkflowModel, step: Step, label: string, eol: string): TextEdit | undefined {
  const { text, lineStarts } = model;
  const first = lineAt(lineStarts, step.start);
  const marker = /^(\s*\d+[.)]\s+)/.exec(lineText(model, first));
  if (!marker) return undefined;
  let last = lineAt(lineStarts, Math.max(step.start, step.end - 1));
  if (lineStarts[last] === step.end && last > first) last--;
  while (last > first && lineText(model, last).trim() === '') last--;
  const end = lineEnd(text, lineStarts, last);
  return { start: end, end, newText: `${eol}${' '.repeat(marker[1].length)}**${label}**: TODO` };
}

function isTrailingLine(line: string): boolean {
  const t = line.trim();
  return t === '' || /^(?:[-*_]\s*){3,}$/.test(t) || /^<!--\s*wfs-disable-next-line\b/.test(t);
}

export const renumberFixes: RuleFixes = {
  fixes({ model }, d) {
    const group = numberedStepGroups(model).find((g) => g.some((s) => s.titleStart === d.start));
    if (!group) return [];
    const base = group[0].number === 0 ? 0 : 1;
    const edits: TextEdit[] = [];
    for (let i = 0; i < group.length; i++) {
      const step = group[i];
      const wanted = base + i;
      if (step.number === wanted) continue;
      const span = numberSpan(model, step);
      // A number the fix cannot find: renumbering only some steps would be worse than none.
      if (!span) return [];
      const written = model.text.slice(span.start, span.end);
      const digits = written.length > 1 && written.startsWith('0') ? String(wanted).padStart(written.length, '0') : String(wanted);
      edits.push({ start: span.start, end: span.end, newText: digits });
    }
    if (edits.length === 0) return [];
    return [{ title: `Renumber the steps ${base} to ${base + group.length - 1}`, edits, isPreferred: true }];
  },
};

/** Where a step's number is written: before its title on the heading line, or the list item's number. */
function numberSpan(model: WorkflowModel, step: NumberedStep): { start: number; end: number } | undefined {
  const { text } = model;
  if (step.source === 'heading') {
    const prefix = text.slice(step.start, step.titleStart);
    const re = /\d+/g;
    for (let m = re.exec(prefix); m; m = re.exec(prefix)) {
      if (Number(m[0]) === step.number && m[0] === step.numberText) return { start: step.start + m.index, end: step.start + m.index + m[0].length };
    }
    return undefined;
  }
  const m = /^\d+/.exec(text.slice(step.start, step.start + 12));
  return m && Number(m[0]) === step.number ? { start: step.start, end: step.start + m[0].length } : undefined;
}
