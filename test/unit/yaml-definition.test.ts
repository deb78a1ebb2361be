// parseYamlDefinition: YAML workflow definitions (seed 003's example, the project's definitions in
// test/fixtures/yaml and, when ../shared is there, the real files of its corpus) to steps, conditions, retries,
// commands and pointer ranges, with exact offsets (CRLF and BOM included).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import {
  classifyTarget,
  collectStepNames,
  durationSeconds,
  parseYamlDefinition,
  spanForPointer,
  yamlSuppressions,
} from '../../server/src/service/parse/yamlDefinition';
import type { YamlProblem } from '../../server/src/service/parse/yamlDefinition';
import { computeLineStarts } from '../../server/src/service/text';
import { generateYamlDefinition } from './support/yaml-gen';
import { yamlFixture } from './support/fixtures';
import { CORPUS, SEEDS, sharedMissing } from './support/shared';

const FIXTURES = join(__dirname, '..', 'fixtures', 'yaml');
const corpusFile = (name: string): string => readFileSync(join(CORPUS, name), 'utf8');

function parse(text: string) {
  return parseYamlDefinition(text, computeLineStarts(text));
}

/** The text a span covers. */
function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** The span of the n-th occurrence (0-based) of `needle` in `text`. */
function spanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `"${needle}" #${nth} not in the text`);
  }
  return { start: at, end: at + needle.length };
}

/** The size a Map holds without going through an override (so a lazy map is not filled by looking). */
const rawSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')?.get as (this: Map<unknown, unknown>) => number;

describe('parseYamlDefinition: seed 003', () => {
  const text = readFileSync(join(FIXTURES, 'seed-003-example.workflow.yaml'), 'utf8');

  it('the fixture is the seed\'s embedded example, verbatim', { skip: sharedMissing }, () => {
    const seed = readFileSync(join(SEEDS, '003_c98bec31a7ba3e0a.txt'), 'utf8');
    assert.ok(seed.includes('```yaml\n' + text + '```'));
  });

  it('reads the title, the step, its conditions and the global retry strategy', () => {
    const r = parse(text);
    assert.deepEqual(r.yaml.errors, []);
    assert.deepEqual(r.title, { text: 'Workflow Name', ...spanOf(text, '"Workflow Name"') });
    assert.deepEqual(r.yaml.stepsKey, spanOf(text, 'steps'));
    assert.equal(r.steps.length, 1);
    const step = r.steps[0];
    assert.equal(step.number, 1);
    assert.equal(step.title, 'step_name');
    assert.equal(step.source, 'yaml');
    assert.equal(step.mode, 'automated');
    assert.equal(step.hasAction, false, 'the example step has an empty config');
    assert.deepEqual({ start: step.titleStart, end: step.titleEnd }, spanOf(text, '"step_name"'));
    assert.equal(slice(text, step).split('\n')[0], 'name: "step_name"');
    assert.ok(slice(text, step).endsWith('failure: "error_handler"'));
    assert.equal(step.yaml?.type, 'action|decision|parallel|loop');
    assert.deepEqual(step.yaml?.conditions, [
      { kind: 'success', target: 'next_step', ...spanOf(text, '"next_step"') },
      { kind: 'failure', target: 'error_handler', ...spanOf(text, '"error_handler"') },
    ]);
    const retryStart = text.indexOf('max_attempts');
    assert.deepEqual(r.yaml.retry, { maxAttempts: 3, backoff: 'exponential', start: retryStart, end: text.indexOf('\n  fallback_actions') });
    assert.deepEqual(r.suppressions, []);
  });
});

