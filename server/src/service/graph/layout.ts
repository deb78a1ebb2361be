/**
 * Where each node and edge of a workflow graph goes, computed by dagre (a layered, Sugiyama-style layout): the
 * webview and the SVG export draw these boxes and polylines and compute no geometry of their own. Node sizes come
 * from their wrapped label lines at a fixed character width, so the server needs no text measurement.
 */
import dagre from '@dagrejs/dagre';
import type { WorkflowGraph } from './model';

/** The drawing's metrics, shared by the webview's style sheet and the SVG export. */
export const LAYOUT_METRICS = Object.freeze({
  charWidth: 7,
  lineHeight: 16,
  paddingX: 12,
  paddingY: 8,
  /** Characters per label line: two lines fit a step's title in a box narrow enough for 200 steps. */
  lineChars: 34,
  maxLines: 2,
  edgeLabelHeight: 14,
});

export interface NodeBox {
  id: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label as drawn, wrapped (the last line ends with … when it was cut). */
  lines: string[];
}

export interface EdgePath {
  id: string;
  points: { x: number; y: number }[];
  /** The label's centre, when the edge has one. */
  label?: { x: number; y: number };
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgePath[];
}

/** A label wrapped at word boundaries into at most `maxLines` lines of `lineChars`. */
export function wrapLabel(label: string, lineChars = LAYOUT_METRICS.lineChars, maxLines = LAYOUT_METRICS.maxLines): string[] {
  const lines: string[] = [];
  let rest = label.trim();
  while (rest !== '' && lines.length < maxLines) {
    if (rest.length <= lineChars) {
      lines.push(rest);
      rest = '';
      break;
    }
    const space = rest.lastIndexOf(' ', lineChars);
    const cut = space > lineChars / 2 ? space : lineChars;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') {
    const last = lines[lines.length - 1];
    lines[lines.length - 1] = `${last.slice(0, lineChars - 1)}…`;
  }
  return lines.length > 0 ? lines : [''];
}

/**
 * What the layout depends on: each node's id and label, each edge's ends, label and weight. An edit that keeps it
 * (a command changed, a description typed) keeps the layout, so the view redraws without laying out again.
 */
function layoutKey(graph: WorkflowGraph): string {
  const parts: string[] = [];
  for (const n of graph.nodes) parts.push(n.id, n.kind, n.label);
  parts.push('');
  for (const e of graph.edges) parts.push(e.id, e.from, e.to, e.label, e.back ? 'b' : e.dashed ? 'd' : '');
  return parts.join('\u0000');
}

/** The last layout computed (one slot: the view redraws the document being edited). */
let last: { key: string; layout: GraphLayout } | undefined;

/** Lays the graph out top to bottom (the last layout again when nothing it depends on changed). */
export function layoutGraph(graph: WorkflowGraph): GraphLayout {
  const key = layoutKey(graph);
  if (last?.key === key) return last.layout;
  const layout = computeLayout(graph);
  last = { key, layout };
  return layout;
}

/** The layout itself, always computed (the benchmarks measure it). */
export function computeLayout(graph: WorkflowGraph): GraphLayout {
  const m = LAYOUT_METRICS;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 36, edgesep: 12, marginx: 12, marginy: 12, ranker: 'longest-path' });
  const lines = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const wrapped = node.kind === 'start' || node.kind === 'end' || node.kind === 'join' ? [node.label] : wrapLabel(node.label);
    lines.set(node.id, wrapped);
    const chars = Math.max(...wrapped.map((l) => l.length));
    g.setNode(node.id, { width: Math.max(56, chars * m.charWidth + 2 * m.paddingX), height: wrapped.length * m.lineHeight + 2 * m.paddingY });
  }
  for (const edge of graph.edges) {
    const label = edge.label ? { width: edge.label.length * (m.charWidth - 1) + 8, height: m.edgeLabelHeight, labelpos: 'c' as const } : {};
    // A route back is laid out as if it went forward from its target, so the steps keep their order top to bottom.
    g.setEdge(edge.from, edge.to, { ...label, weight: edge.back ? 0 : edge.dashed ? 1 : 2, minlen: 1 }, edge.id);
  }
  // The crossing-minimisation sweeps after the first ordering cost the most time and gain little on workflow graphs.
  dagre.layout(g, { disableOptimalOrderHeuristic: true });
  const size = g.graph();
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: graph.nodes.map((node) => {
      const n = g.node(node.id);
      return { id: node.id, x: round(n.x! - n.width / 2), y: round(n.y! - n.height / 2), width: n.width, height: n.height, lines: lines.get(node.id) ?? [] };
    }),
    edges: graph.edges.map((edge) => {
      const e = g.edge({ v: edge.from, w: edge.to, name: edge.id });
      const path: EdgePath = { id: edge.id, points: (e.points ?? []).map((p: { x: number; y: number }) => ({ x: round(p.x), y: round(p.y) })) };
      if (edge.label && e.x !== undefined && e.y !== undefined) path.label = { x: round(e.x), y: round(e.y) };
      return path;
    }),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
