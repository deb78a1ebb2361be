/**
 * A workflow graph as a Mermaid `flowchart` (what GitHub renders in a ```mermaid block). Node ids are generated
 * (`n0`, `n1`...): step names can be Mermaid keywords (`end`) or hold any character. Every label is quoted and
 * every character that Mermaid reads inside a quoted label (`"`, `#`, `<`, `>`, `&`, `|`, backticks, and `%`, which
 * could open a `%%{init}%%` directive anywhere in the text) is written as an entity code, so a label can neither
 * end its string, nor become markup or configuration.
 */
import type { GraphEdge, GraphNode, WorkflowGraph } from './model';

const ENTITIES: Record<string, string> = { '"': '#quot;', '#': '#35;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '|': '#124;', '`': '#96;', '%': '#37;' };

/** A label as a quoted Mermaid string: one line, entities for the characters Mermaid would read. */
export function mermaidString(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return `"${line.replace(/["#<>&|`%]/g, (c) => ENTITIES[c])}"`;
}

function shape(node: GraphNode, label: string): string {
  switch (node.kind) {
    case 'start':
    case 'end':
      return `([${label}])`;
    case 'join':
      return `((${label}))`;
    case 'unknown':
      return `[/${label}/]`;
    case 'validation':
    case 'rollback':
      return `[[${label}]]`;
    default:
      return node.stepKind === 'decision' ? `{${label}}` : `[${label}]`;
  }
}

function nodeText(node: GraphNode): string {
  const marks = node.marks.length > 0 ? ` (${node.marks.join(', ')})` : '';
  return `${node.label}${marks}`;
}

function arrow(edge: GraphEdge): string {
  const label = edge.label ? `|${mermaidString(edge.label)}|` : '';
  return `${edge.dashed ? '-.->' : '-->'}${label}`;
}

/** The flowchart text, top to bottom; flagged nodes and failure routes in error colours, manual steps dashed. */
export function graphToMermaid(graph: WorkflowGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const out = ['flowchart TD'];
  for (const node of graph.nodes) out.push(`  ${ids.get(node.id)}${shape(node, mermaidString(nodeText(node)))}`);
  for (const edge of graph.edges) out.push(`  ${ids.get(edge.from)} ${arrow(edge)} ${ids.get(edge.to)}`);
  const classes: [string, string, (n: GraphNode) => boolean][] = [
    ['flagged', 'stroke:#e51400,stroke-width:3px', (n) => n.flags.some((f) => f.severity === 'error') || n.kind === 'unknown'],
    ['warned', 'stroke:#bf8803,stroke-width:3px', (n) => n.flags.length > 0 && !n.flags.some((f) => f.severity === 'error')],
    ['manual', 'stroke-dasharray:5 3', (n) => n.marks.includes('manual')],
  ];
  for (const [name, style, test] of classes) {
    const members = graph.nodes.filter(test).map((n) => ids.get(n.id));
    if (members.length === 0) continue;
    out.push(`  classDef ${name} ${style}`);
    out.push(`  class ${members.join(',')} ${name}`);
  }
  const failures = graph.edges.flatMap((e, i) => (e.kind === 'failure' || e.flags.length > 0 ? [i] : []));
  if (failures.length > 0) out.push(`  linkStyle ${failures.join(',')} stroke:#e51400`);
  return `${out.join('\n')}\n`;
}
