/**
 * Document symbols, workspace symbols and folding ranges of the pure service, with exact ranges.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { createWorkflowService } from '../../server/src/service';
import type { SymbolNode, WorkflowModel, WorkspaceView } from '../../server/src/service';
import { subsequenceMatch } from '../../server/src/service/features/symbols';

const service = createWorkflowService();

const MARKDOWN = [
  '---', // 0
  'title: Deploy', // 1
  '---', // 2
  '', // 3
  '# Deploy', // 4
  '', // 5
  '<!-- owner notes', // 6
  'span two lines -->', // 7
  '', // 8
  '## Steps', // 9
  '', // 10
  '### 1. Build (Automated)', // 11
  '**Actor**: System', // 12
  '**Duration**: ~2 minutes', // 13
  '', // 14
  '```bash', // 15
  'make build', // 16
  '```', // 17
  '', // 18
  '### 2. Ship (Manual)', // 19
  '**Actor**: Release manager', // 20
  '', // 21
  'Ship it.', // 22
  '', // 23
  '## Rollback', // 24
  '', // 25
  'Undo.', // 26
  '',
].join('\n');

const YAML = [
  'metadata:',
  '  name: "Nightly report"',
  'steps:',
  '  - name: collect',
  '    type: action',
  '    run: make collect',
  '    conditions:',
  '      success: "send"',
  '  - name: send',
  '    type: notification',
  '    run: make send',
  '',
].join('\n');

const doc = (uri: string, text: string) => ({ uri, version: 1, getText: () => text });

/** The offset of the `n`th occurrence (0-based) of `needle`. */
function at(text: string, needle: string, n = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${n} not found`);
  }
  return i;
}

/** The outline as nested tuples: name, kind, detail, range text, selection text. */
function outline(text: string, nodes: SymbolNode[]): unknown[] {
  return nodes.map((n) => [n.name, n.kind, n.detail, [n.start, n.end], text.slice(n.selectionStart, n.selectionEnd), outline(text, n.children)]);
}

function memoryWorkspace(models: WorkflowModel[]): WorkspaceView {
  const byUri = new Map(models.map((m) => [m.uri, m]));
  return { uris: () => [...byUri.keys()], model: (uri) => byUri.get(uri) };
}

describe('document symbols', () => {
  it('nests sections by heading level and shows steps as steps with mode, actor and duration', () => {
    const symbols = service.getDocumentSymbols(doc('file:///w/deploy.md', MARKDOWN));
    const t = MARKDOWN;
    const h1 = at(t, '# Deploy');
    const steps = at(t, '## Steps');
    const build = at(t, '### 1. Build');
    const ship = at(t, '### 2. Ship');
    const rollback = at(t, '## Rollback');
    assert.deepEqual(outline(t, symbols), [
      ['Deploy', 'section', undefined, [h1, t.length], 'Deploy', [
        ['Steps', 'section', undefined, [steps, rollback], 'Steps', [
          ['1. Build', 'step', 'automated · System · ~2 minutes', [build, ship], 'Build', []],
          ['2. Ship', 'step', 'manual · Release manager', [ship, rollback], 'Ship', []],
        ]],
        ['Rollback', 'section', undefined, [rollback, t.length], 'Rollback', []],
      ]],
    ]);
  });

  it('puts list steps under the section that holds them, between its sub-sections in document order', () => {
    const t = '# Release\n\n## Steps\n\n1. **Tag** the commit\n2. **Publish** the package\n\n### Notes\n\nNone.\n';
    const model = parseWorkflow('file:///w/release.md', 1, t, {});
    assert.deepEqual(model.steps.map((s) => s.source), ['list', 'list']);
    const symbols = service.getDocumentSymbols(doc('file:///w/release.md', t));
    const [first, second] = model.steps;
    assert.deepEqual(outline(t, symbols), [
      ['Release', 'section', undefined, [0, t.length], 'Release', [
        ['Steps', 'section', undefined, [at(t, '## Steps'), t.length], 'Steps', [
          ['1. Tag', 'step', first.mode, [first.start, first.end], 'Tag', []],
          ['2. Publish', 'step', second.mode, [second.start, second.end], 'Publish', []],
          ['Notes', 'section', undefined, [at(t, '### Notes'), t.length], 'Notes', []],
        ]],
      ]],
    ]);
    assert.equal(t.slice(first.start, first.end).startsWith('1. **Tag**'), true);
  });

  it('shows a YAML definition as its workflow with its steps (detail: the type)', () => {
    const t = YAML;
    const symbols = service.getDocumentSymbols(doc('file:///w/nightly.workflow.yaml', t));
    assert.deepEqual(outline(t, symbols), [
      ['Nightly report', 'workflow', undefined, [0, t.length], '"Nightly report"', [
        ['collect', 'step', 'action', [at(t, 'name: collect'), at(t, '"send"') + '"send"'.length], 'collect', []],
        ['send', 'step', 'notification', [at(t, 'name: send'), t.length - 1], 'send', []],
      ]],
    ]);
  });

  it('gives an empty outline for an empty document', () => {
    assert.deepEqual(service.getDocumentSymbols(doc('file:///w/empty.md', '')), []);
    assert.deepEqual(service.getDocumentSymbols(doc('file:///w/empty.workflow.yaml', '')), []);
  });
});

describe('workspace symbols', () => {
  const deploy = parseWorkflow('file:///w/deploy.md', 1, MARKDOWN, {});
  const nightly = parseWorkflow('file:///w/nightly.workflow.yaml', 1, YAML, {});
  const workspace = memoryWorkspace([deploy, nightly]);

  it('lists every workflow and every step of the index', () => {
    const all = service.getWorkspaceSymbols('', workspace);
    assert.deepEqual(
      all.map((s) => [s.uri, s.name, s.kind, s.containerName, s.start, s.end]),
      [
        ['file:///w/deploy.md', 'Deploy', 'workflow', undefined, at(MARKDOWN, 'Deploy', 1), at(MARKDOWN, 'Deploy', 1) + 6],
        ['file:///w/deploy.md', '1. Build', 'step', 'Deploy', at(MARKDOWN, 'Build'), at(MARKDOWN, 'Build') + 5],
        ['file:///w/deploy.md', '2. Ship', 'step', 'Deploy', at(MARKDOWN, 'Ship'), at(MARKDOWN, 'Ship') + 4],
        ['file:///w/nightly.workflow.yaml', 'Nightly report', 'workflow', undefined, at(YAML, '"Nightly'), at(YAML, 'report"') + 7],
        ['file:///w/nightly.workflow.yaml', 'collect', 'step', 'Nightly report', at(YAML, 'collect'), at(YAML, 'collect') + 7],
        ['file:///w/nightly.workflow.yaml', 'send', 'step', 'Nightly report', at(YAML, 'send\n'), at(YAML, 'send\n') + 4],
      ],
    );
  });

  it('filters by a case-insensitive subsequence of the query', () => {
    assert.deepEqual(service.getWorkspaceSymbols('NTrep', workspace).map((s) => s.name), ['Nightly report']);
    assert.deepEqual(service.getWorkspaceSymbols('sd', workspace).map((s) => s.name), ['send']);
    assert.deepEqual(service.getWorkspaceSymbols('zzz', workspace), []);
    assert.equal(subsequenceMatch('bld', '1. Build'), true);
    assert.equal(subsequenceMatch('dlb', '1. Build'), false);
  });

  it('stops when the request is cancelled', () => {
    let asked = 0;
    const token = {
      get isCancellationRequested() {
        return ++asked > 2;
      },
    };
    assert.deepEqual(service.getWorkspaceSymbols('', workspace, token), []);
  });
});

describe('folding ranges', () => {
  it('folds front matter, sections (without trailing blank lines), fenced code and HTML comments', () => {
    const ranges = service.getFoldingRanges(doc('file:///w/deploy.md', MARKDOWN));
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 2 }, // front matter
      { startLine: 4, endLine: 26 }, // # Deploy
      { startLine: 6, endLine: 7, kind: 'comment' },
      { startLine: 9, endLine: 22 }, // ## Steps, up to "Ship it." before the blank line
      { startLine: 11, endLine: 17 }, // ### 1. Build
      { startLine: 15, endLine: 17 }, // ```bash ... ```
      { startLine: 19, endLine: 22 }, // ### 2. Ship
      { startLine: 24, endLine: 26 }, // ## Rollback
    ]);
  });

  it('folds ~~~ fences and setext headings, and nothing that fits on one line', () => {
    const t = 'Title\n=====\n\n~~~~sh\necho ~~~\n~~~~\n\n<!-- one line -->\n\nEnd\n';
    assert.deepEqual(service.getFoldingRanges(doc('file:///w/t.md', t)), [
      { startLine: 0, endLine: 9 },
      { startLine: 3, endLine: 5 },
    ]);
  });

  it('folds each step mapping of a YAML definition', () => {
    assert.deepEqual(service.getFoldingRanges(doc('file:///w/nightly.workflow.yaml', YAML)), [
      { startLine: 3, endLine: 7 },
      { startLine: 8, endLine: 10 },
    ]);
  });
});
