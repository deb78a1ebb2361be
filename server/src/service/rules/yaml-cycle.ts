import type { Rule } from './types';
import type { Step } from '../model';
import { buildRouteGraph, stepKey } from '../parse/yamlDefinition';
import type { RouteEdge, RouteGraph } from '../parse/yamlDefinition';

export const rule: Rule = {
  id: 'yaml.cycle',
  description: 'Routes between steps form a cycle that no loop step controls, or dependencies form a cycle.',
  defaultSeverity: 'error',
  formats: ['yaml-definition'],
  docs: `Reports a cycle of routes between steps (see \`yaml.unreachable-step\` for how steps connect) that does not
pass through a step of \`type: loop\`, and any cycle of \`dependsOn\`. The diagnostic sits on the route that
closes the cycle (a route back to an earlier step, or to the step itself), and the message spells the cycle
out, e.g. \`Cycle: deploy → verify → deploy\`. Steps that reach each other by several routes are one group
with one diagnostic, on the first route back; the message says how many other routes close a cycle among them.

A repetition that no loop step controls has no exit condition and no iteration limit: when the step that
routes back keeps failing, the run never ends. A dependency cycle can never start at all. Make the repetition
explicit with a \`loop\` step, or route the failure to a step that handles it.

### Fails

\`\`\`yaml
steps:
  - name: deploy
  - name: verify
    conditions:
      failure: deploy
\`\`\`

### Passes

\`\`\`yaml
steps:
  - name: deploy
    type: loop
    config:
      max_iterations: 3
  - name: verify
    conditions:
      failure: deploy
\`\`\`

### Disable

\`"yaml.cycle": "off"\` in the rule settings, or \`# wfs-disable-next-line yaml.cycle\` on the line before the
route that closes the cycle.
`,
  check({ model }, report) {
    const steps = model.steps;
    if (steps.length === 0) return;
    const graph = buildRouteGraph(steps);
    const found = graph.dag ? dependencyCycles(graph) : routeCycles(steps, graph);
    for (const { edge, path, others } of found) {
      const names = path.map((i) => stepKey(steps[i]));
      const condition = edge.condition;
      if (!condition) continue;
      const what = graph.dag ? (others === 1 ? 'dependency closes' : 'dependencies close') : others === 1 ? 'route closes' : 'routes close';
      const more = others > 0 ? ` (${others} more ${what} a cycle among these steps)` : '';
      report({
        message: graph.dag
          ? `Dependency cycle: ${names.join(' → ')}; none of these steps can start${more}.`
          : `Cycle: ${names.join(' → ')}; no step of type "loop" controls it${more}.`,
        start: condition.start,
        end: condition.end,
        data: { cycle: names },
      });
    }
  },
};

/** One per strongly connected component: reporting every route back, each with its own path, took 26 s for 20,000 steps. */
interface FoundCycle {
  edge: RouteEdge;
  /** Step indexes from the edge's target round to it again. */
  path: number[];
  /** How many other routes close a cycle among the same steps. */
  others: number;
}

/** Strongly connected components (Tarjan, iterative: a long chain of steps must not overflow the stack). */
function components(graph: RouteGraph): Int32Array {
  const n = graph.edges.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const v = frame[0];
      const edges = graph.edges[v];
      if (frame[1] < edges.length) {
        const w = edges[frame[1]++].to;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === order[v]) {
        for (;;) {
          const w = stack.pop() as number;
          onStack[w] = 0;
          component[w] = components;
          if (w === v) break;
        }
        components++;
      }
    }
  }
  return component;
}

/** The shortest path from `from` to `to` inside one component (breadth-first), both ends included. */
function pathWithin(graph: RouteGraph, component: Int32Array, from: number, to: number): number[] {
  if (from === to) return [from];
  const previous = new Map<number, number>([[from, from]]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const edge of graph.edges[v]) {
      if (component[edge.to] !== component[from] || previous.has(edge.to)) continue;
      previous.set(edge.to, v);
      if (edge.to === to) {
        const path = [to];
        for (let p = v; p !== from; p = previous.get(p) as number) path.push(p);
        path.push(from);
        return path.reverse();
      }
      queue.push(edge.to);
    }
  }
  return [from, to];
}

/**
 * Route cycles: each route back to an earlier step (or to itself) inside a cycle closes that cycle, as
 * falling through only ever goes forward. Cycles through a `loop` step are intended repetition.
 */
function routeCycles(steps: readonly Step[], graph: RouteGraph): FoundCycle[] {
  const component = components(graph);
  const size = new Map<number, number>();
  const hasLoop = new Set<number>();
  for (let i = 0; i < steps.length; i++) {
    size.set(component[i], (size.get(component[i]) ?? 0) + 1);
    if (steps[i].yaml?.type?.toLowerCase() === 'loop') hasLoop.add(component[i]);
  }
  // The first route back of each component (in document order) is reported; the others are counted.
  const first = new Map<number, { edge: RouteEdge; from: number; others: number }>();
  for (let u = 0; u < steps.length; u++) {
    for (const edge of graph.edges[u]) {
      const v = edge.to;
      if (!edge.condition || v > u || component[v] !== component[u] || hasLoop.has(component[u])) continue;
      if (v !== u && (size.get(component[u]) ?? 0) < 2) continue;
      const seen = first.get(component[u]);
      if (seen) seen.others++;
      else first.set(component[u], { edge, from: u, others: 0 });
    }
  }
  return [...first.values()].map(({ edge, from, others }) => ({ edge, path: [...pathWithin(graph, component, edge.to, from), edge.to], others }));
}

/**
 * Dependency cycles: back edges of a depth-first search in document order, the first of each strongly connected
 * component reported with its path and the others counted.
 */
function dependencyCycles(graph: RouteGraph): FoundCycle[] {
  const n = graph.edges.length;
  const component = components(graph);
  const state = new Uint8Array(n); // 0 new, 1 on the current path, 2 done
  const depth = new Int32Array(n);
  const found = new Map<number, FoundCycle>();
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    const path: number[] = [root];
    const next: number[] = [0];
    state[root] = 1;
    while (path.length > 0) {
      const v = path[path.length - 1];
      const edges = graph.edges[v];
      if (next[next.length - 1] < edges.length) {
        const edge = edges[next[next.length - 1]++];
        if (state[edge.to] === 1) {
          const seen = found.get(component[v]);
          if (seen) seen.others++;
          else found.set(component[v], { edge, path: [...path.slice(depth[edge.to]), edge.to], others: 0 });
        } else if (state[edge.to] === 0) {
          depth[edge.to] = path.length;
          state[edge.to] = 1;
          path.push(edge.to);
          next.push(0);
        }
        continue;
      }
      state[v] = 2;
      path.pop();
      next.pop();
    }
  }
  return [...found.values()];
}
