/**
 * A workflow as a graph: nodes and labelled edges built from the steps the service resolves for the runners
 * (features/steps.ts: kinds, routes as indices, decision branches, validation, rollback, approvals), and flags
 * from the rules' own findings (an unreachable step, a route to no step, a cycle no loop controls). Pure: the
 * webview, `wfs graph` and the exports draw this and derive nothing about steps or routes themselves.
 *
 * Markdown runbooks are sequences: each step leads to the next, through its validation when it has one; rollbacks
 * hang off their steps with dashed edges and chain in reverse order, as the runner rolls back. YAML definitions
 * follow their routes: success (or falling through to the next step), failure, a decision's branches, other
 * condition keys, parallel branches fanning out and in, and `dependsOn` edges for dependency graphs.
 */
import type { Severity } from '../options';
import type { WorkflowDiagnostic } from '../rules/types';
import type { RouteData, StepData, StepsData } from '../features/steps';
import { FAILURE_ROUTE_KEYS, stepLabel, SUCCESS_ROUTE_KEYS, type StepKind } from '../stepKind';
import { stepIndex } from '../parse/yamlDefinition';

export type GraphNodeKind = 'start' | 'end' | 'step' | 'validation' | 'rollback' | 'branch' | 'join' | 'unknown';

export type GraphEdgeKind = 'next' | 'success' | 'failure' | 'branch' | 'route' | 'dependency' | 'validation' | 'rollback' | 'fan-out' | 'fan-in';

/** A rule's finding drawn on a node or an edge: its id, severity and message, as the Problems view shows them. */
export interface GraphFlag {
  code: string;
  severity: Severity;
  message: string;
}

export interface GraphNode {
  /** Stable within one document: `s3` the fourth step, `v3` its validation, `r3` its rollback, `b3.1`, `j3`, `start`, `end`. */
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** The step the node belongs to (its validation, rollback, branches and join included). */
  step?: number;
  stepKind?: StepKind;
  /** Marks drawn on a step: a person's step, one that needs an approval, a risky command, one the runner refuses. */
  marks: ('manual' | 'approval' | 'risky' | 'refused')[];
  /** Where the node's text is in the document (offsets): the step's title, the field, the route's target. */
  start?: number;
  end?: number;
  /** A step node's whole step (offsets): the editor's cursor anywhere in it selects the node. */
  extentStart?: number;
  extentEnd?: number;
  flags: GraphFlag[];
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  kind: GraphEdgeKind;
  /** The route's key as written (`success`, `on_failure`, `approve`), '' for plain sequence edges. */
  label: string;
  dashed: boolean;
  /** The edge goes back to an earlier step (a loop or a cycle). */
  back: boolean;
  /** The condition that makes the edge (offsets), when there is one. */
  start?: number;
  end?: number;
  flags: GraphFlag[];
}

export interface WorkflowGraph {
  title?: string;
  format: StepsData['format'];
  /** How the edges read: a sequence of steps, routes between steps, or dependencies. */
  shape: 'sequence' | 'routes' | 'dependencies';
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The rules whose findings the graph draws. */
export const GRAPH_RULES: ReadonlySet<string> = new Set(['yaml.unreachable-step', 'yaml.unknown-target', 'yaml.cycle']);

const LABEL_MAX = 60;

function shorten(text: string): string {
  const line = text.split('\n', 1)[0].trim();
  return line.length > LABEL_MAX ? `${line.slice(0, LABEL_MAX - 1)}…` : line;
}

class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly byId = new Map<string, GraphNode>();
  /** Findings by their exact span, `start:end`. */
  private readonly findings = new Map<string, WorkflowDiagnostic[]>();

  constructor(diagnostics: readonly WorkflowDiagnostic[]) {
    for (const d of diagnostics) {
      if (!GRAPH_RULES.has(d.code)) continue;
      const key = `${d.start}:${d.end}`;
      const list = this.findings.get(key);
      if (list) list.push(d);
      else this.findings.set(key, [d]);
    }
  }

  /** The findings of `code` reported exactly on [start, end). */
  flagsAt(start: number | undefined, end: number | undefined, code: string): GraphFlag[] {
    if (start === undefined || end === undefined) return [];
    return (this.findings.get(`${start}:${end}`) ?? []).filter((d) => d.code === code).map((d) => ({ code: d.code, severity: d.severity, message: d.message }));
  }

