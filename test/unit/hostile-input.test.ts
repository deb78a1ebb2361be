/**
 * Hostile input is answered in linear time. Each input here made a regular expression (or a cycle search)
 * backtrack for tens of seconds through the entry point a user reaches, blocking every other request of the
 * server meanwhile; each is now answered well within a generous 1 s guard. The inputs are as large as the
 * findings: the old code takes from 8 s (the TODO line) to several minutes on each.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWorkflowService } from '../../server/src/service';
import type { WorkflowDocument } from '../../server/src/service';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { rule as yamlCycle } from '../../server/src/service/rules/yaml-cycle';
import { deriveTemplate } from '../../server/src/service/templates/derive';
import { WorkspaceConfigs } from '../../server/src/lsp/workspaceConfig';
import { runCli } from '../../server/src/cli/main';

const GUARD_MS = 1000;
const service = createWorkflowService();
let version = 0;

function doc(text: string, uri = 'file:///ws/doc.md'): WorkflowDocument {
  return { uri, version: ++version, getText: () => text };
}

/**
 * Runs `work` once and asserts it took less than the guard; returns its result. The time is the processor time of
 * this process, not the clock: other jobs on a busy machine (CI, parallel test files) do not count against it.
 */
function fast<T>(what: string, work: () => T): T {
  const start = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  assert.ok(ms < GUARD_MS, `${what} took ${Math.round(ms)} ms of processor time (guard ${GUARD_MS} ms)`);
  return result;
}

describe('hostile input: diagnostics of a document', () => {
  it('a 240 KB heading of `_*` and a tab repeated (emphasis markers that never close)', () => {
    const heading = '_*\t'.repeat(80_000);
    const text = `# Title\n\n## ${heading}\n\nText.\n`;
    fast('diagnostics', () => service.getDiagnostics(doc(text)));
    const model = service.parse(doc(text));
    assert.equal(model.sections.length, 2);
  });

  it('a step heading of 160,000 blanks before its last word (the mode suffix)', () => {
    const text = `# Title\n\n## Steps\n\n### Step 1: run ${' '.repeat(160_000)}x\n\n### Step 2: approve (manual)\n`;
    fast('diagnostics', () => service.getDiagnostics(doc(text)));
    const steps = service.parse(doc(text)).steps;
    assert.deepEqual(steps.map((s) => s.mode), [undefined, 'manual']);
  });

  it('`<!--wfs-enable<n` repeated 80,000 times (suppression comments that never close)', () => {
    const text = `# Title\n\n<!-- wfs-disable-next-line todo.marker -->\nTODO later\n\n${'<!--wfs-enable<n'.repeat(80_000)}\n`;
    const diagnostics = fast('diagnostics', () => service.getDiagnostics(doc(text)));
    assert.equal(diagnostics.filter((d) => d.code === 'todo.marker').length, 0, 'the real directive still suppresses');
    assert.equal(service.parse(doc(text)).suppressions.length, 1);
  });

  it('`TODO`, 80,000 blanks and a word', () => {
    const text = `# Title\n\nTODO${' '.repeat(80_000)}x\n`;
    const diagnostics = fast('diagnostics', () => service.getDiagnostics(doc(text)));
    assert.equal(diagnostics.filter((d) => d.code === 'todo.marker').length, 1);
  });
});

describe('hostile input: completion at a position', () => {
  it('a 923-character Related workflows line that holds a U+2028', () => {
    const line = `- **Related workflows${' '.repeat(449)}**${' '.repeat(449)}x\u2028`;
    assert.equal(line.length, 923);
    const text = `# Title\n\n## Index Entry\n\n${line}`;
    const entries = fast('completion', () => service.getCompletions(doc(text), {}, text.length));
    assert.deepEqual(entries, []);
  });
});

describe('hostile input: .wfs.json globs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'wfs-globs-'));
  const many = '*a'.repeat(20) + 'b';
  writeFileSync(
    join(folder, '.wfs.json'),
    JSON.stringify({ formats: { [many]: 'catalog', '[z-a]': 'plain', 'docs/**': 'plain' }, exclude: ['[z-a].md', 'drafts'] }),
  );
  const uri = (path: string): string => pathToFileURL(join(folder, path)).href;

  it('a glob of 20 stars against a 200-character file name, and an invalid glob reported and skipped', () => {
    const log: string[] = [];
    const configs = new WorkspaceConfigs((m) => log.push(m));
    configs.setFolders([pathToFileURL(folder).href]);
    const name = `${'a'.repeat(200)}.md`;
    const options = fast('the options of a document', () => configs.optionsFor(uri(name)));
    assert.equal(options.format, undefined, 'the many-star glob does not match (no b)');
    // The other globs of the same config keep working.
    assert.equal(configs.optionsFor(uri('docs/x.md')).format, 'plain');
    assert.equal(fast('the options of a document', () => configs.optionsFor(uri(`${'a'.repeat(200)}b`))).format, 'catalog');
    assert.deepEqual(configs.filesOf(folder), { include: [], exclude: ['drafts'] });
    assert.deepEqual(
      log.filter((m) => m.includes('invalid glob')).map((m) => m.slice(m.indexOf('"'))),
      [
        '"formats": invalid glob "[z-a]" (character range out of order in [z-a]); it is skipped',
        '"exclude": invalid glob "[z-a].md" (character range out of order in [z-a]); it is skipped',
      ],
    );
  });

  it('wfs lint names an invalid glob as a config error (exit 2)', () => {
    writeFileSync(join(folder, 'x.md'), '# X\n');
    let stderr = '';
    const io = { cwd: folder, env: {}, stdoutIsTTY: false, stdout: () => undefined, stderr: (t: string) => void (stderr += t) };
    assert.equal(runCli(['lint', 'x.md'], io), 2);
    assert.match(stderr, /"formats": invalid glob "\[z-a\]" \(character range out of order in \[z-a\]\); it is skipped/);
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('hostile input: template derivation', () => {
  it('an 8 KB allowed-values line of `(` and ` or `', () => {
    const template = `# Template\n\n## Index Entry\n\n- **Workflow name:** [Name]\n- **Status:**\n  One of: ${'('.repeat(2000)}${' or '.repeat(1500)}\n`;
    const derived = fast('deriveTemplate', () => deriveTemplate(template, 'template.md'));
    assert.ok(derived.template);
  });

  it('an 8 KB heading of blanks around an `(optional)` mark', () => {
    const template = `# Template\n\n## Overview ${'\t'.repeat(4000)}(optional)${'\t'.repeat(4000)})(optional)\n\nText.\n\n## Notes (optional)\n\nMore.\n`;
    const derived = fast('deriveTemplate', () => deriveTemplate(template, 'template.md'));
    assert.deepEqual(
      derived.template?.sections.map((s) => [s.key, s.required]),
      [
        ['overview', false],
        ['notes', false],
      ],
    );
  });
});

describe('hostile input: yaml.cycle', () => {
  it('20,000 steps that all route back to the first: one diagnostic for the one cycle', () => {
    const text = 'steps:\n' + Array.from({ length: 20_000 }, (_, i) => `  - {name: s${i}, run: x${i > 0 ? ', on_failure: s0' : ''}}\n`).join('');
    const model = parseWorkflow('file:///ws/x.workflow.yaml', 1, text, {});
    const found: string[] = [];
    fast('yaml.cycle', () => yamlCycle.check({ model, template: undefined, options: {} }, (r) => found.push(r.message)));
    assert.deepEqual(found, ['Cycle: s0 → s1 → s0; no step of type "loop" controls it (19998 more routes close a cycle among these steps).']);
  });
});
