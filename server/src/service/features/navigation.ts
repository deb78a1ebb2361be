// Scaffold: the feature's implementation replaces this file.
import type { WorkflowModel } from '../model';
import type { WorkspaceView } from '../workspace';
import type { LocationItem, RenameResult } from './types';

export function definition(model: WorkflowModel, offset: number, workspace: WorkspaceView): LocationItem[] {
  return [];
}

export function references(model: WorkflowModel, offset: number, workspace: WorkspaceView, includeDeclaration: boolean): LocationItem[] {
  return [];
}

export function prepareRename(model: WorkflowModel, offset: number): { start: number; end: number; placeholder: string } | undefined {
  return undefined;
}

export function rename(model: WorkflowModel, offset: number, newName: string, workspace: WorkspaceView): RenameResult {
  return { edits: [] };
}