describe('parseYamlDefinition: the project\'s definitions (test/fixtures/yaml)', () => {
  it('release-train.workflow.yaml (seed 003\'s structure): title from metadata, routes, step types, commands and the global retry', () => {
    const text = yamlFixture('release-train.workflow.yaml');
    const r = parse(text);
    assert.deepEqual(r.yaml.errors, []);
    assert.deepEqual(r.title, { text: 'Weekly Release Train', ...spanOf(text, '"Weekly Release Train"') });
    assert.deepEqual(r.yaml.stepsKey, spanOf(text, 'steps'));
    assert.deepEqual(
      r.steps.map((s) => [s.number, s.title, s.yaml?.type, s.hasAction]),
      [
        [1, 'cut_branch', 'action', true],
        [2, 'draft_notes', 'action', true],
        [3, 'approve', 'decision', true],
        [4, 'draft_notes_again', 'loop', true],
        [5, 'ship', 'action', true],
        [6, 'notify_owner', 'action', true],
      ],
    );
    assert.deepEqual(r.steps[2].yaml?.conditions, [
      { kind: 'success', target: 'ship', ...spanOf(text, '"ship"') },
      { kind: 'failure', target: 'draft_notes_again', ...spanOf(text, '"draft_notes_again"') },
    ]);
    const cut = spanOf(text, '"git switch -c release/$(date +%G.%V) origin/main"');
    assert.deepEqual(r.steps[0].commands, [
      { lang: 'sh', code: 'git switch -c release/$(date +%G.%V) origin/main', start: cut.start, end: cut.end, contentStart: cut.start + 1, contentEnd: cut.end - 1, inline: true },
    ]);
    assert.deepEqual(r.yaml.retry, { maxAttempts: 2, backoff: 'linear', start: text.indexOf('max_attempts'), end: text.indexOf('\n  fallback_actions') });
  });

  it('agent-pipeline.workflow.yaml: plugin steps, on_error, retry_count, validation and rollback, a parallel group\'s branches as its steps, error_handling', () => {
    const text = yamlFixture('agent-pipeline.workflow.yaml');
    const r = parse(text);
    assert.deepEqual(r.yaml.errors, []);
    assert.deepEqual(r.title, { text: 'Dependency Upgrade Pipeline', ...spanOf(text, '"Dependency Upgrade Pipeline"') });
    // A parallel group stands for the steps it holds: its two branches are the steps a reader runs.
    assert.deepEqual(r.steps.map((s) => s.title), ['read_ticket', 'prepare_checkout', 'upgrade_package', 'run_checks', 'post_to_chat', 'comment_on_ticket', 'open_pull_request']);
    assert.ok(r.steps.every((s) => s.hasAction && s.mode === 'automated' && s.source === 'yaml'));
    // on_error holds a strategy; it is kept as a condition and classified by the rules.
    assert.deepEqual(r.steps[0].yaml?.conditions, [{ kind: 'on_error', target: 'fail', ...spanOf(text, '"fail"') }]);
    const read = r.steps[0];
    assert.equal(read.validation?.label, 'validation');
    assert.ok(slice(text, { start: read.validation!.valueStart, end: read.validation!.valueEnd }).startsWith('- condition: "${ticket_data.package}"'));
    assert.equal(r.steps[1].rollback?.key, 'rollback');
    assert.equal(r.steps[1].rollback?.value, 'plugin: "git"\n      action: "delete_branch"\n      inputs:\n        branch: "${branch_name}"');
    const count = spanOf(text, 'retry_count: 2');
    assert.deepEqual(r.steps[2].yaml?.retry, { maxAttempts: 2, delaySeconds: undefined, start: count.start + 13, end: count.end });
    // A placeholder is not a number.
    assert.deepEqual(r.steps[3].yaml?.retry, { maxAttempts: undefined, delaySeconds: undefined, ...spanOf(text, '"${max_retries}"') });
    assert.ok(collectStepNames(r.yaml.data).has('announce'), 'the parallel group is a route target too');
    assert.ok(collectStepNames(r.yaml.data).has('comment_on_ticket'), 'sub-steps of a parallel step are names too');
    // error_handling's own keys are the global policy when there is no retry_strategy.
    assert.equal(r.yaml.retry?.maxAttempts, 2);
    assert.equal(r.yaml.retry?.delaySeconds, 45);
  });

  it('research-fan-out.workflow.yaml: ids, dependsOn fan-out and fan-in, command + args', () => {
    const text = yamlFixture('research-fan-out.workflow.yaml');
    const r = parse(text);
    assert.deepEqual(r.yaml.errors, []);
    assert.deepEqual(r.title, { text: 'incident-review', ...spanOf(text, 'incident-review') });
    assert.deepEqual(r.steps.map((s) => s.yaml?.id), ['collect-timeline', 'logs-angle', 'deploys-angle', 'customer-angle', 'write-review', 'validation']);
    assert.deepEqual(r.steps.map((s) => s.title), ['Collect the Timeline', 'Read the Logs', 'Read the Deploy History', 'Read the Support Tickets', 'Write the Review', 'Check the Review']);
    assert.deepEqual(r.steps.slice(1, 4).map((s) => s.yaml?.conditions.map((c) => [c.kind, c.target])), [
      [['dependsOn', 'collect-timeline']], [['dependsOn', 'collect-timeline']], [['dependsOn', 'collect-timeline']],
    ]);
    assert.deepEqual(r.steps[4].yaml?.conditions, [
      { kind: 'dependsOn', target: 'logs-angle', ...spanOf(text, '"logs-angle"') },
      { kind: 'dependsOn', target: 'deploys-angle', ...spanOf(text, '"deploys-angle"') },
      { kind: 'dependsOn', target: 'customer-angle', ...spanOf(text, '"customer-angle"') },
    ]);
    const command = spanOf(text, 'npx');
    const argsEnd = spanOf(text, '["markdownlint", "reviews/latest.md"]').end;
    assert.deepEqual(r.steps[5].commands, [{ lang: 'sh', code: 'npx markdownlint reviews/latest.md', start: command.start, end: argsEnd, contentStart: command.start, contentEnd: argsEnd, inline: true }]);
    // The step whose id is "validation" has no validation field.
    assert.equal(r.steps[5].validation, undefined);
  });

  it('builds the same data as the yaml library\'s toJS', () => {
    for (const text of [
      yamlFixture('release-train.workflow.yaml'),
      yamlFixture('agent-pipeline.workflow.yaml'),
      yamlFixture('research-fan-out.workflow.yaml'),
      yamlFixture('seed-003-example.workflow.yaml'),
      generateYamlDefinition(7, 600),
    ]) {
      assert.deepEqual(parse(text).yaml.data, parseDocument(text).toJS());
    }
  });
});