  get(id: string): GraphNode | undefined {
    return this.byId.get(id);
  }

  node(node: Omit<GraphNode, 'marks' | 'flags'> & Partial<Pick<GraphNode, 'marks' | 'flags'>>): GraphNode {
    const existing = this.byId.get(node.id);
    if (existing) return existing;
    const full: GraphNode = { marks: [], flags: [], ...node };
    this.byId.set(full.id, full);
    this.nodes.push(full);
    return full;
  }

  edge(edge: Omit<GraphEdge, 'id' | 'dashed' | 'back' | 'flags'> & Partial<Pick<GraphEdge, 'dashed' | 'back' | 'flags'>>): GraphEdge {
    const full: GraphEdge = { id: `e${this.edges.length}`, dashed: false, back: false, flags: [], ...edge };
    this.edges.push(full);
    return full;
  }
}

function stepNodeId(index: number): string {
  return `s${index}`;
}

function marksOf(step: StepData): GraphNode['marks'] {
  const marks: GraphNode['marks'] = [];
  if (step.kind === 'manual') marks.push('manual');
  if (step.approval) marks.push('approval');
  // A command that changes state by the destructive-command table, as the bash grammar reads it: what the runner
  // asks an approval for (the user's own risky patterns are the editor's setting, not the document's).
  if (step.commands.some((c) => c.runnable && (c.destructive?.length ?? 0) > 0)) marks.push('risky');
  if (step.refusal) marks.push('refused');
  return marks;
}

function addStepNode(g: GraphBuilder, step: StepData): GraphNode {
  return g.node({
    id: stepNodeId(step.index),
    kind: 'step',
    label: stepLabel(step),
    step: step.index,
    stepKind: step.kind,
    marks: marksOf(step),
    start: step.titleStart,
    end: step.titleEnd,
    extentStart: step.start,
    extentEnd: step.end,
    flags: g.flagsAt(step.titleStart, step.titleEnd, 'yaml.unreachable-step'),
  });
}

function fieldLabel(what: string, field: NonNullable<StepData['validation']>): string {
  const first = field.commands.find((c) => c.code.trim() !== '')?.code ?? field.text;
  const text = shorten(first);
  return text ? `${what}: ${text}` : what;
}

/**
 * The graph of a workflow's resolved steps. `diagnostics` are the document's diagnostics (any, in offsets): the
 * findings of GRAPH_RULES are drawn on the nodes and edges they were reported on.
 */
export function workflowGraph(workflow: StepsData, diagnostics: readonly WorkflowDiagnostic[] = []): WorkflowGraph {
  const g = new GraphBuilder(diagnostics);
  const steps = workflow.steps;
  const yaml = steps.length > 0 && steps.every((s) => s.yaml !== undefined);
  const dependencies = yaml && steps.some((s) => s.yaml?.conditions.some((c) => c.kind === 'dependsOn'));
  const shape: WorkflowGraph['shape'] = !yaml ? 'sequence' : dependencies ? 'dependencies' : 'routes';
  g.node({ id: 'start', kind: 'start', label: 'Start' });
  for (const step of steps) addStepNode(g, step);
  if (shape === 'sequence') sequenceEdges(g, steps);
  else if (shape === 'dependencies') dependencyEdges(g, steps);
  else routeEdges(g, steps);
  if (shape !== 'sequence') for (const step of steps) attachRollback(g, step);
  const graph: WorkflowGraph = { format: workflow.format, shape, nodes: g.nodes, edges: g.edges };
  if (workflow.title) graph.title = workflow.title;
  return graph;
}

function endNode(g: GraphBuilder): GraphNode {
  return g.node({ id: 'end', kind: 'end', label: 'End' });
}

