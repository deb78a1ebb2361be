// Scaffold: the feature's implementation replaces this file.
import type { WorkflowModel } from '../model';
import type { WorkspaceView } from '../workspace';
import type { LinkItem } from './types';

export function documentLinks(model: WorkflowModel, workspace: WorkspaceView): LinkItem[] {
  return [];
}