describe('parseYamlDefinition: the corpus of ../shared', { skip: sharedMissing }, () => {
  it('eeaao-standard-dev-workflow.yaml: plugin steps, on_error, retry_count, validation and rollback', () => {
    const text = corpusFile('eeaao-standard-dev-workflow.yaml');
    const r = parse(text);
    assert.deepEqual(r.yaml.errors, []);
    assert.deepEqual(r.title, { text: 'Standard Development Workflow', ...spanOf(text, '"Standard Development Workflow"') });
    // The parallel step send_notifications stands for its two steps, which are the ones that run.
    assert.equal(r.steps.length, 18);
    assert.deepEqual(
      r.steps.map((s) => s.title).slice(0, 4),
      ['fetch_task_details', 'update_task_status_in_progress', 'setup_workspace', 'analyze_codebase'],
    );
    assert.ok(r.steps.every((s) => s.hasAction && s.mode === 'automated' && s.source === 'yaml'));
    assert.deepEqual(r.steps.map((s) => s.number), Array.from({ length: 18 }, (_, i) => i + 1));
    assert.deepEqual(r.steps.slice(13, 15).map((s) => s.title), ['notify_slack', 'notify_email']);
    // on_error holds a strategy; it is kept as a condition and classified by the rules.
    assert.deepEqual(r.steps[0].yaml?.conditions, [{ kind: 'on_error', target: 'fail', ...spanOf(text, '"fail"') }]);
    const fetch = r.steps[0];
    assert.equal(fetch.validation?.label, 'validation');
    assert.equal(slice(text, { start: fetch.validation!.labelStart, end: fetch.validation!.labelEnd }), 'validation');
    assert.ok(slice(text, { start: fetch.validation!.valueStart, end: fetch.validation!.valueEnd }).startsWith('- condition: "${task_data.title}"'));
    const setup = r.steps[2];
    assert.equal(setup.rollback?.key, 'rollback');
    assert.equal(setup.rollback?.value, 'plugin: "version_control"\n      action: "cleanup_workspace"\n      inputs:\n        workspace_id: "${agent_id}"');
    assert.deepEqual(r.steps[3].yaml?.retry, { maxAttempts: 2, delaySeconds: undefined, ...spanOf(text, 'retry_count: 2', 0), start: spanOf(text, 'retry_count: 2').start + 13 });
    // A placeholder is not a number.
    const placeholder = spanOf(text, '"${max_retries}"');
    assert.deepEqual(r.steps[5].yaml?.retry, { maxAttempts: undefined, delaySeconds: undefined, ...placeholder });
    assert.equal(r.steps[15].title, 'update_project_documentation');
    // error_handling's own keys are the global policy when there is no retry_strategy.
    assert.equal(r.yaml.retry?.maxAttempts, 2);
    assert.equal(r.yaml.retry?.delaySeconds, 30);
    assert.deepEqual(collectStepNames(r.yaml.data).has('notify_slack'), true, 'sub-steps of a parallel step are names too');
  });

  it('ghccli-research-workflow.yaml: ids, dependsOn fan-out/fan-in, command + args', () => {
    const text = corpusFile('ghccli-research-workflow.yaml');
    const r = parse(text);
    assert.deepEqual(r.yaml.errors, []);
    assert.deepEqual(r.title, { text: 'research-workflow', ...spanOf(text, 'research-workflow') });
    assert.deepEqual(r.steps.map((s) => s.yaml?.id), ['initial-scan', 'architecture-research', 'security-research', 'performance-research', 'consolidate-findings', 'validation']);
    assert.deepEqual(r.steps.map((s) => s.title), ['Initial Codebase Scan', 'Architecture Research', 'Security Analysis Research', 'Performance Research', 'Consolidate Research Findings', 'Validate Findings']);
    assert.equal(r.steps[0].yaml?.name, 'Initial Codebase Scan');
    assert.deepEqual(r.steps[4].yaml?.conditions, [
      { kind: 'dependsOn', target: 'architecture-research', ...spanOf(text, '"architecture-research"') },
      { kind: 'dependsOn', target: 'security-research', ...spanOf(text, '"security-research"') },
      { kind: 'dependsOn', target: 'performance-research', ...spanOf(text, '"performance-research"') },
    ]);
    const command = spanOf(text, 'npm');
    const argsEnd = spanOf(text, '["run", "test"]').end;
    assert.deepEqual(r.steps[5].commands, [{ lang: 'sh', code: 'npm run test', start: command.start, end: argsEnd, contentStart: command.start, contentEnd: argsEnd, inline: true }]);
    // The step whose id is "validation" has no validation field.
    assert.equal(r.steps[5].validation, undefined);
  });

  it('builds the same data as the yaml library\'s toJS', () => {
    for (const text of [corpusFile('eeaao-standard-dev-workflow.yaml'), corpusFile('ghccli-research-workflow.yaml')]) {
      assert.deepEqual(parse(text).yaml.data, parseDocument(text).toJS());
    }
  });
});

