/**
 * `workflow/graph`'s answer: the service's graph (offsets) made LSP ranges in one place, with its dagre layout and,
 * when asked, the Mermaid or SVG text `wfs graph` writes.
 */
import type { GraphParams, GraphResult, Range } from '../protocol';
import type { WorkflowModel } from '../service/model';
import type { WorkflowDiagnostic } from '../service/rules/types';
import { documentGraph } from '../service/graph';
import { layoutGraph } from '../service/graph/layout';
import { graphToMermaid } from '../service/graph/mermaid';
import { graphToSvg } from '../service/graph/svg';
import { offsetToPosition } from '../service/text';

export function graphResult(uri: string, model: WorkflowModel, diagnostics: readonly WorkflowDiagnostic[], version: number | undefined, format: GraphParams['format']): GraphResult {
  const graph = documentGraph(model, diagnostics);
  const layout = layoutGraph(graph);
  const range = (start: number | undefined, end: number | undefined): { range?: Range } =>
    start === undefined || end === undefined ? {} : { range: { start: offsetToPosition(model.lineStarts, start), end: offsetToPosition(model.lineStarts, end) } };
  const result: GraphResult = {
    uri,
    shape: graph.shape,
    nodes: graph.nodes.map(({ start, end, extentStart, extentEnd, ...node }) => {
      const extent = range(extentStart, extentEnd).range;
      return { ...node, ...range(start, end), ...(extent ? { extent } : {}) };
    }),
    edges: graph.edges.map(({ start, end, ...edge }) => ({ ...edge, ...range(start, end) })),
    layout,
  };
  if (version !== undefined) result.version = version;
  if (graph.title) result.title = graph.title;
  if (format === 'mermaid') result.text = graphToMermaid(graph);
  else if (format === 'svg') result.text = graphToSvg(graph, layout);
  return result;
}
