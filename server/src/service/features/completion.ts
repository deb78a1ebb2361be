// Scaffold: the feature's implementation replaces this file.
import type { WorkflowModel } from '../model';
import type { LintOptions } from '../options';
import type { WorkspaceView } from '../workspace';
import type { CompletionEntry } from './types';

export function completions(model: WorkflowModel, options: LintOptions, offset: number, workspace: WorkspaceView): CompletionEntry[] {
  return [];
}