describe('parseYamlDefinition: steps', () => {
  it('reads run, command + args, script and config commands with the exact ranges of their values', () => {
    const text = [
      'steps:',
      '  - name: build',
      '    shell: bash',
      '    run: |',
      '      make',
      '      make test',
      '  - name: ship',
      '    command: ./ship.sh',
      "    args: [--env, \"prod eu\", \"it's\"]",
      '  - name: cfg',
      '    config:',
      '      script: "./cfg.sh"',
      '',
    ].join('\n');
    const r = parse(text);
    const run = spanOf(text, '|\n      make\n      make test');
    assert.deepEqual(r.steps[0].commands, [
      { lang: 'bash', code: 'make\nmake test', start: run.start, end: run.end, contentStart: run.start + 2, contentEnd: run.end, inline: false },
    ]);
    const ship = spanOf(text, './ship.sh');
    const args = spanOf(text, '[--env, "prod eu", "it\'s"]');
    assert.deepEqual(r.steps[1].commands, [
      { lang: 'sh', code: "./ship.sh --env 'prod eu' 'it'\\''s'", start: ship.start, end: args.end, contentStart: ship.start, contentEnd: args.end, inline: true },
    ]);
    const script = spanOf(text, '"./cfg.sh"');
    assert.deepEqual(r.steps[2].commands, [
      { lang: 'sh', code: './cfg.sh', start: script.start, end: script.end, contentStart: script.start + 1, contentEnd: script.end - 1, inline: true },
    ]);
    assert.ok(r.steps.every((s) => s.hasAction));
  });

  it('reads every kind of route with its exact value range', () => {
    const text = [
      'steps:',
      '  - id: a',
      '    conditions:',
      '      success: b',
      '      failure: c',
      '      approved: d',
      '    on_success: b',
      '    on_failure: c',
      '    next: [b, c]',
      '    depends_on: x',
      '    fallback: c',
      '  - id: b',
      '    dependsOn: ["a"]',
      '',
    ].join('\n');
    const r = parse(text);
    const at = (needle: string, nth = 0) => spanOf(text, needle, nth);
    const b = (n: number) => { const s = at(': b', n); return { start: s.start + 2, end: s.end }; };
    assert.deepEqual(r.steps[0].yaml?.conditions, [
      { kind: 'success', target: 'b', ...b(0) },
      { kind: 'failure', target: 'c', start: at('failure: c').start + 9, end: at('failure: c').end },
      { kind: 'approved', target: 'd', start: at('approved: d').end - 1, end: at('approved: d').end },
      { kind: 'on_success', target: 'b', ...b(1) },
      { kind: 'on_failure', target: 'c', start: at('on_failure: c').end - 1, end: at('on_failure: c').end },
      { kind: 'next', target: 'b', start: at('[b, c]').start + 1, end: at('[b, c]').start + 2 },
      { kind: 'next', target: 'c', start: at('[b, c]').start + 4, end: at('[b, c]').start + 5 },
      { kind: 'dependsOn', target: 'x', start: at('depends_on: x').end - 1, end: at('depends_on: x').end },
      { kind: 'fallback', target: 'c', start: at('fallback: c').end - 1, end: at('fallback: c').end },
    ]);
    assert.equal(r.steps[0].yaml?.fallback, 'c');
    assert.deepEqual(r.steps[1].yaml?.conditions, [{ kind: 'dependsOn', target: 'a', ...at('"a"') }]);
    assert.equal(r.steps[0].title, 'a');
    assert.equal(r.steps[0].yaml?.name, 'a');
  });

  it('reads per-step retry policies: a mapping, a count and retry_count', () => {
    const text = [
      'steps:',
      '  - name: a',
      '    retry:',
      '      max_attempts: 4',
      '      backoff: linear',
      '      delay: 2m',
      '  - name: b',
      '    retry: 3',
      '  - name: c',
      '    retry_count: "5"',
      '    retry_delay: 500ms',
      '  - name: d',
      '',
    ].join('\n');
    const r = parse(text);
    const map = spanOf(text, 'max_attempts: 4\n      backoff: linear\n      delay: 2m');
    assert.deepEqual(r.steps[0].yaml?.retry, { maxAttempts: 4, backoff: 'linear', delaySeconds: 120, ...map });
    assert.deepEqual(r.steps[1].yaml?.retry, { maxAttempts: 3, start: text.indexOf('retry: 3') + 7, end: text.indexOf('retry: 3') + 8 });
    assert.deepEqual(r.steps[2].yaml?.retry, { maxAttempts: 5, delaySeconds: 0.5, ...spanOf(text, '"5"') });
    assert.equal(r.steps[3].yaml?.retry, undefined);
  });

  it('marks manual steps from their type or fields', () => {
    const text = [
      'steps:',
      '  - {name: a, type: manual, description: Check the dashboard}',
      '  - {name: b, type: Approval}',
      '  - {name: c, manual: true, run: echo}',
      '  - {name: d, mode: manual}',
      '  - {name: e, type: action, run: echo}',
      '  - {name: f, manual: false}',
      '',
    ].join('\n');
    assert.deepEqual(parse(text).steps.map((s) => s.mode), ['manual', 'manual', 'manual', 'manual', 'automated', 'automated']);
    assert.deepEqual(parse(text).steps.map((s) => s.hasAction), [true, false, true, false, true, false]);
  });

  it('keeps a bare string item as a named step and skips other non-mappings', () => {
    const text = 'steps:\n  - build\n  - 42\n  -\n  - name: test\n';
    const r = parse(text);
    assert.deepEqual(r.steps.map((s) => [s.number, s.title]), [[1, 'build'], [4, 'test']]);
    assert.deepEqual({ start: r.steps[0].titleStart, end: r.steps[0].titleEnd }, spanOf(text, 'build'));
  });

  it('takes the title from metadata.name, else the top-level name', () => {
    assert.equal(parse('name: top\nmetadata:\n  name: meta\nsteps: []\n').title?.text, 'meta');
    assert.equal(parse('name: top\nmetadata:\n  owner: x\nsteps: []\n').title?.text, 'top');
    assert.equal(parse('steps: []\n').title, undefined);
  });
});

