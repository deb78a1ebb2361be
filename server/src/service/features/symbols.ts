// Scaffold: the feature's implementation replaces this file.
import type { WorkflowModel } from '../model';
import type { CancellationToken } from '../options';
import type { WorkspaceView } from '../workspace';
import type { SymbolNode, WorkspaceSymbolItem } from './types';

export function documentSymbols(model: WorkflowModel): SymbolNode[] {
  return [];
}

export function workspaceSymbols(query: string, workspace: WorkspaceView, token?: CancellationToken): WorkspaceSymbolItem[] {
  return [];
}
