/**
 * Document links, go to definition, find references and rename, for YAML step names and for related-workflow
 * names across documents of a small in-memory workspace. Edits are applied to the text and compared.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { createWorkflowService } from '../../server/src/service';
import type { LocationItem, RenameResult, TextEdit, WorkflowModel, WorkspaceView } from '../../server/src/service';

const service = createWorkflowService();
const options = {};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface MemoryDoc {
  uri: string;
  version: number;
  getText(): string;
}

const doc = (uri: string, text: string): MemoryDoc => ({ uri, version: 1, getText: () => text });

/** A workspace of in-memory documents: what the language server's index answers. */
function memoryWorkspace(docs: Record<string, string>): WorkspaceView & { text(uri: string): string } {
  const models = new Map<string, WorkflowModel>();
  for (const [uri, text] of Object.entries(docs)) models.set(uri, parseWorkflow(uri, 1, text, {}));
  return { uris: () => [...models.keys()], model: (uri) => models.get(uri), text: (uri) => docs[uri] };
}

/** The offset of the `n`th occurrence (0-based) of `needle`, plus `delta`. */
function at(text: string, needle: string, n = 0, delta = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${n} not found`);
  }
  return i + delta;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].end <= sorted[i - 1].start, 'edits overlap');
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

/** Each edited document's new text, by URI. */
function applyRename(result: RenameResult, textOf: (uri: string) => string): Record<string, string> {
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  const out: Record<string, string> = {};
  for (const { uri, edits } of result.edits) out[uri] = applyEdits(textOf(uri), edits);
  return out;
}

/** Locations as [uri, the text they cover, start]. */
function located(items: LocationItem[], textOf: (uri: string) => string): [string, string, number][] {
  return items.map((l) => [l.uri, textOf(l.uri).slice(l.start, l.end), l.start]);
}

// ---------------------------------------------------------------------------------------------
// YAML steps
// ---------------------------------------------------------------------------------------------

const PIPELINE_URI = 'file:///w/workflows/pipeline.workflow.yaml';
const PIPELINE = [
  'metadata:',
  '  name: "Pipeline"',
  'steps:',
  '  - name: "build"',
  '    run: make',
  '    conditions:',
  '      success: test',
  "      failure: 'notify'",
  '  - name: test',
  '    run: make test',
  '    on_success: "deploy"',
  '    fallback: build',
  '  - id: deploy',
  '    name: Deploy to staging',
  '    dependsOn: [build, "test"]',
  '    run: make deploy',
  '  - name: notify',
  '    run: echo failed',
  '    conditions:',
  '      success: end',
  '',
].join('\n');

describe('YAML steps: definition, references, rename', () => {
  const d = doc(PIPELINE_URI, PIPELINE);
  const text = (): string => PIPELINE;

  it('goes from a route target to the step name it names (inside the quotes)', () => {
    const target = at(PIPELINE, 'success: test', 0, 'success: '.length + 1);
    assert.deepEqual(located(service.getDefinition(d, options, target), text), [[PIPELINE_URI, 'test', at(PIPELINE, 'name: test', 0, 6)]]);
    // A quoted target, and a target that is the step's id (not its name).
    assert.deepEqual(located(service.getDefinition(d, options, at(PIPELINE, "'notify'", 0, 2)), text), [[PIPELINE_URI, 'notify', at(PIPELINE, 'name: notify', 0, 6)]]);
    assert.deepEqual(located(service.getDefinition(d, options, at(PIPELINE, '"deploy"', 0, 1)), text), [[PIPELINE_URI, 'deploy', at(PIPELINE, 'id: deploy', 0, 4)]]);
    // A keyword is not a step.
    assert.deepEqual(service.getDefinition(d, options, at(PIPELINE, 'success: end', 0, 10)), []);
  });

  it('finds every route that names a step, with or without its declaration', () => {
    const onName = at(PIPELINE, '"build"', 0, 3);
    assert.deepEqual(located(service.getReferences(d, options, onName, true), text), [
      [PIPELINE_URI, 'build', at(PIPELINE, '"build"', 0, 1)],
      [PIPELINE_URI, 'build', at(PIPELINE, 'fallback: build', 0, 10)],
      [PIPELINE_URI, 'build', at(PIPELINE, '[build', 0, 1)],
    ]);
    assert.deepEqual(
      located(service.getReferences(d, options, at(PIPELINE, '"test"', 0, 2), false), text),
      [
        [PIPELINE_URI, 'test', at(PIPELINE, 'success: test', 0, 9)],
        [PIPELINE_URI, 'test', at(PIPELINE, '"test"', 0, 1)],
      ],
    );
  });

  it('prepares a rename on a name or a target, inside the quotes, and nowhere else', () => {
    assert.deepEqual(service.prepareRename(d, options, at(PIPELINE, '"build"', 0, 1)), { start: at(PIPELINE, '"build"', 0, 1), end: at(PIPELINE, '"build"', 0, 6), placeholder: 'build' });
    assert.deepEqual(service.prepareRename(d, options, at(PIPELINE, "'notify'", 0, 8)), { start: at(PIPELINE, "'notify'", 0, 1), end: at(PIPELINE, "'notify'", 0, 7), placeholder: 'notify' });
    assert.equal(service.prepareRename(d, options, at(PIPELINE, 'run: make test', 0, 6)), undefined);
    assert.equal(service.prepareRename(d, options, at(PIPELINE, 'success: end', 0, 10)), undefined);
  });

  it('renames a step and every route to it, keeping each value quoted as it was', () => {
    const result = service.rename(d, options, at(PIPELINE, 'fallback: build', 0, 12), 'compile', memoryWorkspace({}));
    const renamed = applyRename(result, text);
    assert.deepEqual(Object.keys(renamed), [PIPELINE_URI]);
    assert.equal(renamed[PIPELINE_URI], PIPELINE.replace('"build"', '"compile"').replace('fallback: build', 'fallback: compile').replace('[build,', '[compile,'));
  });

  it('renames a target in single quotes and the step it names, and quotes a new name that needs it', () => {
    const renamed = applyRename(service.rename(d, options, at(PIPELINE, "'notify'", 0, 3), "page it's", memoryWorkspace({})), text);
    assert.equal(renamed[PIPELINE_URI], PIPELINE.replace("'notify'", "'page it''s'").replace('name: notify', 'name: "page it\'s"'));
  });

  it('renames an id, not the name beside it', () => {
    const renamed = applyRename(service.rename(d, options, at(PIPELINE, '"deploy"', 0, 2), 'ship', memoryWorkspace({})), text);
    assert.equal(renamed[PIPELINE_URI], PIPELINE.replace('"deploy"', '"ship"').replace('id: deploy', 'id: ship'));
  });

  it('refuses a name another step already has, and an empty name', () => {
    assert.deepEqual(service.rename(d, options, at(PIPELINE, '"build"', 0, 1), 'test', memoryWorkspace({})), { error: 'A step named "test" already exists.' });
    assert.deepEqual(service.rename(d, options, at(PIPELINE, '"build"', 0, 1), '  ', memoryWorkspace({})), { error: 'The new name is empty.' });
    assert.deepEqual(service.rename(d, options, at(PIPELINE, '"build"', 0, 1), 'build', memoryWorkspace({})), { edits: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Related workflows across documents
// ---------------------------------------------------------------------------------------------

const SYNC_URI = 'file:///w/docs/workflows/customer-sync.md';
const BILLING_URI = 'file:///w/docs/workflows/nightly-billing.md';
const RELEASE_URI = 'file:///w/docs/workflows/release.md';
const REPORT_URI = 'file:///w/workflows/report.workflow.yaml';

const SYNC = [
  '# Customer Sync',
  '',
  '## 0. Index Entry (for catalog)',
  '',
  '- **Workflow name:** `customer-sync`',
  '',
  '- **Related workflows:**',
  '  `nightly-billing`, Release Train (runs after); docs/workflows/release.md, Unknown Flow',
  '',
  '## 1. Problem Statement',
  '',
  'See [the report](../../workflows/report.workflow.yaml) and `./missing.md`.',
  '',
  '```sh',
  'cat docs/workflows/release.md',
  '```',
  '',
].join('\n');

