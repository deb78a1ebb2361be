/**
 * The graph's outputs: the dagre layout, the Mermaid flowchart (parsed by the `mermaid` package itself, in a jsdom
 * window, for every example, fixture and corpus document, and hostile labels read back as written), the standalone
 * SVG (well-formed, escaped), and `wfs graph`.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { runRules } from '../../server/src/service/engine';
import { documentGraph, workflowGraph, type WorkflowGraph } from '../../server/src/service/graph';
import { EDGE_LABEL_WIDTH, layoutGraph, layoutsComputed, nodeSize, wrapLabel } from '../../server/src/service/graph/layout';
import { graphToMermaid } from '../../server/src/service/graph/mermaid';
import { graphToSvg } from '../../server/src/service/graph/svg';
import { runCli, type CliIo } from '../../server/src/cli/main';
import type { StepData } from '../../server/src/service/features/steps';
import { workflowFiles } from './support/fixtures';
import { CORPUS, sharedMissing } from './support/shared';

const ROOT = join(__dirname, '..', '..');
const NEVER = { isCancellationRequested: false };
const quiet = { log: () => undefined };

function graphOf(path: string): WorkflowGraph {
  const model = parseWorkflow(`file://${path}`, 1, readFileSync(path, 'utf8'), {});
  return documentGraph(model, runRules(model, {}, NEVER, quiet));
}

const dom = new JSDOM('<!doctype html><html><body></body></html>');
interface MermaidDiagram {
  db: { getVertices(): Map<string, { text?: string }>; getEdges(): { text?: string }[] };
}
let mermaid: { parse(text: string): Promise<unknown>; mermaidAPI: { getDiagramFromText(text: string): Promise<MermaidDiagram> } };

before(async () => {
  // Mermaid sanitises labels with DOMPurify, which needs a window: jsdom's, as the package's own tests use.
  const g = globalThis as Record<string, unknown>;
  g.window = dom.window;
  g.document = dom.window.document;
  // An ES module only: imported where it is used, from these CommonJS tests.
  mermaid = (await import('mermaid')).default as unknown as typeof mermaid;
});

/** What a label reads once rendered: Mermaid's entity placeholders made HTML entities, decoded by the DOM. */
function rendered(text: string): string {
  const html = text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const area = dom.window.document.createElement('textarea');
  area.innerHTML = html;
  return area.value;
}

function step(index: number, title: string, extra: Partial<StepData> = {}): StepData {
  return { index, title, start: 0, end: 0, titleStart: 0, titleEnd: 0, source: 'heading', kind: 'command', placeholders: [], commands: [], ...extra };
}

const HOSTILE = ['He said "stop" #1 <script>alert(1)</script>', 'a | b `code` & c; end', 'end', 'x"]; click n0 call evil()\n%%{init: {}}%%', 'subgraph'];

function hostileGraph(): WorkflowGraph {
  return workflowGraph({ format: 'plain', steps: HOSTILE.map((t, i) => step(i, t, { rollback: { text: `undo "${i}" <b>`, start: 0, end: 0, commands: [] } })) });
}

