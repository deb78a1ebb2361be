/**
 * Where each node and edge of a workflow graph goes, computed by dagre (a layered, Sugiyama-style layout): the
 * webview and the SVG export draw these boxes and polylines and compute no geometry of their own. A node's size is
 * fixed by its kind, and a label is wrapped and cut to fit its box, so the geometry depends on the graph's structure
 * alone: a rename or any edit that keeps the nodes and edges reuses the last layout.
 */
import dagre from '@dagrejs/dagre';
import type { GraphNodeKind, WorkflowGraph } from './model';

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
  /** An edge label's characters: longer ones are cut with … (the edge's tooltip has them whole). */
  edgeLabelChars: 14,
  edgeCharWidth: 6,
});

/** The text box of each kind of node, in characters per line and lines: the box's size follows from it. */
const NODE_TEXT: Readonly<Record<GraphNodeKind, { chars: number; lines: number }>> = Object.freeze({
  step: { chars: 34, lines: 2 },
  unknown: { chars: 34, lines: 2 },
  validation: { chars: 30, lines: 2 },
  rollback: { chars: 30, lines: 2 },
  branch: { chars: 22, lines: 1 },
  start: { chars: 12, lines: 1 },
  end: { chars: 12, lines: 1 },
  join: { chars: 12, lines: 1 },
});

/** A node's fixed size, by its kind. */
export function nodeSize(kind: GraphNodeKind): { width: number; height: number } {
  const m = LAYOUT_METRICS;
  const t = NODE_TEXT[kind];
  return { width: t.chars * m.charWidth + 2 * m.paddingX, height: t.lines * m.lineHeight + 2 * m.paddingY };
}

/** A node's label as drawn in its box: wrapped to the box's lines, the last one cut with … when it does not fit. */
export function nodeLines(kind: GraphNodeKind, label: string): string[] {
  const t = NODE_TEXT[kind];
  return wrapLabel(label, t.chars, t.lines);
}

/** An edge label as drawn: at most `edgeLabelChars`, cut with …. */
export function edgeLabelText(label: string): string {
  const max = LAYOUT_METRICS.edgeLabelChars;
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** The fixed width of an edge label's box. */
export const EDGE_LABEL_WIDTH = LAYOUT_METRICS.edgeLabelChars * LAYOUT_METRICS.edgeCharWidth + 8;

export interface NodeBox {
  id: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The label as drawn, wrapped to the box (the last line ends with … when it was cut). */
  lines: string[];
}

export interface EdgePath {
  id: string;
  points: { x: number; y: number }[];
  /** The label's centre, box width and text as drawn (cut with … past `edgeLabelChars`), when the edge has one. */
  label?: { x: number; y: number; width: number; text: string };
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgePath[];
}

/** A label wrapped at word boundaries into at most `maxLines` lines of `lineChars`. */
export function wrapLabel(label: string, lineChars: number = LAYOUT_METRICS.lineChars, maxLines: number = LAYOUT_METRICS.maxLines): string[] {
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

/** Where the nodes and edges go, without any text: what the cache keeps. */
interface Geometry {
  width: number;
  height: number;
  nodes: Omit<NodeBox, 'lines'>[];
  edges: { id: string; points: { x: number; y: number }[]; label?: { x: number; y: number } }[];
}

/**
 * What the layout depends on: each node's id and kind (its size), each edge's ends, weight and whether it has a
 * label (the label box's size is fixed). No text is in it, so an edit that keeps the graph's structure (a step
 * renamed, a command changed, a description typed) keeps the layout, and the view redraws without laying out again.
 */
function layoutKey(graph: WorkflowGraph): string {
  const parts: string[] = [];
  for (const n of graph.nodes) parts.push(n.id, n.kind);
  parts.push('');
  for (const e of graph.edges) parts.push(e.id, e.from, e.to, e.label ? 'l' : '', e.back ? 'b' : e.dashed ? 'd' : '');
  return parts.join('\u0000');
}

/** The last geometry computed (one slot: the view redraws the document being edited). */
let last: { key: string; geometry: Geometry } | undefined;
/** How many layouts were computed: the tests check that an edit keeping the structure computes none. */
let computed = 0;

export function layoutsComputed(): number {
  return computed;
}

/** Lays the graph out top to bottom (the last geometry again when the structure did not change), with its labels. */
export function layoutGraph(graph: WorkflowGraph): GraphLayout {
  const key = layoutKey(graph);
  if (last?.key !== key) last = { key, geometry: computeGeometry(graph) };
  return withLabels(graph, last.geometry);
}

/** The layout itself, always computed (the benchmarks measure it). */
export function computeLayout(graph: WorkflowGraph): GraphLayout {
  return withLabels(graph, computeGeometry(graph));
}

/** The geometry with the graph's current labels, wrapped and cut to their boxes. */
function withLabels(graph: WorkflowGraph, geometry: Geometry): GraphLayout {
  const labels = new Map(graph.edges.map((e) => [e.id, e.label]));
  return {
    width: geometry.width,
    height: geometry.height,
    nodes: geometry.nodes.map((box, i) => ({ ...box, lines: nodeLines(graph.nodes[i].kind, graph.nodes[i].label) })),
    edges: geometry.edges.map((path) => {
      const label = labels.get(path.id);
      return path.label && label ? { id: path.id, points: path.points, label: { ...path.label, width: EDGE_LABEL_WIDTH, text: edgeLabelText(label) } } : { id: path.id, points: path.points };
    }),
  };
}

function computeGeometry(graph: WorkflowGraph): Geometry {
  computed++;
  const m = LAYOUT_METRICS;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 36, edgesep: 12, marginx: 12, marginy: 12, ranker: 'longest-path' });
  for (const node of graph.nodes) g.setNode(node.id, nodeSize(node.kind));
  for (const edge of graph.edges) {
    const label = edge.label ? { width: EDGE_LABEL_WIDTH, height: m.edgeLabelHeight, labelpos: 'c' as const } : {};
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
      return { id: node.id, x: round(n.x! - n.width / 2), y: round(n.y! - n.height / 2), width: n.width, height: n.height };
    }),
    edges: graph.edges.map((edge) => {
      const e = g.edge({ v: edge.from, w: edge.to, name: edge.id });
      const points = (e.points ?? []).map((p: { x: number; y: number }) => ({ x: round(p.x), y: round(p.y) }));
      return edge.label && e.x !== undefined && e.y !== undefined ? { id: edge.id, points, label: { x: round(e.x), y: round(e.y) } } : { id: edge.id, points };
    }),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