const BILLING = [
  '# Nightly Billing',
  '',
  '## 0. Index Entry (for catalog)',
  '',
  '- **Workflow name:** `nightly-billing`',
  '',
  '- **Related workflows:**',
  '  customer-sync',
  '',
].join('\n');

const RELEASE = [
  '# Release Train',
  '',
  '## Related Workflows',
  '',
  '- Customer Sync',
  '- [billing](./nightly-billing.md)',
  '',
].join('\n');

const REPORT = ['metadata:', "  name: 'Nightly report'", 'steps:', '  - name: collect', '    run: make', ''].join('\n');

function workspace(): ReturnType<typeof memoryWorkspace> {
  return memoryWorkspace({ [SYNC_URI]: SYNC, [BILLING_URI]: BILLING, [RELEASE_URI]: RELEASE, [REPORT_URI]: REPORT });
}

describe('document links', () => {
  it('links paths to indexed workflow files and names of related workflows, not code or unknown files', () => {
    const ws = workspace();
    const links = service.getDocumentLinks(doc(SYNC_URI, SYNC), options, ws);
    assert.deepEqual(
      links.map((l) => [SYNC.slice(l.start, l.end), l.start, l.target]),
      [
        ['nightly-billing', at(SYNC, '`nightly-billing`', 0, 1), BILLING_URI],
        ['Release Train', at(SYNC, 'Release Train'), RELEASE_URI],
        ['docs/workflows/release.md', at(SYNC, 'docs/workflows/release.md'), RELEASE_URI],
        ['../../workflows/report.workflow.yaml', at(SYNC, '../../'), REPORT_URI],
      ],
    );
  });

  it('links a Markdown link target and the items of a Related Workflows section', () => {
    const links = service.getDocumentLinks(doc(RELEASE_URI, RELEASE), options, workspace());
    assert.deepEqual(
      links.map((l) => [RELEASE.slice(l.start, l.end), l.start, l.target]),
      [
        ['Customer Sync', at(RELEASE, 'Customer Sync'), SYNC_URI],
        ['./nightly-billing.md', at(RELEASE, './nightly'), BILLING_URI],
      ],
    );
  });

  it('has no links in a workspace that knows no other workflow', () => {
    assert.deepEqual(service.getDocumentLinks(doc(SYNC_URI, SYNC), options, memoryWorkspace({})), []);
  });
});

