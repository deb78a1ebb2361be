/**
 * The workflow graph (server/src/service/graph/model.ts): nodes and labelled edges from the resolved steps, and
 * the rules' findings drawn on them, for the examples, every fixture and every corpus document.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workflowSteps, type StepsData } from '../../server/src/service/features/steps';
import { stepLabel } from '../../server/src/service/stepKind';
import { documentGraph, GRAPH_RULES, workflowGraph, type WorkflowGraph } from '../../server/src/service/graph';
import type { WorkflowDiagnostic } from '../../server/src/service/rules/types';
import { workflowFiles } from './support/fixtures';
import { CORPUS, sharedMissing } from './support/shared';
import { createWorkflowService } from '../../server/src/service';
import { loadBashParser, loadedBashParser } from '../../server/src/shell/bashParser';

const ROOT = join(__dirname, '..', '..');

// The bash grammar reads the commands, as in the editor and the CLI: a risky mark comes from it.
before(async () => {
  await loadBashParser();
});
const service = createWorkflowService({ cacheSize: 1, shellParser: loadedBashParser });

function graphOf(path: string, text = readFileSync(path, 'utf8')): { graph: WorkflowGraph; steps: StepsData; diagnostics: WorkflowDiagnostic[] } {
  const doc = { uri: `file://${path}`, version: 1, getText: () => text };
  const model = service.parse(doc);
  const diagnostics = service.getDiagnostics(doc);
  return { graph: documentGraph(model, diagnostics), steps: workflowSteps(model), diagnostics };
}

/** Edges as `from -label-> to`, with `dashed`, `back` and the codes of their flags. */
function edgeLines(graph: WorkflowGraph): string[] {
  return graph.edges.map((e) => `${e.from} -${e.label}${e.dashed ? ' dashed' : ''}${e.back ? ' back' : ''}-> ${e.to}${e.flags.map((f) => ` !${f.code}`).join('')}`);
}

function node(graph: WorkflowGraph, id: string): WorkflowGraph['nodes'][number] {
  const found = graph.nodes.find((n) => n.id === id);
  assert.ok(found, `no node ${id}`);
  return found;
}

/**
 * What every graph must hold: unique nodes, edges between them, one node per step with its label, every route the
 * runner follows as an edge, and every finding of the graph rules drawn somewhere with its message.
 */
function checkGraph(name: string, { graph, steps, diagnostics }: ReturnType<typeof graphOf>): void {
  const ids = new Set(graph.nodes.map((n) => n.id));
  assert.equal(ids.size, graph.nodes.length, `${name}: node ids are unique`);
  for (const e of graph.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `${name}: edge ${e.from} -> ${e.to} joins nodes`);
  for (const s of steps.steps) assert.equal(node(graph, `s${s.index}`).label, stepLabel(s), `${name}: step ${s.index}`);
  const from = (i: number): string[] => [`s${i}`, `j${i}`];
  for (const s of steps.steps) {
    for (const route of [s.routes?.success, s.routes?.failure, ...(s.branches ?? [])]) {
      if (route?.index === null || route === undefined) continue;
      assert.ok(graph.edges.some((e) => from(s.index).includes(e.from) && e.to === `s${route.index}`), `${name}: route of step ${s.index} to ${route.to}`);
    }
  }
  const flags = [...graph.nodes, ...graph.edges].flatMap((x) => x.flags.map((f) => `${f.code}: ${f.message}`));
  for (const d of diagnostics.filter((d) => GRAPH_RULES.has(d.code))) assert.ok(flags.includes(`${d.code}: ${d.message}`), `${name}: ${d.code} "${d.message}" is drawn`);
  for (const f of flags) assert.ok(diagnostics.some((d) => `${d.code}: ${d.message}` === f), `${name}: flag ${f} comes from a diagnostic`);
}