/** A runbook: each step to the next through its validation; rollbacks dashed, chained in reverse order. */
function sequenceEdges(g: GraphBuilder, steps: readonly StepData[]): void {
  let previous = 'start';
  let lastRollback: string | undefined;
  for (const step of steps) {
    g.edge({ from: previous, to: stepNodeId(step.index), kind: 'next', label: '' });
    previous = stepNodeId(step.index);
    if (step.validation) {
      const v = g.node({ id: `v${step.index}`, kind: 'validation', label: fieldLabel('Validation', step.validation), step: step.index, start: step.validation.start, end: step.validation.end });
      g.edge({ from: previous, to: v.id, kind: 'validation', label: 'validate' });
      previous = v.id;
    }
    if (step.rollback) {
      const r = g.node({ id: `r${step.index}`, kind: 'rollback', label: fieldLabel('Rollback', step.rollback), step: step.index, start: step.rollback.start, end: step.rollback.end });
      g.edge({ from: stepNodeId(step.index), to: r.id, kind: 'rollback', label: 'on failure', dashed: true });
      // The runner rolls back the completed steps in reverse order: each rollback leads to the one before it.
      if (lastRollback) g.edge({ from: r.id, to: lastRollback, kind: 'rollback', label: 'then', dashed: true, back: true });
      lastRollback = r.id;
    }
  }
  g.edge({ from: previous, to: endNode(g).id, kind: 'next', label: '' });
}

/** A YAML step's rollback (it has no chain: routes decide what runs after a failure). */
function attachRollback(g: GraphBuilder, step: StepData): void {
  if (!step.rollback) return;
  const r = g.node({ id: `r${step.index}`, kind: 'rollback', label: fieldLabel('Rollback', step.rollback), step: step.index, start: step.rollback.start, end: step.rollback.end });
  g.edge({ from: stepNodeId(step.index), to: r.id, kind: 'rollback', label: 'on failure', dashed: true });
}

type Condition = NonNullable<StepData['yaml']>['conditions'][number];

/**
 * Where a route leads that names no step: the end of the run, a keyword the runner stops at (`abort` on success),
 * or a name no step has, drawn in the error colours with yaml.unknown-target's message when the rule found it.
 */
function targetNode(g: GraphBuilder, route: RouteData, condition: Condition | undefined): GraphNode {
  if (route.index !== null) return g.get(stepNodeId(route.index)) as GraphNode;
  const flags = g.flagsAt(condition?.start, condition?.end, 'yaml.unknown-target');
  if (flags.length > 0) return g.node({ id: `unknown:${route.to}`, kind: 'unknown', label: route.to, flags, start: condition?.start, end: condition?.end });
  if (route.to === 'end') return endNode(g);
  return g.node({ id: `end:${route.to}`, kind: 'end', label: route.to });
}

/** An edge for a route; `conditions` are the keys that make it (a decision's branch may have several). */
function routeEdge(g: GraphBuilder, from: string, fromIndex: number, route: RouteData, kind: GraphEdgeKind, conditions: readonly Condition[], label: string): void {
  const condition = conditions[0];
  const to = targetNode(g, route, condition);
  const flags = conditions.flatMap((c) => [...g.flagsAt(c.start, c.end, 'yaml.unknown-target'), ...g.flagsAt(c.start, c.end, 'yaml.cycle')]);
  const edge: Parameters<GraphBuilder['edge']>[0] = { from, to: to.id, kind, label, back: route.index !== null && route.index <= fromIndex, flags };
  if (condition) {
    edge.start = condition.start;
    edge.end = condition.end;
  }
  g.edge(edge);
}

/** A parallel step's branches fan out from it and in to a join, where its routes start. */
function parallelBranches(g: GraphBuilder, step: StepData): string {
  if (step.kind !== 'parallel' || step.commands.length < 2) return stepNodeId(step.index);
  const join = `j${step.index}`;
  for (const [k, c] of step.commands.entries()) {
    const b = g.node({ id: `b${step.index}.${k}`, kind: 'branch', label: shorten(c.code) || `branch ${k + 1}`, step: step.index, start: c.start, end: c.end });
    g.edge({ from: stepNodeId(step.index), to: b.id, kind: 'fan-out', label: '' });
  }
  g.node({ id: join, kind: 'join', label: 'join', step: step.index });
  for (const k of step.commands.keys()) g.edge({ from: `b${step.index}.${k}`, to: join, kind: 'fan-in', label: '' });
  return join;
}

