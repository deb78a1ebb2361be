/**
 * The graph's budgets (issue 15), on generated YAML definitions with every kind of route (success and failure
 * routes, decisions, parallel branches, a loop, routes back): the graph model of a 1,000-step definition
 * (< 20 ms), its dagre layout (< 300 ms), and an edit's redraw of a 200-step definition on the server's side
 * (parse, diagnostics, graph, layout and ranges of `workflow/graph`, < 100 ms). The webview's own drawing is not
 * in these figures (it needs a real webview). Bundled by bench/build.mjs to dist/graph-bench.js.
 *
 * Figures on the 2-core machine under load (README, "See a workflow as a graph"): model 13-20 ms; layout 135-235 ms
 * (200 steps) and 1,070-1,360 ms (1,000 steps: over budget; elkjs `layered` with cheap options and dagre's other
 * rankers were measured and none is under 300 ms); edit redraw 28-36 ms (a command) and 22-30 ms (a rename, which
 * reuses the layout since node sizes are fixed by kind; 149-197 ms before).
 */
import { createWorkflowService } from '../server/src/service';
import { documentGraph } from '../server/src/service/graph';
import { computeLayout } from '../server/src/service/graph/layout';
import { graphResult } from '../server/src/lsp/graphResult';
import { stats, table, type Stats } from './stats';

/** A definition of `n` steps: every 10th a decision, every 7th parallel, every 25th a loop with a route back to it. */
export function routedDefinition(n: number, tag = ''): string {
  const lines = ['metadata:', `  name: "Graph bench ${n}${tag}"`, 'steps:'];
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? `step-${i + 1}` : 'end';
    const later = `step-${Math.min(n - 1, i + 3)}`;
    lines.push(`  - name: "step-${i}"`);
    if (i % 10 === 5) {
      lines.push('    type: decision', '    conditions:', `      approve: "${next}"`, `      reject: "${later}"`);
      continue;
    }
    if (i % 7 === 3) {
      lines.push('    type: parallel', '    config:', '      branches:', `        - run: "make part-a-${i}"`, `        - run: "make part-b-${i}"`, `        - run: "make part-c-${i}"`);
    } else {
      lines.push(`    type: ${i % 25 === 0 ? 'loop' : 'action'}`, '    config:', `      run: "./step.sh ${i}"`);
    }
    const back = i % 25 === 24 ? `step-${i - 24}` : 'rollback';
    lines.push('    conditions:', `      success: "${next}"`, `      failure: "${back}"`);
  }
  return `${lines.join('\n')}\n`;
}

function time(fn: () => unknown, runs: number): Stats {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return stats(times);
}

function main(): void {
  const service = createWorkflowService({ cacheSize: 4 });
  const rows: string[][] = [];
  const checks: string[][] = [];
  const check = (name: string, s: Stats, limit: number): void => {
    checks.push([s.median <= limit ? 'PASS' : 'FAIL', name, s.median.toFixed(2), `< ${limit} ms`]);
  };

  const results = new Map<number, { model: Stats; layout: Stats }>();
  for (const n of [200, 1000]) {
    const text = routedDefinition(n);
    const doc = { uri: `file:///bench/graph-${n}.workflow.yaml`, version: 1, getText: () => text };
    const model = service.parse(doc);
    const diagnostics = service.getDiagnostics(doc);
    const graph = documentGraph(model, diagnostics);
    const m = time(() => documentGraph(model, diagnostics), 30);
    const l = time(() => computeLayout(graph), n > 500 ? 5 : 15);
    results.set(n, { model: m, layout: l });
    const input = `yaml ${n} steps (${graph.nodes.length} nodes, ${graph.edges.length} edges)`;
    rows.push([input, 'graph model (resolved steps + graph)', m.median.toFixed(2), m.p95.toFixed(2), String(m.runs)]);
    rows.push([input, 'dagre layout', l.median.toFixed(2), l.p95.toFixed(2), String(l.runs)]);
  }

  // Edits of a 200-step definition, a new version each time, so the parse, the rules and the graph all run: one
  // that changes a command and one that renames a step. Neither changes the graph's nodes and edges, and the layout
  // depends on nothing else (fixed node sizes), so both reuse the last layout.
  let version = 1;
  const base = routedDefinition(200);
  const editTimes = (change: (v: number) => string): Stats =>
    time(() => {
      version++;
      const text = change(version);
      const doc = { uri: 'file:///bench/edit-200.workflow.yaml', version, getText: () => text };
      return graphResult(doc.uri, service.parse(doc, {}), service.getDiagnostics(doc, {}), version, undefined);
    }, 20);
  const sameShape = editTimes((v) => base.replace('"./step.sh 1"', `"./step.sh 1 --v${v}"`));
  const renamed = editTimes((v) => base.replace('name: "step-1"', `name: "step-1-v${v}"`).replace('success: "step-1"', `success: "step-1-v${v}"`));
  const what = 'parse + diagnostics + graph + layout (workflow/graph)';
  rows.push(['yaml 200 steps, a command edited', what, sameShape.median.toFixed(2), sameShape.p95.toFixed(2), String(sameShape.runs)]);
  rows.push(['yaml 200 steps, a step renamed', what, renamed.median.toFixed(2), renamed.p95.toFixed(2), String(renamed.runs)]);

  console.log(table(['input', 'measure', 'median ms', 'p95 ms', 'runs'], rows));
  console.log('');
  check('graph model, 1,000 steps', results.get(1000)!.model, 20);
  check('layout, 1,000 steps', results.get(1000)!.layout, 300);
  check('layout, 200 steps', results.get(200)!.layout, 300);
  check('edit redraw (server side), 200 steps, same shape', sameShape, 100);
  check('edit redraw (server side), 200 steps, renamed step', renamed, 100);
  console.log(table(['result', 'budget', 'median ms', 'limit'], checks));
  if (checks.some((c) => c[0] === 'FAIL')) process.exitCode = 1;
}

main();
