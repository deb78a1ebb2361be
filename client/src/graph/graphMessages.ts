/**
 * The graph view's messages, both ways, and the check of what its webview may send. Pure: no vscode.
 *
 * As with the Run panel, whatever the webview posts is untrusted: a message is accepted only with exactly the
 * expected shape, naming a node of the graph shown now, and the result is a fresh object of the checked fields.
 */
import type { GraphResult } from '../../../server/src/protocol';
import type { PanelStepStatus, RunView } from '../runner/runState';
import type { StepActions } from '../runner/lenses';
import { isPlainObject, own } from '../runner/panelMessages';

export type GraphAction =
  | { type: 'ready' }
  | { type: 'reveal'; node: string }
  | { type: 'export-svg' }
  | { type: 'copy-mermaid' };

/** A node's run status as the graph shows it: the Run panel's status, duration, exit code and attempt. */
export interface NodeStatus {
  status: PanelStepStatus;
  durationMs?: number;
  exitCode?: number;
  attempt?: number;
}

/** What the extension posts: the graph to draw (with each step's menu actions), the node to select, run statuses. */
export type GraphMessage =
  | { type: 'graph'; graph: GraphResult; actions: Record<string, StepActions>; readOnly: boolean }
  | { type: 'select'; node: string }
  | { type: 'status'; run: { label: string; status: string } | null; statuses: Record<string, NodeStatus> };

/** The action a webview message asks for, or undefined when it is malformed or names no node of `graph`. */
export function parseGraphMessage(raw: unknown, graph: GraphResult | undefined): GraphAction | undefined {
  if (!isPlainObject(raw)) return undefined;
  const type = own(raw, 'type');
  if (type === 'ready' || type === 'export-svg' || type === 'copy-mermaid') return { type };
  if (type !== 'reveal') return undefined;
  const node = own(raw, 'node');
  if (typeof node !== 'string' || !graph?.nodes.some((n) => n.id === node)) return undefined;
  return { type: 'reveal', node };
}

/** The step nodes' statuses in a run (`s<index>`), as the Run panel shows them. */
export function nodeStatuses(view: RunView): Record<string, NodeStatus> {
  const out: Record<string, NodeStatus> = {};
  for (const s of view.steps) {
    const status: NodeStatus = { status: s.status };
    if (s.durationMs !== undefined) status.durationMs = s.durationMs;
    if (s.exitCode !== undefined) status.exitCode = s.exitCode;
    if (s.attempt !== undefined) status.attempt = s.attempt;
    out[`s${s.index}`] = status;
  }
  return out;
}

/** The node the editor's cursor is in: the step whose whole extent holds the line, else the node whose text does. */
export function nodeAtLine(graph: GraphResult, line: number): string | undefined {
  const inside = (r: { start: { line: number }; end: { line: number } } | undefined): boolean => !!r && r.start.line <= line && line <= r.end.line;
  const field = graph.nodes.find((n) => (n.kind === 'validation' || n.kind === 'rollback') && inside(n.range));
  if (field) return field.id;
  // A step's extent can end where the next one starts: the step that starts latest wins.
  let best: GraphResult['nodes'][number] | undefined;
  for (const n of graph.nodes) if (n.kind === 'step' && inside(n.extent) && (!best || n.extent!.start.line >= best.extent!.start.line)) best = n;
  return best?.id;
}