/** YAML routes, as resolved for the runner (routes and branches as indices), and every other condition key. */
function routeEdges(g: GraphBuilder, steps: readonly StepData[]): void {
  const index = stepIndex(steps);
  g.edge({ from: 'start', to: stepNodeId(0), kind: 'next', label: '' });
  for (const step of steps) {
    const from = parallelBranches(g, step);
    const conditions = step.yaml?.conditions ?? [];
    const used = new Set<Condition>();
    if (step.kind === 'decision' && step.branches && step.branches.length > 0) {
      // A decision goes only where its branches lead: every condition is one of them.
      for (const branch of step.branches) {
        const matching = conditions.filter((c) => c.target === branch.to);
        routeEdge(g, from, step.index, branch, 'branch', matching, matching.map((c) => c.kind).join(' / '));
      }
      continue;
    }
    const success = conditions.find((c) => SUCCESS_ROUTE_KEYS.has(c.kind));
    if (success) used.add(success);
    if (step.routes?.success) routeEdge(g, from, step.index, step.routes.success, 'success', success ? [success] : [], success?.kind ?? 'success');
    else {
      // No success route (or a keyword meaning "next"): the runner goes on with the next step, or ends.
      const next: RouteData = step.index + 1 < steps.length ? { to: '', index: step.index + 1 } : { to: 'end', index: null };
      routeEdge(g, from, step.index, next, 'next', [], '');
    }
    const failure = conditions.find((c) => FAILURE_ROUTE_KEYS.has(c.kind)) ?? conditions.find((c) => c.kind === 'fallback');
    if (failure) used.add(failure);
    if (step.routes?.failure) routeEdge(g, from, step.index, step.routes.failure, 'failure', failure ? [failure] : [], failure?.kind ?? 'failure');
    else if (failure) {
      // A failure keyword (`fail`, `retry`, `rollback`): default failure handling, unless the rule found no such step.
      const flags = g.flagsAt(failure.start, failure.end, 'yaml.unknown-target');
      if (flags.length > 0) routeEdge(g, from, step.index, { to: failure.target, index: null }, 'failure', [failure], failure.kind);
    }
    // Other keys under `conditions` (`timeout: notify`) are routes too, when they lead to a step or to no step.
    for (const c of conditions) {
      if (used.has(c) || c.kind === 'dependsOn') continue;
      const target = index.get(c.target);
      if (target !== undefined) routeEdge(g, from, step.index, { to: c.target, index: target }, 'route', [c], c.kind);
      else if (g.flagsAt(c.start, c.end, 'yaml.unknown-target').length > 0) routeEdge(g, from, step.index, { to: c.target, index: null }, 'route', [c], c.kind);
    }
  }
}

/** A dependency graph: each step after the steps it depends on; steps without dependencies start, unused ones end. */
function dependencyEdges(g: GraphBuilder, steps: readonly StepData[]): void {
  const index = stepIndex(steps);
  const hasDependents = new Set<number>();
  for (const step of steps) {
    const from = stepNodeId(step.index);
    let depends = false;
    for (const c of step.yaml?.conditions ?? []) {
      if (c.kind !== 'dependsOn') continue;
      const target = index.get(c.target);
      const flags = g.flagsAt(c.start, c.end, 'yaml.unknown-target');
      if (target !== undefined) {
        depends = true;
        hasDependents.add(target);
        // The finding stays on the edge even where the runner finds the step (a Buildkite `key` the rule does not read).
        const edgeFlags = [...flags, ...g.flagsAt(c.start, c.end, 'yaml.cycle')];
        g.edge({ from: stepNodeId(target), to: from, kind: 'dependency', label: '', start: c.start, end: c.end, flags: edgeFlags, back: target >= step.index });
        continue;
      }
      if (flags.length === 0) continue;
      depends = true;
      const unknown = g.node({ id: `unknown:${c.target}`, kind: 'unknown', label: c.target, flags, start: c.start, end: c.end });
      g.edge({ from: unknown.id, to: from, kind: 'dependency', label: '', start: c.start, end: c.end, flags });
    }
    if (!depends) g.edge({ from: 'start', to: from, kind: 'next', label: '' });
  }
  for (const step of steps) if (!hasDependents.has(step.index)) g.edge({ from: stepNodeId(step.index), to: endNode(g).id, kind: 'next', label: '' });
}