describe('related workflows: definition, references, rename', () => {
  it('goes from a related-workflow name to the declaration it matches in the other file', () => {
    const ws = workspace();
    const textOf = (uri: string): string => ws.text(uri);
    assert.deepEqual(located(service.getDefinition(doc(SYNC_URI, SYNC), options, at(SYNC, 'nightly-billing', 0, 3), ws), textOf), [
      [BILLING_URI, 'nightly-billing', at(BILLING, 'nightly-billing')],
    ]);
    assert.deepEqual(located(service.getDefinition(doc(SYNC_URI, SYNC), options, at(SYNC, 'Release Train', 0, 8), ws), textOf), [
      [RELEASE_URI, 'Release Train', at(RELEASE, 'Release Train')],
    ]);
    assert.deepEqual(service.getDefinition(doc(SYNC_URI, SYNC), options, at(SYNC, 'Unknown Flow', 0, 2), ws), []);
  });

  it('finds every file that names a workflow', () => {
    const ws = workspace();
    const textOf = (uri: string): string => ws.text(uri);
    const onTitle = at(SYNC, 'Customer Sync', 0, 2);
    assert.deepEqual(located(service.getReferences(doc(SYNC_URI, SYNC), options, onTitle, true, ws), textOf), [
      [SYNC_URI, 'Customer Sync', 2],
      [SYNC_URI, 'customer-sync', at(SYNC, 'customer-sync')],
      [BILLING_URI, 'customer-sync', at(BILLING, 'customer-sync')],
      [RELEASE_URI, 'Customer Sync', at(RELEASE, 'Customer Sync')],
    ]);
    // From a reference, without the declarations.
    assert.deepEqual(located(service.getReferences(doc(BILLING_URI, BILLING), options, at(BILLING, 'customer-sync', 0, 1), false, ws), textOf), [
      [BILLING_URI, 'customer-sync', at(BILLING, 'customer-sync')],
      [RELEASE_URI, 'Customer Sync', at(RELEASE, 'Customer Sync')],
    ]);
  });

  it('renames a workflow name: its Workflow name value and the references that use that name', () => {
    const ws = workspace();
    const result = service.rename(doc(BILLING_URI, BILLING), options, at(BILLING, 'customer-sync', 0, 4), 'crm-sync', ws);
    const renamed = applyRename(result, (uri) => ws.text(uri));
    assert.deepEqual(renamed, {
      [BILLING_URI]: BILLING.replace('  customer-sync', '  crm-sync'),
      [SYNC_URI]: SYNC.replace('`customer-sync`', '`crm-sync`'),
    });
  });

  it('renames a title and the references by title; a YAML name keeps its quotes', () => {
    const ws = workspace();
    const renamed = applyRename(service.rename(doc(RELEASE_URI, RELEASE), options, 3, 'Release Bus', ws), (uri) => ws.text(uri));
    assert.deepEqual(renamed, {
      [RELEASE_URI]: RELEASE.replace('# Release Train', '# Release Bus'),
      [SYNC_URI]: SYNC.replace('Release Train (runs after)', 'Release Bus (runs after)'),
    });
    const yaml = applyRename(service.rename(doc(REPORT_URI, REPORT), options, at(REPORT, 'Nightly'), "Nightly 'report'", ws), (uri) => ws.text(uri));
    assert.deepEqual(yaml, { [REPORT_URI]: REPORT.replace("'Nightly report'", "'Nightly ''report'''") });
  });

  it('refuses a name another workflow has', () => {
    const ws = workspace();
    const result = service.rename(doc(RELEASE_URI, RELEASE), options, 3, 'nightly-billing', ws);
    assert.deepEqual(result, { error: `A workflow named "nightly-billing" already exists (${BILLING_URI}).` });
  });

  it('prepares a rename on a title, a Workflow name value or a related item, and not on prose', () => {
    const d = doc(SYNC_URI, SYNC);
    assert.deepEqual(service.prepareRename(d, options, 5), { start: 2, end: 15, placeholder: 'Customer Sync' });
    assert.deepEqual(service.prepareRename(d, options, at(SYNC, '`customer-sync`', 0, 1)), { start: at(SYNC, 'customer-sync'), end: at(SYNC, 'customer-sync') + 13, placeholder: 'customer-sync' });
    assert.deepEqual(service.prepareRename(d, options, at(SYNC, 'Release Train', 0, 1)), { start: at(SYNC, 'Release Train'), end: at(SYNC, 'Release Train') + 13, placeholder: 'Release Train' });
    assert.equal(service.prepareRename(d, options, at(SYNC, 'Problem Statement', 0, 3)), undefined);
  });
});