describe('workflow graph: YAML definitions', () => {
  it('draws the nightly report: success and failure routes, a decision, the unknown target, the cycle and the unreachable step', () => {
    const { graph } = graphOf(join(ROOT, 'examples/workflows/nightly-report.workflow.yaml'));
    assert.equal(graph.shape, 'routes');
    assert.deepEqual(edgeLines(graph), [
      'start --> s0',
      's0 -success-> s1',
      's0 -failure-> unknown:notify_oncall !yaml.unknown-target',
      's1 -success-> s2',
      's1 -failure back-> s0 !yaml.cycle',
      's2 -success-> s3',
      's2 -failure back-> s1',
      's3 -success-> end',
      's4 --> end',
    ]);
    assert.equal(node(graph, 's2').stepKind, 'decision');
    assert.equal(graph.edges.find((e) => e.from === 's2')?.kind, 'branch');
    assert.deepEqual(node(graph, 's4').flags.map((f) => f.message), ['Step "archive" is unreachable: no route from the first step leads to it.']);
    assert.deepEqual(node(graph, 'unknown:notify_oncall').flags.map((f) => f.message), ['No step named "notify_oncall" (conditions.failure of step "collect").']);
    assert.match(graph.edges[4].flags[0].message, /^Cycle: collect → summarise → collect; no step of type "loop" controls it/);
  });

  it('fans a parallel step out to its branches and in to a join, where its routes start', () => {
    const { graph } = graphOf(join(ROOT, 'examples/workflows/ci-checks.workflow.yaml'));
    assert.deepEqual(edgeLines(graph), [
      'start --> s0',
      's0 -success-> s1',
      's0 -failure-> s3',
      's1 --> b1.0',
      's1 --> b1.1',
      'b1.0 --> j1',
      'b1.1 --> j1',
      'j1 -success-> s2',
      'j1 -failure-> s3',
      's2 -success-> s3',
      's2 -failure-> s3',
      's3 --> end',
    ]);
    assert.deepEqual(['b1.0', 'b1.1'].map((id) => node(graph, id).label), ['npm run typecheck', 'npm run lint']);
    assert.deepEqual(graph.edges.filter((e) => e.from === 's1').map((e) => e.kind), ['fan-out', 'fan-out']);
  });

  it('draws a dependency graph from each dependency to its dependents (fan-out and fan-in)', () => {
    const { graph } = graphOf(join(ROOT, 'test/fixtures/yaml/research-fan-out.workflow.yaml'));
    assert.equal(graph.shape, 'dependencies');
    assert.deepEqual(edgeLines(graph), ['start --> s0', 's0 --> s1', 's0 --> s2', 's0 --> s3', 's1 --> s4', 's2 --> s4', 's3 --> s4', 's4 --> s5', 's5 --> end']);
  });

  it('labels decision branches, other condition keys, end words and loops; marks risky and manual steps', () => {
    const text = [
      'steps:',
      '  - name: build',
      '    run: make',
      '    conditions:',
      '      success: gate',
      '      timeout: notify',
      '  - name: gate',
      '    type: decision',
      '    conditions:',
      '      approve: retry_loop',
      '      reject: notify',
      '      hold: notify',
      '  - name: retry_loop',
      '    type: loop',
      '    run: ./poll.sh',
      '  - name: wipe',
      '    run: rm -rf build/',
      '    conditions:',
      '      success: end',
      '      failure: retry_loop',
      '  - name: notify',
      '    manual: true',
      '    description: Tell the team',
      '    on_success: abort',
      '',
    ].join('\n');
    const { graph } = graphOf('/virtual/loop.workflow.yaml', text);
    assert.deepEqual(edgeLines(graph), [
      'start --> s0',
      's0 -success-> s1',
      's0 -timeout-> s4',
      's1 -approve-> s2',
      's1 -reject / hold-> s4',
      's2 --> s3',
      's3 -success-> end',
      's3 -failure back-> s2',
      's4 -on_success-> end:abort',
    ]);
    // The loop step controls the cycle: the route back is drawn, and no finding is.
    assert.deepEqual(graph.edges[7].flags, []);
    assert.deepEqual(node(graph, 's3').marks, ['risky']);
    assert.deepEqual(node(graph, 's4').marks, ['manual']);
    assert.equal(node(graph, 's2').stepKind, 'loop');
  });
});

