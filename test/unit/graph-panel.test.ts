/**
 * The graph view's pure parts and its webview script: message checks, the steps' menu actions (trust respected),
 * run statuses, the node at the cursor; media/graphPanel.js run in a jsdom window with the page's own shell: it
 * draws the server's graph as text-only SVG, clicks and keys post and select, a redraw keeps zoom and selection,
 * statuses show, and each step node carries the context its menu passes to the run commands.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { createWorkflowService } from '../../server/src/service';
import { loadBashParser, loadedBashParser } from '../../server/src/shell/bashParser';
import { graphResult } from '../../server/src/lsp/graphResult';
import { stepsResult } from '../../server/src/run/steps';
import type { GraphResult } from '../../server/src/protocol';
import { nodeAtLine, nodeStatuses, parseGraphMessage } from '../../client/src/graph/graphMessages';
import { graphLens, graphStepActions } from '../../client/src/runner/lenses';
import { panelHtml } from '../../client/src/runner/panelHtml';
import { viewFromRecords } from '../../client/src/runner/runState';
import { runEnd, runHeader, startRecord, stepEnd, stepRef, stepStart } from './support/run-records';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = readFileSync(join(ROOT, 'media', 'graphPanel.js'), 'utf8');

function documentGraph(path: string, text = readFileSync(join(ROOT, path), 'utf8'), version = 1): { graph: GraphResult; text: string; uri: string } {
  const uri = `file:///ws/${path}`;
  // The service of the editor and the CLI, with the bash grammar once it is loaded (a risky mark comes from it).
  const service = createWorkflowService({ cacheSize: 1, shellParser: loadedBashParser });
  const doc = { uri, version, getText: () => text };
  return { graph: graphResult(uri, service.parse(doc), service.getDiagnostics(doc), version, undefined), text, uri };
}

function stepsOf(path: string, text = readFileSync(join(ROOT, path), 'utf8')) {
  const uri = `file:///ws/${path}`;
  return stepsResult(uri, parseWorkflow(uri, 1, text, {}), 1);
}

describe('graph view: messages and actions', () => {
  const { graph } = documentGraph('examples/workflows/nightly-report.workflow.yaml');

  it('accepts only well-formed messages naming a node of the graph shown', () => {
    assert.deepEqual(parseGraphMessage({ type: 'reveal', node: 's2' }, graph), { type: 'reveal', node: 's2' });
    assert.deepEqual(parseGraphMessage({ type: 'copy-mermaid', extra: 1 }, graph), { type: 'copy-mermaid' });
    assert.deepEqual(parseGraphMessage({ type: 'export-svg' }, graph), { type: 'export-svg' });
    assert.deepEqual(parseGraphMessage({ type: 'ready' }, undefined), { type: 'ready' });
    for (const bad of [null, [], 'reveal', { type: 'reveal', node: 's99' }, { type: 'reveal', node: 2 }, { type: 'run', node: 's0' }, Object.create({ type: 'ready' }), JSON.parse('{"__proto__": {"type": "ready"}}')]) {
      assert.equal(parseGraphMessage(bad, graph), undefined, JSON.stringify(bad));
    }
    assert.equal(parseGraphMessage({ type: 'reveal', node: 's0' }, undefined), undefined);
  });

  it('offers the lenses\' actions per step, only the dry run when untrusted, nothing where runs are not offered', () => {
    const steps = stepsOf('examples/docs/workflows/deploy.md');
    const trusted = graphStepActions(steps, true);
    assert.deepEqual(trusted[0], { runStep: true, markDone: false, dryRun: true, runFrom: true });
    assert.deepEqual(trusted[2], { runStep: false, markDone: true, dryRun: true, runFrom: true });
    assert.deepEqual(graphStepActions(steps, false)[0], { runStep: false, markDone: false, dryRun: true, runFrom: false });
    const readme = stepsResult('file:///ws/README.md', parseWorkflow('file:///ws/README.md', 1, '# Tool\n\n## Install\n\n```bash\nnpm i\n```\n', {}), 1);
    assert.ok(graphStepActions(readme, true).every((a) => !a.runStep && !a.dryRun && !a.runFrom && !a.markDone));
    assert.deepEqual(graphLens(steps).map((l) => [l.line, l.command, l.arguments]), [[0, 'wfs.showGraph', [steps.uri]]]);
  });

  it('selects the node of the step (or the field) the cursor is in', () => {
    const { graph: g, text } = documentGraph('examples/docs/workflows/deploy.md');
    const lines = text.split('\n');
    const title = lines.findIndex((l) => l.includes('Install and test'));
    assert.equal(nodeAtLine(g, title), 's1');
    assert.equal(nodeAtLine(g, title + 1), 's1');
    const validation = lines.findIndex((l, i) => i > title && l.startsWith('**Validation**'));
    assert.equal(nodeAtLine(g, validation), 'v1');
    assert.equal(nodeAtLine(g, 0), undefined);
  });

  it('maps a run\'s steps to their nodes with status, duration and exit code', () => {
    const header = runHeader({}, [stepRef(0, 'Build', 4), stepRef(1, 'Test', 9)]);
    const view = viewFromRecords([startRecord(header), stepStart(0, 1), stepEnd(0, 2, 'passed', { durationMs: 1200 }), stepStart(1, 3), stepEnd(1, 4, 'failed', { exitCode: 3, durationMs: 40 }), runEnd(5, 'failed', 5)], true);
    assert.deepEqual(nodeStatuses(view), { s0: { status: 'passed', durationMs: 1200, exitCode: 0, attempt: 1 }, s1: { status: 'failed', durationMs: 40, exitCode: 3, attempt: 1 } });
  });
});

/** The page as VS Code would load it, with the script run in it and the messages it posts collected. */
function loadPage(savedState?: unknown) {
  const html = panelHtml({ cspSource: 'vscode-resource:', nonce: 'bm9uY2U=', scriptUri: 'graphPanel.js', styleUri: 'graphPanel.css', title: 'Graph' });
  const dom = new JSDOM(html.replace(/<script[^>]*><\/script>/, ''), { runScripts: 'outside-only', pretendToBeVisual: true });
  const posted: unknown[] = [];
  let state = savedState;
  const w = dom.window as unknown as Record<string, unknown>;
  w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))), getState: () => state, setState: (s: unknown) => void (state = s) });
  dom.window.eval(SCRIPT);
  const send = (data: unknown): void => void dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data }));
  return { dom, doc: dom.window.document, posted, send, state: () => state };
}

