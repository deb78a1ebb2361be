// Scaffold: the feature's implementation replaces this file.
import type { WorkflowModel, Span } from '../model';
import type { LintOptions } from '../options';
import type { WorkflowDiagnostic } from '../rules/types';
import type { CodeActionItem, DiagnosticRef, TextEdit } from './types';

export function codeActions(model: WorkflowModel, options: LintOptions, range: Span, diagnostics: readonly DiagnosticRef[]): CodeActionItem[] {
  return [];
}

export function fixAllEdits(model: WorkflowModel, options: LintOptions, diagnostics: readonly WorkflowDiagnostic[]): TextEdit[] {
  return [];
}