describe('parseYamlDefinition: line endings, BOM and odd documents', () => {
  const lf = 'metadata:\n  name: "Demo"\nsteps:\n  - name: build\n    run: |\n      make\n    conditions:\n      success: shipp\n  - name: ship\n';

  it('keeps CRLF offsets exact', () => {
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parse(lf);
    const b = parse(crlf);
    assert.deepEqual(b.yaml.errors, []);
    assert.deepEqual(b.title, { text: 'Demo', ...spanOf(crlf, '"Demo"') });
    assert.deepEqual(b.steps[0].yaml?.conditions, [{ kind: 'success', target: 'shipp', ...spanOf(crlf, 'shipp') }]);
    assert.deepEqual({ start: b.steps[1].titleStart, end: b.steps[1].titleEnd }, spanOf(crlf, 'ship\r\n'.slice(0, 4), 1));
    assert.equal(b.steps[0].commands[0].code, 'make');
    assert.equal(slice(crlf, b.steps[0].commands[0]), '|\r\n      make');
    assert.equal(slice(crlf, { start: b.steps[0].commands[0].contentStart, end: b.steps[0].commands[0].contentEnd }), '      make');
    // The step ends at its last value, not after the line break.
    assert.ok(slice(crlf, b.steps[0]).endsWith('success: shipp'));
    assert.equal(a.steps.length, b.steps.length);
  });

  it('keeps offsets exact after a BOM', () => {
    const bom = '\uFEFF' + lf;
    const r = parse(bom);
    assert.deepEqual(r.yaml.errors, []);
    assert.deepEqual(r.title, { text: 'Demo', ...spanOf(bom, '"Demo"') });
    assert.deepEqual(r.steps[0].yaml?.conditions[0], { kind: 'success', target: 'shipp', ...spanOf(bom, 'shipp') });
    assert.deepEqual(r.yaml.pathRanges.get('/metadata/name'), spanOf(bom, '"Demo"'));
    assert.deepEqual(r.yaml.keyRanges.get('/metadata'), { start: 1, end: 9 });
  });

  it('an empty file, a comment-only file, a scalar and a list give no steps and no crash', () => {
    for (const text of ['', '# nothing here\n', '   \n\n']) {
      const r = parse(text);
      assert.equal(r.yaml.data, null, JSON.stringify(text));
      assert.deepEqual(r.steps, []);
      assert.deepEqual(r.yaml.errors, []);
      assert.deepEqual(r.yaml.pathRanges.get(''), { start: 0, end: 0 });
    }
    const scalar = parse('just a string\n');
    assert.equal(scalar.yaml.data, 'just a string');
    assert.deepEqual(scalar.steps, []);
    assert.deepEqual(scalar.yaml.pathRanges.get(''), { start: 0, end: 13 });
    const list = parse('- name: a\n- name: b\n');
    assert.deepEqual(list.yaml.data, [{ name: 'a' }, { name: 'b' }]);
    assert.deepEqual(list.steps, []);
    assert.deepEqual(parse('steps: {name: a}\n').steps, [], 'steps that are not a list give no steps');
  });

  it('reports invalid YAML with the parser\'s exact spans and still reads what it recovered', () => {
    const text = 'steps:\n  - name: build\n    tags: [a, b\n  - name: test\nsteps: again\n';
    const r = parse(text);
    const problems = r.yaml.errors as YamlProblem[];
    assert.deepEqual(
      problems.map((e) => [e.code, e.message, slice(text, e), e.warning]),
      [
        ['BAD_INDENT', 'Flow sequence in block collection must be sufficiently indented and end with a ]', '-', false],
        ['DUPLICATE_KEY', 'Map keys must be unique', 's', false],
      ],
    );
    assert.equal(problems[1].start, text.lastIndexOf('steps'));
    assert.equal(r.steps[0].title, 'build');
  });

  it('keeps the parser\'s warnings, marked as warnings', () => {
    const text = 'steps:\n  - name: !custom build\n';
    const problems = parse(text).yaml.errors as YamlProblem[];
    assert.deepEqual(problems.map((e) => [e.code, e.warning, slice(text, e)]), [['TAG_RESOLVE_FAILED', true, '!custom']]);
  });

  it('resolves aliases once, without looping on a recursive one, and never sets a prototype', () => {
    const r = parse('base: &b {retries: 2}\ncopy: *b\nself: &s [*s]\n__proto__: {polluted: true}\nsteps: []\n');
    const data = r.yaml.data as Record<string, unknown>;
    assert.deepEqual(data.copy, { retries: 2 });
    assert.deepEqual(data.self, [[null]], 'a recursive alias ends in null');
    assert.equal(Object.getPrototypeOf(data), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(data, '__proto__')?.value, { polluted: true });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('shares the data of an alias: a "billion laughs" document stays small', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill('*' + 'abcdefghij'[i - 1]).join(', ')}]`);
    const data = parse(levels.join('\n') + '\nsteps: []\n').yaml.data as Record<string, unknown[]>;
    const i = data.i as unknown[][];
    assert.equal(i.length, 10);
    assert.equal(i[0], i[9], 'ten aliases, one converted value');
  });
});

/** Every pointer looked up before the maps are filled gives the span the filled maps give, and fills nothing. */
function lookupsMatchTheFill(file: string, source: string): void {
  const lookedUp = parse(source);
  const filled = parse(source);
  const pointers = [...filled.yaml.pathRanges.keys()];
  assert.ok(pointers.length > 50, file);
  for (const pointer of pointers) {
    assert.deepEqual(lookedUp.yaml.pathRanges.get(pointer), filled.yaml.pathRanges.get(pointer), pointer);
    assert.deepEqual(lookedUp.yaml.keyRanges.get(pointer), filled.yaml.keyRanges.get(pointer), pointer);
  }
  assert.equal(lookedUp.yaml.pathRanges.get('/steps/999'), undefined);
  assert.equal(lookedUp.yaml.pathRanges.has('/nope'), false);
  assert.equal(rawSize.call(lookedUp.yaml.pathRanges), 0, 'lookups alone never fill the map');
}

describe('pointer ranges', () => {
  const text = 'metadata:\n  name: x\n  "a/b~c": 1\nsteps:\n  - name: build\n    empty:\n';

  it('are filled on first use only, then give every key and value span', () => {
    const r = parse(text);
    assert.equal(rawSize.call(r.yaml.pathRanges), 0, 'nothing built before a rule asks');
    assert.deepEqual(r.yaml.pathRanges.get('/steps/0/name'), spanOf(text, 'build'));
    assert.deepEqual(r.yaml.keyRanges.get('/steps/0/name'), spanOf(text, 'name', 1));
    assert.deepEqual(r.yaml.pathRanges.get('/metadata/a~1b~0c'), spanOf(text, '1'));
    assert.deepEqual(r.yaml.keyRanges.get('/metadata/a~1b~0c'), spanOf(text, '"a/b~c"'));
    assert.deepEqual(r.yaml.pathRanges.get('/steps/0'), spanOf(text, 'name: build\n    empty:'));
    const emptyKey = spanOf(text, 'empty');
    assert.deepEqual(r.yaml.pathRanges.get('/steps/0/empty'), { start: emptyKey.end + 1, end: emptyKey.end + 1 });
    assert.equal(r.yaml.pathRanges.size, 8);
    assert.deepEqual([...r.yaml.keyRanges.keys()], ['/metadata', '/metadata/name', '/metadata/a~1b~0c', '/steps', '/steps/0/name', '/steps/0/empty']);
  });

  it('a single lookup before the fill gives what the filled maps give, for every pointer', () => {
    for (const file of ['release-train.workflow.yaml', 'agent-pipeline.workflow.yaml', 'research-fan-out.workflow.yaml']) lookupsMatchTheFill(file, yamlFixture(file));
  });

  it('the same on the real definitions of ../shared', { skip: sharedMissing }, () => {
    for (const file of ['eeaao-standard-dev-workflow.yaml', 'ghccli-research-workflow.yaml']) lookupsMatchTheFill(file, corpusFile(file));
  });

  it('spanForPointer: the value, the key of an unknown property, the parent key of a missing one', () => {
    const r = parse(text);
    assert.deepEqual(spanForPointer(r.yaml, '/metadata/name', 'type'), spanOf(text, 'x'));
    assert.deepEqual(spanForPointer(r.yaml, '/metadata/name', 'additionalProperties'), spanOf(text, 'name'));
    assert.deepEqual(spanForPointer(r.yaml, '/metadata/version', 'required'), spanOf(text, 'metadata'));
    assert.deepEqual(spanForPointer(r.yaml, '/steps/0/id', 'required'), spanOf(text, 'name: build'), 'a list item has no key: its first line');
    assert.deepEqual(spanForPointer(r.yaml, '/triggers', 'required'), spanOf(text, 'metadata'), 'a missing top-level key points at the first key');
    assert.deepEqual(spanForPointer(r.yaml, '/steps/0/name/deeper', 'type'), spanOf(text, 'build'), 'falls back to the nearest existing parent');
  });
});

describe('suppressions from YAML comments', () => {
  it('wfs-disable runs to the end of the file, or to wfs-enable; wfs-disable-next-line covers one line', () => {
    const text = [
      'a: 1 # wfs-disable-next-line yaml.schema',
      'b: 2',
      '# wfs-disable yaml.cycle, yaml.retry-range',
      'c: 3',
      '# wfs-enable yaml.cycle',
      'd: 4',
      '# wfs-disable',
      'e: 5',
      '',
    ].join('\r\n');
    const ls = computeLineStarts(text);
    const line = (n: number) => ls[n];
    assert.deepEqual(yamlSuppressions(text, ls), [
      { rules: ['yaml.schema'], start: line(1), end: line(1) + 4 },
      { rules: ['yaml.cycle'], start: line(2), end: line(4) - 1 },
      { rules: ['yaml.retry-range'], start: line(2), end: text.length },
      { rules: [], start: line(6), end: text.length },
    ]);
    assert.deepEqual(parse(text).suppressions, yamlSuppressions(text, ls));
  });

  it('a plain wfs-enable closes every region; a directive glued to a value is not a comment', () => {
    const text = '# wfs-disable a b\nx: 1\n# wfs-enable\nurl: http#wfs-disable\n';
    const ls = computeLineStarts(text);
    assert.deepEqual(yamlSuppressions(text, ls), [{ rules: ['a', 'b'], start: 0, end: ls[2] - 1 }]);
    assert.deepEqual(yamlSuppressions('x: 1\n# wfs-disable-next-line\n', computeLineStarts('x: 1\n# wfs-disable-next-line\n')), [
      { rules: [], start: 29, end: 29 },
    ]);
  });
});

describe('helpers', () => {
  it('classifyTarget: steps first, then run-time values, next and end keywords, else unknown', () => {
    const names = new Set(['build', 'rollback']);
    assert.equal(classifyTarget('build', names), 'step');
    assert.equal(classifyTarget('rollback', names), 'step', 'a step named like a keyword is a step');
    assert.equal(classifyTarget('${next}', names), 'dynamic');
    assert.equal(classifyTarget('{{ steps.after }}', names), 'dynamic');
    assert.equal(classifyTarget('next_step', names), 'next');
    assert.equal(classifyTarget('Continue', names), 'next');
    assert.equal(classifyTarget('error_handler', names), 'end');
    assert.equal(classifyTarget('END', names), 'end');
    assert.equal(classifyTarget('biuld', names), 'unknown');
  });

  it('durationSeconds: numbers are seconds; units ms, s, m, h; anything else is not a duration', () => {
    assert.equal(durationSeconds(30), 30);
    assert.equal(durationSeconds('30s'), 30);
    assert.equal(durationSeconds('500ms'), 0.5);
    assert.equal(durationSeconds('5m'), 300);
    assert.equal(durationSeconds('1.5h'), 5400);
    assert.equal(durationSeconds('-5'), -5);
    assert.equal(durationSeconds(250, true), 0.25);
    assert.equal(durationSeconds('soon'), undefined);
    assert.equal(durationSeconds(true), undefined);
  });

  it('generateYamlDefinition is deterministic and close to the asked size', () => {
    assert.equal(generateYamlDefinition(3, 1000), generateYamlDefinition(3, 1000));
    assert.notEqual(generateYamlDefinition(3, 1000), generateYamlDefinition(4, 1000));
    for (const size of [1000, 10000]) {
      const lines = generateYamlDefinition(1, size).split('\n').length;
      assert.ok(Math.abs(lines - size) / size < 0.1, `${lines} lines for ${size}`);
      assert.deepEqual(parse(generateYamlDefinition(1, size)).yaml.errors, []);
    }
  });
});
