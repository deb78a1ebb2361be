// Scaffold: the feature's implementation replaces this file.
import type { WorkflowModel } from '../model';
import type { LintOptions } from '../options';
import type { WorkflowDiagnostic } from '../rules/types';
import type { WorkspaceView } from '../workspace';
import type { HoverResult } from './types';

export function hover(model: WorkflowModel, options: LintOptions, offset: number, workspace: WorkspaceView, diagnostics: readonly WorkflowDiagnostic[]): HoverResult | undefined {
  return undefined;
}