describe('graph layout', () => {
  it('places every node inside the drawing without overlaps, and routes every edge', () => {
    const graph = graphOf(join(ROOT, 'examples/workflows/nightly-report.workflow.yaml'));
    const layout = layoutGraph(graph);
    assert.deepEqual(layout.nodes.map((n) => n.id), graph.nodes.map((n) => n.id));
    for (const n of layout.nodes) assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= layout.width && n.y + n.height <= layout.height, n.id);
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${a.id} and ${b.id} overlap`);
      }
    }
    for (const e of layout.edges) assert.ok(e.points.length >= 2, e.id);
    const labelled = graph.edges.filter((e) => e.label !== '').map((e) => e.id);
    assert.deepEqual(layout.edges.filter((e) => e.label).map((e) => e.id), labelled);
    // Steps keep their order top to bottom, routes back or not.
    const y = (id: string): number => layout.nodes.find((n) => n.id === id)!.y;
    assert.ok(y('s0') < y('s1') && y('s1') < y('s2') && y('s2') < y('s3'));
  });

  it('lays out again only when the structure changed: a rename or a command edit reuses the layout', () => {
    const text = readFileSync(join(ROOT, 'examples/workflows/ci-checks.workflow.yaml'), 'utf8');
    const graphFor = (t: string, version: number): WorkflowGraph => {
      const model = parseWorkflow('file:///ws/ci.workflow.yaml', version, t, {});
      return documentGraph(model, runRules(model, {}, NEVER, quiet));
    };
    const first = layoutGraph(graphFor(text, 1));
    const computed = layoutsComputed();
    // A command of a plain step changed: nothing laid out again, the same geometry.
    const edited = layoutGraph(graphFor(text.replace('git status --short', 'git status'), 2));
    assert.equal(layoutsComputed(), computed);
    assert.deepEqual(edited, first);
    // A step renamed (and its routes with it): the same geometry, with the new label in its box.
    const renamed = layoutGraph(graphFor(text.replaceAll('"report"', '"final report of every check run tonight"'), 3));
    assert.equal(layoutsComputed(), computed);
    assert.deepEqual(renamed.nodes.map(({ lines, ...box }) => box), first.nodes.map(({ lines, ...box }) => box));
    assert.deepEqual(renamed.edges, first.edges);
    assert.ok(renamed.nodes.some((n) => n.lines.join(' ') === '4. final report of every check run tonight'), JSON.stringify(renamed.nodes.map((n) => n.lines)));
    // A step removed changes the structure: laid out again.
    const fewer = layoutGraph(graphFor(text.replace(/\n {2}- name: "report"[\s\S]*$/, '\n'), 4));
    assert.equal(layoutsComputed(), computed + 1);
    assert.notDeepEqual(fewer.nodes.map((n) => n.id), first.nodes.map((n) => n.id));
  });

  it('gives each kind of node a fixed size and edge labels a fixed width, whatever their text', () => {
    const graph = workflowGraph({ format: 'plain', steps: [step(0, 'A'), step(1, 'A much longer title for the second step of this runbook, which will not fit')] });
    const layout = layoutGraph(graph);
    const steps = layout.nodes.filter((n, i) => graph.nodes[i].kind === 'step');
    assert.equal(steps.length, 2);
    for (const box of steps) assert.deepEqual({ width: box.width, height: box.height }, nodeSize('step'));
    assert.deepEqual(steps[1].lines, ['A much longer title for the second', 'step of this runbook, which will…']);
    const decision = layoutGraph(graphOf(join(ROOT, 'examples/workflows/nightly-report.workflow.yaml')));
    const labelled = decision.edges.filter((e) => e.label);
    assert.ok(labelled.length > 0);
    for (const e of labelled) assert.equal(e.label!.width, EDGE_LABEL_WIDTH);
  });

  it('wraps long labels into two lines and cuts the rest', () => {
    assert.deepEqual(wrapLabel('Deploy'), ['Deploy']);
    assert.deepEqual(wrapLabel('Build and publish the release candidate to the staging cluster in every region of the world'), [
      'Build and publish the release',
      'candidate to the staging cluster…',
    ]);
  });
});

describe('graph as Mermaid', () => {
  it('parses with mermaid for every example and fixture', async (t) => {
    let count = 0;
    for (const [dir, sub] of [[ROOT, 'examples'], [ROOT, 'test/fixtures']] as const) {
      for (const file of workflowFiles(dir, sub)) {
        await assert.doesNotReject(mermaid.parse(graphToMermaid(graphOf(join(dir, file)))), file);
        count++;
      }
    }
    t.diagnostic(`${count} flowcharts parsed`);
  });

  it('parses with mermaid for every document of ../shared/corpus', { skip: sharedMissing }, async () => {
    for (const file of workflowFiles(CORPUS).filter((f) => !/^(?:LABELING|SOURCES)\b/.test(f))) {
      await assert.doesNotReject(mermaid.parse(graphToMermaid(graphOf(join(CORPUS, file)))), file);
    }
  });

  it('draws the nightly report with its shapes, dashed rollbacks and error colours', () => {
    const text = graphToMermaid(graphOf(join(ROOT, 'examples/workflows/nightly-report.workflow.yaml')));
    assert.match(text, /^flowchart TD\n {2}n0\(\["Start"\]\)\n/);
    assert.match(text, /\n {2}n3\{"3\. review"\}\n/);
    assert.match(text, /\n {2}n1 -->\|"failure"\| n6\n/);
    assert.match(text, /\n {2}class n6 flagged\n/);
    assert.match(text, /\n {2}class n5 warned\n/);
    const runbook = graphToMermaid(graphOf(join(ROOT, 'examples/docs/workflows/deploy.md')));
    assert.match(runbook, / -\.->\|"on failure"\| /);
    assert.match(runbook, / -\.->\|"then"\| /);
  });

  it('keeps hostile labels as text: they parse, and read back exactly as written', async () => {
    const text = graphToMermaid(hostileGraph());
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const labels = [...diagram.db.getVertices().values()].map((v) => rendered(v.text ?? ''));
    for (const h of HOSTILE) assert.ok(labels.some((l) => l.endsWith(h.replace(/\n/g, ' '))), `${h} read back: ${labels.join(' / ')}`);
    assert.ok(labels.includes('Rollback: undo "2" <b>'));
    assert.ok(!/click|%%\{/.test(text.replace(/"[^"\n]*"/g, '')), 'nothing outside the quoted labels comes from a label');
    assert.ok(!text.includes('%%'), 'no directive can open');
  });
});

describe('graph as SVG', () => {
  it('is well-formed, escapes every label and holds no script', () => {
    const graph = hostileGraph();
    const svg = graphToSvg(graph, layoutGraph(graph));
    const doc = new dom.window.DOMParser().parseFromString(svg, 'image/svg+xml');
    assert.equal(doc.getElementsByTagName('parsererror').length, 0);
    assert.equal(doc.getElementsByTagName('script').length, 0);
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent);
    const layout = layoutGraph(graph);
    for (const box of layout.nodes) for (const line of box.lines) assert.ok(texts.includes(line), `${line} in ${texts.join(' / ')}`);
    assert.ok(texts.includes('He said "stop" #1 <script>alert(1)'), texts.join(' / '));
  });

  it('shows a label too long for its box cut with …, whole in the tooltip, and clips the text to the box', () => {
    const long = 'Rebuild every search index of the production cluster from the nightly snapshot';
    const graph = workflowGraph({ format: 'plain', steps: [step(0, long)] });
    const layout = layoutGraph(graph);
    const doc = new dom.window.DOMParser().parseFromString(graphToSvg(graph, layout), 'image/svg+xml');
    const node = [...doc.getElementsByTagName('g')].find((g) => g.getAttribute('class') === 'node node-step')!;
    const texts = [...node.getElementsByTagName('text')].map((t) => t.textContent ?? '');
    assert.deepEqual(texts, ['Rebuild every search index of the', 'production cluster from the…']);
    assert.equal(node.getElementsByTagName('title')[0].textContent, long);
    const clip = node.getElementsByTagName('clipPath')[0];
    const box = layout.nodes.find((n) => n.id === 's0')!;
    assert.ok(Number(clip.firstElementChild!.getAttribute('width')) <= box.width);
    assert.equal(node.querySelector('g[clip-path]')!.getElementsByTagName('text').length, 2);
  });

  it('gives flagged nodes their findings as tooltips', () => {
    const graph = graphOf(join(ROOT, 'examples/workflows/nightly-report.workflow.yaml'));
    const doc = new dom.window.DOMParser().parseFromString(graphToSvg(graph, layoutGraph(graph)), 'image/svg+xml');
    const titles = [...doc.getElementsByTagName('title')].map((t) => t.textContent);
    assert.ok(titles.includes('yaml.unreachable-step: Step "archive" is unreachable: no route from the first step leads to it.'), titles.join(' / '));
  });
});

describe('wfs graph', () => {
  const io = (out: string[], err: string[]): CliIo => ({ cwd: ROOT, env: {}, stdoutIsTTY: false, stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });

  it('prints the Mermaid flowchart and writes the SVG with -o', () => {
    const out: string[] = [];
    const err: string[] = [];
    const file = 'examples/workflows/ci-checks.workflow.yaml';
    assert.equal(runCli(['graph', file], io(out, err)), 0);
    assert.equal(out.join(''), graphToMermaid(graphOf(join(ROOT, file))));
    const dir = mkdtempSync(join(tmpdir(), 'wfs-graph-'));
    try {
      const target = join(dir, 'out', 'ci.svg');
      assert.equal(runCli(['graph', '--format', 'svg', '-o', target, file], io([], err)), 0);
      const graph = graphOf(join(ROOT, file));
      assert.equal(readFileSync(target, 'utf8'), graphToSvg(graph, layoutGraph(graph)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(err, []);
  });

  it('refuses an unknown format, a missing file argument and an unreadable file with exit 2', () => {
    for (const [args, message] of [
      [['graph', '--format', 'png', 'examples/workflows/ci-checks.workflow.yaml'], /unknown graph format "png"/],
      [['graph'], /needs a workflow file/],
      [['graph', 'no/such/file.md'], /cannot read no\/such\/file\.md/],
    ] as const) {
      const err: string[] = [];
      assert.equal(runCli([...args], io([], err)), 2);
      assert.match(err.join(''), message);
    }
  });
});
