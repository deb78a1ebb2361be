/**
 * Code actions: each rule's quick fixes (one file per kind in fixes/), "fix all of this rule in the file" for
 * the rules whose fix is safe, "disable for this line / file", and the edits of `source.fixAll.wfs`.
 *
 * Fixes read a diagnostic's `data` and the model; they never re-parse. The diagnostics a client sends back may
 * be from an older version of the text (it asks for actions before fresh diagnostics arrive), so each one is
 * matched against the current model's diagnostics first, and only a current one gets its rule's fixes.
 */
import type { WorkflowModel, Span } from '../model';
import type { LintOptions } from '../options';
import { NEVER_CANCELLED } from '../options';
import type { WorkflowDiagnostic } from '../rules/types';
import { findRule } from '../rules';
import { INTERNAL_ERROR_CODE, runRules } from '../engine';
import type { CodeActionItem, DiagnosticRef, TextEdit } from './types';
import type { Fix, FixContext, RuleFixes } from './fixes/types';
import { combineEdits, eolOf } from './fixes/text';
import { conventionSectionMissingFixes, sectionBlankFixes, sectionMissingFixes } from './fixes/sections';
import { indexFieldMissingFixes, indexValueNotAllowedFixes } from './fixes/indexEntry';
import { conventionStepShapeFixes, renumberFixes, shellDestructiveWithoutRollbackFixes, shellDestructiveWithoutValidationFixes, stepMissingRollbackFixes, stepMissingValidationFixes } from './fixes/steps';
import { frontmatterSchemaFixes, yamlSchemaFixes } from './fixes/values';
import { suppressionFixes } from './fixes/suppressions';
import { placeholderFixes, shellUnquotedPlaceholderFixes } from './fixes/placeholders';

/** The rules with quick fixes, by rule id. */
const RULE_FIXES: Readonly<Record<string, RuleFixes>> = Object.freeze({
  'section.missing': sectionMissingFixes,
  'section.blank': sectionBlankFixes,
  'index.field-missing': indexFieldMissingFixes,
  'index.value-not-allowed': indexValueNotAllowedFixes,
  'step.missing-validation': stepMissingValidationFixes,
  'step.missing-rollback': stepMissingRollbackFixes,
  'step.numbering-gap': renumberFixes,
  'step.numbering-duplicate': renumberFixes,
  'frontmatter.schema': frontmatterSchemaFixes,
  'yaml.schema': yamlSchemaFixes,
  'placeholder.unfilled': placeholderFixes,
  'shell.destructive-without-rollback': shellDestructiveWithoutRollbackFixes,
  'shell.destructive-without-validation': shellDestructiveWithoutValidationFixes,
  'shell.unquoted-placeholder': shellUnquotedPlaceholderFixes,
  'convention.section-missing': conventionSectionMissingFixes,
  'convention.step-shape': conventionStepShapeFixes,
});

/**
 * The quick fixes for `diagnostics` (the client's, in offsets) that touch `range`. `current` returns the
 * diagnostics of the model as it is now (computed on demand; by default, by running the rules).
 */
export function codeActions(
  model: WorkflowModel,
  options: LintOptions,
  range: Span,
  diagnostics: readonly DiagnosticRef[],
  current?: () => readonly WorkflowDiagnostic[],
): CodeActionItem[] {
  const ctx: FixContext = { model, eol: eolOf(model.text) };
  let fresh: readonly WorkflowDiagnostic[] | undefined;
  const currentDiagnostics = (): readonly WorkflowDiagnostic[] =>
    (fresh ??= current ? current() : runRules(model, options, NEVER_CANCELLED, { log: () => undefined }));

  const fixes: CodeActionItem[] = [];
  const fixAlls: CodeActionItem[] = [];
  const suppressions: CodeActionItem[] = [];
  diagnostics.forEach((d, i) => {
    if (d.start > range.end || d.end < range.start) return;
    if (d.code === INTERNAL_ERROR_CODE || !findRule(d.code)) return;
    const ruleFixes = RULE_FIXES[d.code];
    const now = ruleFixes && currentDiagnostics().find((c) => c.code === d.code && c.start === d.start && c.end === d.end && c.message === d.message);
    if (ruleFixes && now) {
      for (const fix of safely(ruleFixes, ctx, now)) {
        const action: CodeActionItem = { title: fix.title, kind: 'quickfix', edits: fix.edits, fixes: [i], isPreferred: fix.isPreferred };
        if (fix.select) action.select = fix.select;
        addAction(fixes, action);
      }
      const title = ruleFixes.fixAllTitle;
      if (title) {
        const all = currentDiagnostics().filter((c) => c.code === d.code);
        if (all.length > 1) {
          const edits = combineEdits(all.flatMap((c) => safely(ruleFixes, ctx, c)[0]?.edits ?? []), ctx.eol);
          addAction(fixAlls, { title, kind: 'quickfix', edits, fixes: [i] });
        }
      }
    }
    for (const fix of suppressionFixes(ctx, d)) addAction(suppressions, { title: fix.title, kind: 'quickfix', edits: fix.edits, fixes: [i] });
  });
  return [...fixes, ...fixAlls, ...suppressions];
}

/** Every safe fix of the document at once (`source.fixAll.wfs`): the first fix of each rule with a fix-all. */
export function fixAllEdits(model: WorkflowModel, options: LintOptions, diagnostics: readonly WorkflowDiagnostic[]): TextEdit[] {
  const ctx: FixContext = { model, eol: eolOf(model.text) };
  const edits: TextEdit[] = [];
  // New sections go after what is added to the content before them (a step's Validation at the end of the last
  // step, where the next section is inserted too): the combined edits keep this order at one offset.
  const ordered = [...diagnostics].sort((a, b) => Number(a.code === 'section.missing') - Number(b.code === 'section.missing'));
  for (const d of ordered) {
    const ruleFixes = RULE_FIXES[d.code];
    if (!ruleFixes?.fixAllTitle) continue;
    const first = safely(ruleFixes, ctx, d)[0];
    if (first) edits.push(...first.edits);
  }
  return combineEdits(edits, ctx.eol);
}

/** A fix that throws on some input offers nothing; the other fixes and the server carry on. */
function safely(ruleFixes: RuleFixes, ctx: FixContext, d: DiagnosticRef): Fix[] {
  try {
    return ruleFixes.fixes(ctx, d);
  } catch {
    return [];
  }
}

/** Adds an action, or, when the same action is already there (two diagnostics, one fix), the diagnostic to it. */
function addAction(list: CodeActionItem[], action: CodeActionItem): void {
  const same = list.find((a) => a.title === action.title && sameEdits(a.edits, action.edits));
  if (same) {
    for (const i of action.fixes) if (!same.fixes.includes(i)) same.fixes.push(i);
    return;
  }
  if (!action.isPreferred) delete action.isPreferred;
  list.push(action);
}

function sameEdits(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  // Two selections of different places are different actions even without edits.
  if (a.length === 0 && b.length === 0) return false;
  return a.length === b.length && a.every((e, i) => e.start === b[i].start && e.end === b[i].end && e.newText === b[i].newText);
}
