// Scaffold: the feature's implementation replaces this file.
import type { WorkflowModel } from '../model';
import type { FoldingRangeItem } from './types';

export function foldingRanges(model: WorkflowModel): FoldingRangeItem[] {
  return [];
}
