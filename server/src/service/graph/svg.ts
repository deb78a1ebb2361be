/**
 * A workflow graph as a standalone SVG file (`wfs graph --format svg`, the graph view's "Export as SVG"): the
 * dagre layout drawn with presentation attributes in a light palette, so the file shows the same anywhere, with
 * no style sheet, script or external reference. Every text is XML-escaped; a node's flags and marks are its
 * `<title>` (the tooltip), with its whole label when the box shows it cut; each node's text is clipped to its box.
 */
import { LAYOUT_METRICS, type GraphLayout } from './layout';
import type { GraphEdge, GraphNode, WorkflowGraph } from './model';

const PALETTE = {
  background: '#ffffff',
  text: '#1f1f1f',
  node: '#f3f3f3',
  border: '#6e6e6e',
  terminal: '#e8e8e8',
  edge: '#6e6e6e',
  failure: '#c72e0f',
  error: '#e51400',
  warning: '#bf8803',
  rollback: '#8a5a00',
  label: '#ffffff',
};

export function escapeXml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function nodeStroke(node: GraphNode): string {
  if (node.kind === 'unknown' || node.flags.some((f) => f.severity === 'error')) return PALETTE.error;
  if (node.flags.length > 0) return PALETTE.warning;
  if (node.kind === 'rollback') return PALETTE.rollback;
  return PALETTE.border;
}

function edgeColour(edge: GraphEdge): string {
  if (edge.flags.length > 0) return PALETTE.error;
  if (edge.kind === 'failure') return PALETTE.failure;
  if (edge.kind === 'rollback') return PALETTE.rollback;
  return PALETTE.edge;
}

/**
 * The tooltip of a node or edge: its flags' messages, a step's marks, and the whole label when `shown` (the text
 * drawn) cut it.
 */
export function graphTooltip(item: GraphNode | GraphEdge, shown?: string): string {
  const parts = item.flags.map((f) => `${f.code}: ${f.message}`);
  if ('marks' in item && item.marks.length > 0) parts.unshift(item.marks.join(', '));
  if (shown !== undefined && shown !== item.label) parts.unshift(item.label);
  return parts.join('\n');
}

export function graphToSvg(graph: WorkflowGraph, layout: GraphLayout): string {
  const m = LAYOUT_METRICS;
  const boxes = new Map(layout.nodes.map((b) => [b.id, b]));
  const paths = new Map(layout.edges.map((p) => [p.id, p]));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(graph.title ?? 'Workflow graph')}</title>`,
    '<defs>',
    ...['edge', 'failure', 'error', 'rollback'].map(
      (k) => `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${PALETTE[k as keyof typeof PALETTE]}"/></marker>`,
    ),
    '</defs>',
    `<rect width="100%" height="100%" fill="${PALETTE.background}"/>`,
  ];
  for (const edge of graph.edges) {
    const path = paths.get(edge.id);
    if (!path || path.points.length === 0) continue;
    const colour = edgeColour(edge);
    const marker = edge.flags.length > 0 ? 'error' : edge.kind === 'failure' ? 'failure' : edge.kind === 'rollback' ? 'rollback' : 'edge';
    const d = path.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join('');
    const tip = graphTooltip(edge, path.label?.text ?? edge.label);
    out.push(`<g class="edge edge-${edge.kind}">${tip ? `<title>${escapeXml(tip)}</title>` : ''}<path d="${d}" fill="none" stroke="${colour}" stroke-width="${edge.flags.length > 0 ? 2 : 1.3}"${edge.dashed ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow-${marker})"/>`);
    if (edge.label && path.label) {
      const w = path.label.width;
      out.push(`<rect x="${path.label.x - w / 2}" y="${path.label.y - m.edgeLabelHeight / 2}" width="${w}" height="${m.edgeLabelHeight}" fill="${PALETTE.label}" opacity="0.9"/>`);
      out.push(`<text x="${path.label.x}" y="${path.label.y + 4}" text-anchor="middle" font-size="11" fill="${colour}">${escapeXml(path.label.text)}</text>`);
    }
    out.push('</g>');
  }
  for (const [index, node] of graph.nodes.entries()) {
    const box = boxes.get(node.id);
    if (!box) continue;
    const terminal = node.kind === 'start' || node.kind === 'end' || node.kind === 'join';
    const rx = terminal ? box.height / 2 : node.stepKind === 'decision' ? 2 : 6;
    const tip = graphTooltip(node, box.lines.join(' '));
    out.push(`<g class="node node-${node.kind}">${tip ? `<title>${escapeXml(tip)}</title>` : ''}`);
    out.push(
      `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="${rx}" fill="${terminal ? PALETTE.terminal : PALETTE.node}" stroke="${nodeStroke(node)}" stroke-width="${node.flags.length > 0 || node.kind === 'unknown' ? 2.5 : 1.2}"${node.marks.includes('manual') || node.kind === 'rollback' ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
    // The box's size is fixed by the node's kind: wide glyphs could run past it, so the text is clipped to it.
    out.push(`<clipPath id="clip-${index}"><rect x="${box.x + 2}" y="${box.y}" width="${box.width - 4}" height="${box.height}"/></clipPath><g clip-path="url(#clip-${index})">`);
    const top = box.y + (box.height - box.lines.length * m.lineHeight) / 2 + m.lineHeight - 4;
    for (const [i, line] of box.lines.entries()) {
      out.push(`<text x="${box.x + box.width / 2}" y="${top + i * m.lineHeight}" text-anchor="middle" fill="${PALETTE.text}">${escapeXml(line)}</text>`);
    }
    out.push('</g></g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