describe('graph view: the webview script', () => {
  const hostile = ['# Ops', '', '## Steps', '', '### 1. Stop <img src=x onerror=alert(1)>', '', '```bash', 'systemctl stop app', '```', '', '**Rollback**: `systemctl start app`', '', '### 2. Clean', '', '```bash', 'rm -rf /tmp/x', '```', ''].join('\n');
  let graph: GraphResult;
  before(async () => {
    await loadBashParser();
    graph = documentGraph('docs/workflows/ops.md', hostile).graph;
  });
  const actions = { s0: { runStep: true, markDone: false, dryRun: true, runFrom: true }, s1: { runStep: false, markDone: false, dryRun: true, runFrom: false } };

  it('draws every node and edge as SVG with labels as text, flags and marks as classes, and asks for the graph', () => {
    const page = loadPage();
    assert.deepEqual(page.posted, [{ type: 'ready' }]);
    page.send({ type: 'graph', graph, actions, readOnly: false });
    const nodes = [...page.doc.querySelectorAll('g.node')];
    assert.deepEqual(nodes.map((n) => n.getAttribute('data-node')), graph.nodes.map((n) => n.id));
    assert.equal(page.doc.querySelectorAll('g.edge').length, graph.edges.length);
    assert.equal(page.doc.querySelectorAll('img').length, 0);
    assert.ok([...page.doc.querySelectorAll('text')].some((t) => t.textContent === '1. Stop <img src=x'), 'the title stays text');
    assert.ok(page.doc.querySelector('g[data-node="s1"]')!.classList.contains('mark-risky'));
    assert.ok(page.doc.querySelector('g.edge.dashed[data-kind="rollback"]'));
    assert.equal(page.doc.getElementById('root')!.getAttribute('aria-busy'), 'false');
    const context = JSON.parse(page.doc.querySelector('g[data-node="s0"]')!.getAttribute('data-vscode-context')!);
    assert.deepEqual(context, { webviewSection: 'wfsGraphStep', preventDefaultContextMenuItems: true, wfsUri: graph.uri, wfsStep: 0, wfsRunStep: true, wfsMarkDone: false, wfsDryRun: true, wfsRunFrom: true });
    assert.equal(JSON.parse(page.doc.querySelector('g[data-node="s1"]')!.getAttribute('data-vscode-context')!).wfsRunStep, false);
  });

  it('draws a label too long for its fixed box cut with …, whole in the tooltip and aria-label, cut further where measured too wide', () => {
    const title = 'Rebuild every search index of the production cluster from the nightly snapshot';
    const yaml = ['steps:', `  - name: "${title}"`, '    type: decision', '    conditions:', '      approved_by_the_release_manager: "done"', '      reject: "done"', '  - name: "done"', '    type: action', '    config:', '      run: "true"', ''].join('\n');
    const long = documentGraph('wf/long.workflow.yaml', yaml).graph;
    const page = loadPage();
    page.send({ type: 'graph', graph: long, actions: {}, readOnly: false });
    const node = page.doc.querySelector('g[data-node="s0"]')!;
    assert.deepEqual([...node.querySelectorAll('.node-label')].map((t) => t.textContent), ['1. Rebuild every search index of', 'the production cluster from the…']);
    assert.equal(node.querySelector('title')!.textContent, `1. ${title}`);
    assert.ok(node.getAttribute('aria-label')!.startsWith(`1. ${title}`));
    const edge = [...page.doc.querySelectorAll('g.edge')].find((g) => g.querySelector('.edge-label')?.textContent?.startsWith('approved'))!;
    assert.equal(edge.querySelector('.edge-label')!.textContent, 'approved_by_t…');
    assert.equal(edge.querySelector('title')!.textContent, 'approved_by_the_release_manager / reject');
    // In a font whose glyphs are wider than the server's estimate, the page cuts a line again, to what it measures.
    const wide = loadPage();
    const proto = (wide.dom.window as unknown as { SVGElement: { prototype: Record<string, unknown> } }).SVGElement.prototype;
    proto.getComputedTextLength = function (this: { textContent: string }): number {
      return this.textContent.length * 10;
    };
    wide.send({ type: 'graph', graph: long, actions: {}, readOnly: false });
    const box = long.layout.nodes.find((n) => n.id === 's0')!;
    const lines = [...wide.doc.querySelectorAll('g[data-node="s0"] .node-label')].map((t) => t.textContent!);
    for (const line of lines) assert.ok(line.length * 10 <= box.width - 12 && line.endsWith('…'), line);
  });

  it('offers no run action in a past run\'s graph', () => {
    const page = loadPage();
    page.send({ type: 'graph', graph, actions, readOnly: true });
    const context = JSON.parse(page.doc.querySelector('g[data-node="s0"]')!.getAttribute('data-vscode-context')!);
    assert.equal(context.wfsRunStep || context.wfsDryRun || context.wfsRunFrom || context.wfsMarkDone, false);
  });

  it('posts reveal on a click and Enter, moves the selection with the arrow keys, and zooms with + and -', () => {
    const page = loadPage();
    page.send({ type: 'graph', graph, actions, readOnly: false });
    const root = page.doc.getElementById('root')!;
    page.doc.querySelector('g[data-node="s0"]')!.dispatchEvent(new page.dom.window.MouseEvent('click', { bubbles: true }));
    assert.deepEqual(page.posted.at(-1), { type: 'reveal', node: 's0' });
    assert.equal(root.dataset.selected, 's0');
    const stage = page.doc.querySelector('.stage')!;
    const key = (k: string): void => void stage.dispatchEvent(new page.dom.window.KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowDown');
    const below = root.dataset.selected!;
    const y = (id: string): number => graph.layout.nodes.find((n) => n.id === id)!.y;
    assert.ok(below !== 's0' && y(below) > y('s0'), `${below} is below s0`);
    key('Enter');
    assert.deepEqual(page.posted.at(-1), { type: 'reveal', node: below });
    key('ArrowUp');
    assert.ok(y(root.dataset.selected!) < y(below), `${root.dataset.selected} is above ${below}`);
    const zoom = Number(stage.getAttribute('data-zoom'));
    key('+');
    assert.ok(Number(stage.getAttribute('data-zoom')) > zoom);
    key('-');
    key('-');
    assert.ok(Number(stage.getAttribute('data-zoom')) < zoom);
  });

  it('keeps zoom and selection across a redraw and a reload, and selects the node the editor asks for', () => {
    const page = loadPage();
    page.send({ type: 'graph', graph, actions, readOnly: false });
    page.send({ type: 'select', node: 's1' });
    const stage = page.doc.querySelector('.stage')!;
    stage.dispatchEvent(new page.dom.window.KeyboardEvent('keydown', { key: '+', bubbles: true }));
    const zoom = stage.getAttribute('data-zoom');
    const transform = page.doc.querySelector('svg.graph > g')!.getAttribute('transform');
    const edited = documentGraph('docs/workflows/ops.md', hostile.replace('### 2. Clean', '### 2. Clean up'), 2).graph;
    page.send({ type: 'graph', graph: edited, actions, readOnly: false });
    assert.equal(stage.getAttribute('data-zoom'), zoom);
    assert.equal(page.doc.querySelector('svg.graph > g')!.getAttribute('transform'), transform);
    assert.ok(page.doc.querySelector('g[data-node="s1"]')!.classList.contains('selected'));
    assert.ok([...page.doc.querySelectorAll('text')].some((t) => t.textContent === '2. Clean up'));
    // A reloaded webview draws from its saved state before the extension answers `ready`.
    const reloaded = loadPage(page.state());
    assert.ok(reloaded.doc.querySelector('g[data-node="s1"].selected'));
    assert.equal(reloaded.doc.querySelector('.stage')!.getAttribute('data-zoom'), zoom);
  });

  it('opens a 200-step graph at a readable size from its top, and Fit shows it whole', () => {
    const steps = Array.from({ length: 200 }, (_, i) => `### ${i + 1}. Step number ${i + 1}\n\n\`\`\`bash\necho ${i}\n\`\`\`\n`);
    const big = documentGraph('docs/workflows/big.md', ['# Big', '', '## Steps', '', ...steps].join('\n')).graph;
    assert.equal(big.nodes.length, 202);
    const page = loadPage();
    page.send({ type: 'graph', graph: big, actions: {}, readOnly: false });
    const stage = page.doc.querySelector('.stage')!;
    assert.ok(Number(stage.getAttribute('data-zoom')) >= 0.6, `readable: ${stage.getAttribute('data-zoom')}`);
    assert.match(page.doc.querySelector('svg.graph > g')!.getAttribute('transform')!, /^translate\([-\d.]+ 8\) /);
    stage.dispatchEvent(new page.dom.window.KeyboardEvent('keydown', { key: '0', bubbles: true }));
    assert.ok(Number(stage.getAttribute('data-zoom')) < 0.1, `whole: ${stage.getAttribute('data-zoom')}`);
  });

  it('shows run statuses with duration and exit code', () => {
    const page = loadPage();
    page.send({ type: 'graph', graph, actions, readOnly: false });
    page.send({ type: 'status', run: { label: 'Run 1', status: 'failed' }, statuses: { s0: { status: 'passed', durationMs: 1200, exitCode: 0 }, s1: { status: 'failed', durationMs: 40, exitCode: 3 } } });
    assert.equal(page.doc.querySelector('g[data-node="s0"]')!.getAttribute('data-status'), 'passed');
    assert.equal(page.doc.querySelector('g[data-node="s1"]')!.getAttribute('data-status'), 'failed');
    assert.equal(page.doc.querySelector('g[data-node="s0"] .node-status')!.textContent, '\u2713 passed \u00B7 1.2 s \u00B7 exit 0');
    assert.equal(page.doc.querySelector('g[data-node="s1"] .node-status')!.textContent, '\u2717 failed \u00B7 40 ms \u00B7 exit 3');
    assert.equal(page.doc.getElementById('root')!.dataset.runStatus, 'failed');
  });

  it('posts the toolbar\'s Export as SVG and Copy as Mermaid', () => {
    const page = loadPage();
    page.send({ type: 'graph', graph, actions, readOnly: false });
    const buttons = [...page.doc.querySelectorAll('button')];
    buttons.find((b) => b.textContent === 'Export as SVG')!.click();
    buttons.find((b) => b.textContent === 'Copy as Mermaid')!.click();
    assert.deepEqual(page.posted.slice(-2), [{ type: 'export-svg' }, { type: 'copy-mermaid' }]);
  });
});