describe('workflow graph: Markdown runbooks', () => {
  it('marks a step risky by the bash grammar: a destructive command, not its words quoted in another command', async () => {
    const bash = await loadBashParser();
    const text = [
      '# Clean up', '', '## Steps', '',
      '### 1. Say it', '', '```bash', 'echo "kubectl delete ns prod comes next"', '```', '',
      '### 2. Delete it', '', '```bash', 'kubectl -n prod delete ns prod', '```', '',
    ].join('\n');
    const service = createWorkflowService({ shellParser: bash });
    const doc = { uri: 'file:///virtual/clean.md', version: 1, getText: () => text };
    const graph = documentGraph(service.parse(doc), service.getDiagnostics(doc));
    assert.deepEqual(node(graph, 's0').marks, []);
    assert.deepEqual(node(graph, 's1').marks, ['risky']);
  });

  it('draws steps in order through their validation, rollbacks dashed and chained in reverse order, manual steps marked', () => {
    const { graph } = graphOf(join(ROOT, 'examples/docs/workflows/deploy.md'));
    assert.equal(graph.shape, 'sequence');
    assert.deepEqual(edgeLines(graph), [
      'start --> s0',
      's0 -validate-> v0',
      's0 -on failure dashed-> r0',
      'v0 --> s1',
      's1 -validate-> v1',
      's1 -on failure dashed-> r1',
      'r1 -then dashed back-> r0',
      'v1 --> s2',
      's2 -validate-> v2',
      's2 -on failure dashed-> r2',
      'r2 -then dashed back-> r1',
      'v2 --> end',
    ]);
    assert.deepEqual(node(graph, 's2').marks, ['manual']);
    assert.match(node(graph, 'v1').label, /^Validation: `npm test` exits with code 0/);
    assert.match(node(graph, 'r2').label, /^Rollback: Restore the previous build/);
  });

  it('marks a step that needs an approval and a step the runner refuses', () => {
    const text = ['---', 'risk: high', '---', '# Rotate', '', '## Steps', '', '1. Stop', '', '   ```bash', '   systemctl stop app', '   ```', '', '2. Clean', '', '   ```powershell', '   Remove-Item x', '   ```', ''].join('\n');
    const { graph } = graphOf('/virtual/rotate.md', text);
    // `systemctl stop` is in the destructive-command table: the runner asks for it whatever the risk level.
    assert.deepEqual(node(graph, 's0').marks, ['approval', 'risky']);
    assert.ok(node(graph, 's1').marks.includes('refused'));
    assert.deepEqual(edgeLines(graph), ['start --> s0', 's0 --> s1', 's1 --> end']);
  });

  it('draws a document without steps as Start to End', () => {
    const graph = workflowGraph({ format: 'plain', steps: [] });
    assert.deepEqual(edgeLines(graph), ['start --> end']);
  });
});

describe('workflow graph: every document', () => {
  it('holds for every example and every fixture', (t) => {
    let count = 0;
    for (const [dir, sub] of [[ROOT, 'examples'], [ROOT, 'test/fixtures']] as const) {
      for (const file of workflowFiles(dir, sub)) {
        checkGraph(file, graphOf(join(dir, file)));
        count++;
      }
    }
    t.diagnostic(`${count} documents`);
    assert.ok(count > 90);
  });

  it('holds for every document of ../shared/corpus', { skip: sharedMissing }, (t) => {
    const files = workflowFiles(CORPUS).filter((f) => !/^(?:LABELING|SOURCES)\b/.test(f));
    let yaml = 0;
    for (const file of files) {
      const g = graphOf(join(CORPUS, file));
      checkGraph(file, g);
      if (g.graph.shape !== 'sequence') yaml++;
    }
    t.diagnostic(`${files.length} documents, ${yaml} YAML definitions`);
    assert.ok(yaml >= 5);
  });
});
