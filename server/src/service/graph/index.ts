/**
 * The graph of a workflow document, for the editor's graph view and `wfs graph`: the model's resolved steps
 * (features/steps.ts) drawn as nodes and edges (model.ts), laid out by dagre (layout.ts), and written as a Mermaid
 * flowchart (mermaid.ts) or a standalone SVG (svg.ts). Pure.
 */
import type { WorkflowModel } from '../model';
import type { WorkflowDiagnostic } from '../rules/types';
import { workflowSteps } from '../features/steps';
import { workflowGraph, type WorkflowGraph } from './model';

export * from './model';

/** The document's graph, with the findings of the graph rules among `diagnostics` drawn on it. */
export function documentGraph(model: WorkflowModel, diagnostics: readonly WorkflowDiagnostic[]): WorkflowGraph {
  return workflowGraph(workflowSteps(model), diagnostics);
}
