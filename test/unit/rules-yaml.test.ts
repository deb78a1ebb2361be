// The yaml.* rules on YAML workflow definitions: exact messages, ranges and data, failing and passing cases,
// and no false positives on seed 003's example, the project's definitions in test/fixtures/yaml and (when
// ../shared is there) the real definitions of its corpus.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowModel } from '../../server/src/service/model';
import type { Rule, RuleReport } from '../../server/src/service/rules/types';
import { parseYamlDefinition } from '../../server/src/service/parse/yamlDefinition';
import { computeLineStarts } from '../../server/src/service/text';
import { createWorkflowService } from '../../server/src/service';
import { rule as syntax } from '../../server/src/service/rules/yaml-syntax';
import { rule as schema } from '../../server/src/service/rules/yaml-schema';
import { rule as unknownTarget, closeNames, editDistance } from '../../server/src/service/rules/yaml-unknown-target';
import { rule as unreachable } from '../../server/src/service/rules/yaml-unreachable-step';
import { rule as cycle } from '../../server/src/service/rules/yaml-cycle';
import { rule as retryRange } from '../../server/src/service/rules/yaml-retry-range';
import { rule as duplicate } from '../../server/src/service/rules/yaml-duplicate-step';
import { generateYamlDefinition } from './support/yaml-gen';
import { CORPUS, sharedMissing } from './support/shared';

const FIXTURES = join(__dirname, '..', 'fixtures', 'yaml');
const YAML_RULES: Rule[] = [syntax, schema, unknownTarget, unreachable, cycle, retryRange, duplicate];

function model(text: string): WorkflowModel {
  const lineStarts = computeLineStarts(text);
  const parsed = parseYamlDefinition(text, lineStarts);
  return {
    uri: 'file:///test/demo.workflow.yaml', version: 1, text, lineStarts, kind: 'yaml', format: 'yaml-definition', formatSource: 'detected',
    title: parsed.title, sections: [], steps: parsed.steps, todos: [], placeholders: [], skillWorkflows: [], yaml: parsed.yaml, suppressions: parsed.suppressions,
  };
}

interface Found extends RuleReport {
  /** The text the report covers. */
  covers: string;
}

function run(rule: Rule, text: string, m: WorkflowModel = model(text)): Found[] {
  const out: Found[] = [];
  rule.check({ model: m, template: undefined, options: {} }, (r) => out.push({ ...r, covers: text.slice(r.start, r.end) }));
  return out;
}

/** The span of the n-th occurrence (0-based) of `needle`. */
function at(text: string, needle: string, nth = 0): { start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.notEqual(i, -1, `"${needle}" #${nth} not found`);
  }
  return { start: i, end: i + needle.length };
}

const lines = (...l: string[]) => l.join('\n') + '\n';
const rawSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')?.get as (this: Map<unknown, unknown>) => number;

describe('every yaml rule', () => {
  it('applies to YAML definitions only and documents what, why, a failing and a passing example, and how to disable', () => {
    for (const rule of YAML_RULES) {
      assert.deepEqual(rule.formats, ['yaml-definition'], rule.id);
      assert.match(rule.id, /^yaml\.[a-z-]+$/);
      for (const part of ['### Fails', '### Passes', '### Disable', '```yaml']) assert.ok(rule.docs.includes(part), `${rule.id} docs lack ${part}`);
      assert.doesNotMatch(rule.docs, /https?:\/\//, `${rule.id} docs name a host`);
    }
    assert.deepEqual(
      YAML_RULES.map((r) => [r.id, r.defaultSeverity]),
      [
        ['yaml.syntax', 'error'], ['yaml.schema', 'warning'], ['yaml.unknown-target', 'error'], ['yaml.unreachable-step', 'warning'],
        ['yaml.cycle', 'error'], ['yaml.retry-range', 'warning'], ['yaml.duplicate-step', 'error'],
      ],
    );
  });
});

describe('no false positives on real definitions', () => {
  const service = createWorkflowService();
  const noYamlDiagnostic = (name: string, path: string) => () => {
    const text = readFileSync(path, 'utf8');
    for (const rule of YAML_RULES) assert.deepEqual(run(rule, text), [], rule.id);
    // Through the whole service too, which finds the format by itself.
    const diagnostics = service.getDiagnostics({ uri: `file:///ws/${name}`, version: 1, getText: () => text });
    assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('yaml.')), []);
  };
  for (const name of ['seed-003-example.workflow.yaml', 'release-train.workflow.yaml', 'agent-pipeline.workflow.yaml', 'research-fan-out.workflow.yaml']) {
    it(`${name}: no yaml.* diagnostic`, noYamlDiagnostic(name, join(FIXTURES, name)));
  }
  for (const name of ['eeaao-standard-dev-workflow.yaml', 'ghccli-research-workflow.yaml']) {
    it(`${name}: no yaml.* diagnostic`, { skip: sharedMissing }, noYamlDiagnostic(name, join(CORPUS, name)));
  }

  it('a clean definition never builds the pointer maps (they are for reports only)', () => {
    const text = readFileSync(join(FIXTURES, 'research-fan-out.workflow.yaml'), 'utf8');
    const m = model(text);
    for (const rule of YAML_RULES) run(rule, text, m);
    assert.equal(rawSize.call(m.yaml!.pathRanges), 0);
  });
});

describe('yaml.syntax', () => {
  it('reports each parser error on its exact span, and warnings with severity warning', () => {
    const text = lines('steps:', '  - name: build', '    tags: [a, b');
    assert.deepEqual(run(syntax, text), [
      {
        message: 'Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ].',
        start: text.length, end: text.length, covers: '',
        data: { code: 'BAD_INDENT', severity: 'error' },
      },
    ]);
    const tagged = lines('steps:', '  - name: x', '    run: !shell make');
    assert.deepEqual(run(syntax, tagged), [
      {
        message: 'YAML warning: Unresolved tag: !shell.',
        ...at(tagged, '!shell'), covers: '!shell', severity: 'warning',
        data: { code: 'TAG_RESOLVE_FAILED', severity: 'warning' },
      },
    ]);
  });

  it('passes valid YAML, an empty file and CRLF text', () => {
    assert.deepEqual(run(syntax, 'steps:\r\n  - name: a\r\n'), []);
    assert.deepEqual(run(syntax, ''), []);
  });

  it('reports a tab indentation and a second document', () => {
    const tab = 'steps:\n\t- name: a\n';
    assert.deepEqual(run(syntax, tab).map((r) => [r.message, r.covers]), [['Invalid YAML: Tabs are not allowed as indentation.', '\t']]);
    const two = 'steps: []\n---\nsteps: []\n';
    assert.deepEqual(run(syntax, two).map((r) => r.data?.code), ['MULTIPLE_DOCS']);
  });
});

describe('yaml.schema', () => {
  it('the schema is draft 2020-12 with id workflow-studio/yaml-definition, a description on every property, no hosts', () => {
    const raw = readFileSync(join(__dirname, '..', '..', 'schemas', 'yaml-definition.schema.json'), 'utf8');
    assert.doesNotMatch(raw, /:\/\//);
    const root = JSON.parse(raw) as Record<string, unknown>;
    assert.equal(root.$id, 'workflow-studio/yaml-definition');
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [name, property] of Object.entries((n.properties as Record<string, Record<string, unknown>>) ?? {})) {
        if (typeof property.description !== 'string' || property.description.length < 10) undocumented.push(`${path}/${name}`);
      }
      for (const [key, value] of Object.entries(n)) if (key !== 'enum' && key !== 'examples') walk(value, `${path}/${key}`);
    };
    walk(root, '');
    assert.deepEqual(undocumented, []);
    for (const key of ['metadata', 'ai_config', 'triggers', 'steps', 'error_handling', 'monitoring']) assert.ok(key in (root.properties as object), key);
  });

  it('reports a value of the wrong type on that value', () => {
    const text = lines('metadata:', '  name: [a]', 'steps:', '  - name: build', '    retry_count: [3]', '    conditions: fail');
    assert.deepEqual(run(schema, text).map(({ message, covers, data }) => ({ message, covers, pointer: data?.pointer })), [
      { message: '"metadata.name" must be string or number.', covers: '[a]', pointer: '/metadata/name' },
      { message: '"steps[0].conditions" must be object or null.', covers: 'fail', pointer: '/steps/0/conditions' },
      { message: '"steps[0].retry_count" must be number or string.', covers: '[3]', pointer: '/steps/0/retry_count' },
    ]);
  });

  it('reports a file that is empty, a scalar or a list on its first line', () => {
    assert.deepEqual(run(schema, ''), [{ message: 'The workflow definition is empty: expected a mapping with "metadata" and "steps".', start: 0, end: 0, covers: '' }]);
    assert.deepEqual(run(schema, '# only a comment\n'), [
      { message: 'The workflow definition is empty: expected a mapping with "metadata" and "steps".', start: 0, end: 16, covers: '# only a comment' },
    ]);
    assert.deepEqual(run(schema, 'hello world\n'), [
      { message: 'A workflow definition must be a mapping with "metadata" and "steps", not a single string.', start: 0, end: 11, covers: 'hello world' },
    ]);
    assert.deepEqual(run(schema, '- name: a\n- name: b\n'), [
      { message: 'A workflow definition must be a mapping with "metadata" and "steps", not a list.', start: 0, end: 9, covers: '- name: a' },
    ]);
  });

  it('leaves a document that does not parse at all to yaml.syntax', () => {
    assert.deepEqual(run(schema, '"unclosed\n'), []);
  });

  it('allows the variants real engines write (extra keys, null config, string booleans)', () => {
    const text = lines('steps:', '  - name: a', '    config:', '    ai_assisted: "true|false"', '    plugin: git', '    custom: {x: 1}', 'variables:', '  x: 1');
    assert.deepEqual(run(schema, text), []);
  });
});

describe('yaml.unknown-target', () => {
  const text = lines(
    'steps:',
    '  - name: deploy_prod',
    '    conditions:',
    '      success: verify_deploy',
    '      failure: rollbak',
    '  - name: verify_deploy',
    '    on_success: "${NEXT}"',
    '    on_failure: page_oncall',
    '    on_error: retry',
    '  - name: rollback',
    '    on_error: deploy_prd',
    '    dependsOn: [continue]',
  );

  it('names the target, suggests the closest step, and puts the candidates in data', () => {
    assert.deepEqual(run(unknownTarget, text), [
      {
        message: 'No step named "rollbak" (conditions.failure of step "deploy_prod"); did you mean "rollback"?',
        ...at(text, 'rollbak'), covers: 'rollbak', data: { target: 'rollbak', candidates: ['rollback'] },
      },
      {
        message: 'No step named "page_oncall" (on_failure of step "verify_deploy").',
        ...at(text, 'page_oncall'), covers: 'page_oncall', data: { target: 'page_oncall', candidates: [] },
      },
      {
        message: 'No step named "deploy_prd" (on_error of step "rollback"); did you mean "deploy_prod"?',
        ...at(text, 'deploy_prd'), covers: 'deploy_prd', data: { target: 'deploy_prd', candidates: ['deploy_prod'] },
      },
      {
        message: 'No step named "continue" (dependsOn of step "rollback").',
        ...at(text, 'continue'), covers: 'continue', data: { target: 'continue', candidates: [] },
      },
    ]);
  });

  it('keeps exact ranges in CRLF text', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(run(unknownTarget, crlf).map((r) => [r.start, r.end, r.covers]), [
      [at(crlf, 'rollbak').start, at(crlf, 'rollbak').end, 'rollbak'],
      [at(crlf, 'page_oncall').start, at(crlf, 'page_oncall').end, 'page_oncall'],
      [at(crlf, 'deploy_prd').start, at(crlf, 'deploy_prd').end, 'deploy_prd'],
      [at(crlf, 'continue').start, at(crlf, 'continue').end, 'continue'],
    ]);
  });

  it('accepts ids, names, sub-steps, keywords and run-time values', () => {
    const ok = lines(
      'steps:',
      '  - {id: a, name: Alpha, conditions: {success: Alpha, failure: error_handler}}',
      '  - {id: b, next: [a, notify_slack, "{{ next }}"], on_error: fail}',
      '  - {name: notify, type: parallel, steps: [{name: notify_slack}], conditions: {success: end}}',
    );
    assert.deepEqual(run(unknownTarget, ok), []);
  });

  it('editDistance with a limit agrees with the plain dynamic program on random words', () => {
    const plain = (a: string, b: string): number => {
      let row = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        row = next;
      }
      return row[b.length];
    };
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const word = () => Array.from({ length: Math.floor(random() * 10) }, () => 'abc_'[Math.floor(random() * 4)]).join('');
    for (let n = 0; n < 3000; n++) {
      const a = word();
      const b = word();
      const limit = Math.floor(random() * 5);
      const exact = plain(a, b);
      assert.equal(editDistance(a, b), exact, `${a} / ${b}`);
      assert.equal(editDistance(a, b, limit), Math.min(exact, limit + 1), `${a} / ${b} within ${limit}`);
    }
  });

  it('closeNames and editDistance: case-insensitive, closest first, at most three', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'abcdefgh', 2), 3, 'stops early past the limit');
    assert.deepEqual(closeNames('Build', ['build', 'guild', 'test']), ['build', 'guild']);
    assert.deepEqual(closeNames('deploy_stage', ['deploy_stag', 'deploy_stages', 'deploy_prod', 'deploy_stage2', 'deploy-stage']), ['deploy-stage', 'deploy_stag', 'deploy_stage2']);
  });
});

describe('yaml.unreachable-step', () => {
  it('follows fall-through, success routes, failure routes and decision branches from the first step', () => {
    const text = lines(
      'steps:',
      '  - name: build',
      '    conditions: {success: deploy, failure: cleanup}',
      '  - name: lint',
      '  - name: deploy',
      '    on_success: end',
      '  - name: announce',
      '  - name: cleanup',
      '  - name: gate',
      '    type: decision',
      '    conditions: {approved: deploy}',
      '  - name: after_gate',
    );
    assert.deepEqual(run(unreachable, text), [
      { message: 'Step "lint" is unreachable: no route from the first step leads to it.', ...at(text, 'lint'), covers: 'lint', data: { step: 'lint' } },
      { message: 'Step "announce" is unreachable: no route from the first step leads to it.', ...at(text, 'announce'), covers: 'announce', data: { step: 'announce' } },
      { message: 'Step "after_gate" is unreachable: no route from the first step leads to it.', ...at(text, 'after_gate'), covers: 'after_gate', data: { step: 'after_gate' } },
    ]);
  });

  it('a "next" keyword goes on; a decision without conditions falls through', () => {
    const text = lines('steps:', '  - {name: a, conditions: {success: next_step}}', '  - {name: b, type: decision}', '  - {name: c}');
    assert.deepEqual(run(unreachable, text), []);
  });

  it('reports nothing for dependsOn graphs, run-time routes or a single step', () => {
    assert.deepEqual(run(unreachable, lines('steps:', '  - {id: a}', '  - {id: b}', '  - {id: c, dependsOn: [a]}')), []);
    assert.deepEqual(run(unreachable, lines('steps:', '  - {name: a, on_success: "${target}"}', '  - {name: b}', '  - {name: c}')), []);
    assert.deepEqual(run(unreachable, lines('steps:', '  - {name: a, on_success: end}')), []);
  });
});

describe('yaml.cycle', () => {
  it('reports a route back to an earlier step on its target, with the cycle spelled out', () => {
    const text = lines(
      'steps:',
      '  - name: a',
      '    conditions: {success: c}',
      '  - name: b',
      '  - name: c',
      '    conditions: {success: b}',
    );
    // a → c → b → c: b falls through to c, c routes back to b.
    assert.deepEqual(run(cycle, text), [
      { message: 'Cycle: b → c → b; no step of type "loop" controls it.', start: text.lastIndexOf('b}'), end: text.lastIndexOf('b}') + 1, covers: 'b', data: { cycle: ['b', 'c', 'b'] } },
    ]);
  });

  it('reports a failure route back and a step routing to itself; a loop step exempts its cycle', () => {
    const text = lines(
      'steps:',
      '  - name: deploy',
      '  - name: verify',
      '    on_failure: deploy',
      '  - name: poll',
      '    on_success: poll',
      '  - name: fetch',
      '    type: loop',
      '  - name: store',
      '    conditions: {success: fetch, failure: end}',
      '  - name: done',
    );
    assert.deepEqual(run(cycle, text).map((r) => [r.message, r.start, r.covers]), [
      ['Cycle: deploy → verify → deploy; no step of type "loop" controls it.', at(text, 'deploy', 1).start, 'deploy'],
      ['Cycle: poll → poll; no step of type "loop" controls it.', at(text, 'poll', 1).start, 'poll'],
    ]);
  });

  it('reports dependsOn cycles on the dependency that closes them', () => {
    const text = lines('steps:', '  - {id: a, dependsOn: [b]}', '  - {id: b, dependsOn: [a]}', '  - {id: c, dependsOn: [a]}');
    assert.deepEqual(run(cycle, text), [
      { message: 'Dependency cycle: a → b → a; none of these steps can start.', ...at(text, 'a]', 0), end: at(text, 'a]', 0).start + 1, covers: 'a', data: { cycle: ['a', 'b', 'a'] } },
    ]);
  });

  it('reports one cycle per group of steps that reach each other, counting the other routes back', () => {
    const text = lines(
      'steps:',
      '  - {name: a}',
      '  - {name: b, on_failure: a}',
      '  - {name: c, on_failure: b}',
      '  - {name: d, on_failure: a}',
      '  - {name: e, on_success: e}',
    );
    assert.deepEqual(run(cycle, text).map((r) => [r.message, r.start]), [
      ['Cycle: a → b → a; no step of type "loop" controls it (2 more routes close a cycle among these steps).', at(text, 'a}', 1).start],
      ['Cycle: e → e; no step of type "loop" controls it.', at(text, 'e}', 0).start],
    ]);
    const deps = lines('steps:', '  - {id: a, dependsOn: [c]}', '  - {id: b, dependsOn: [a]}', '  - {id: c, dependsOn: [b, a]}');
    assert.deepEqual(run(cycle, deps).map((r) => r.message), [
      'Dependency cycle: a → c → b → a; none of these steps can start (1 more dependency closes a cycle among these steps).',
    ]);
  });

  it('passes acyclic routes and DAGs', () => {
    assert.deepEqual(run(cycle, readFileSync(join(FIXTURES, 'research-fan-out.workflow.yaml'), 'utf8')), []);
    assert.deepEqual(run(cycle, lines('steps:', '  - {name: a, on_failure: c}', '  - {name: b}', '  - {name: c}')), []);
  });
});

describe('yaml.retry-range', () => {
  it('checks attempts, backoff and delays in steps, sub-steps and error_handling, on the exact value', () => {
    const text = lines(
      'steps:',
      '  - name: a',
      '    retry: {max_attempts: 0, backoff: exponentail, delay: -5}',
      '  - name: b',
      '    retry_count: 25',
      '    retry_delay: 2h',
      '  - name: c',
      '    type: parallel',
      '    steps:',
      '      - name: c1',
      '        retry: 11',
      'error_handling:',
      '  retry_strategy:',
      '    max_attempts: "three"',
      '    max_delay: 3601',
      '  max_retries: 0',
    );
    assert.deepEqual(run(retryRange, text).map((r) => [r.message, r.covers, r.data?.pointer]), [
      ['"max_attempts" must be a whole number from 1 to 10, not 0.', '0', '/steps/0/retry/max_attempts'],
      ['"backoff" must be exponential, linear or fixed, not "exponentail".', 'exponentail', '/steps/0/retry/backoff'],
      ['"delay" must be a delay from 0 to 3600 seconds (a number of seconds, or 500ms, 30s, 5m, 1h), not -5.', '-5', '/steps/0/retry/delay'],
      ['"retry_count" must be a whole number from 1 to 10, not 25.', '25', '/steps/1/retry_count'],
      ['"retry_delay" must be a delay from 0 to 3600 seconds (a number of seconds, or 500ms, 30s, 5m, 1h), not "2h" (7200 s).', '2h', '/steps/1/retry_delay'],
      ['"retry" must be a whole number from 1 to 10, not 11.', '11', '/steps/2/steps/0/retry'],
      ['"max_attempts" must be a whole number from 1 to 10, not "three".', '"three"', '/error_handling/retry_strategy/max_attempts'],
      ['"max_delay" must be a delay from 0 to 3600 seconds (a number of seconds, or 500ms, 30s, 5m, 1h), not 3601.', '3601', '/error_handling/retry_strategy/max_delay'],
      ['"max_retries" must be a whole number from 1 to 10, not 0.', '0', '/error_handling/max_retries'],
    ]);
    const first = run(retryRange, text)[0];
    assert.deepEqual({ start: first.start, end: first.end }, { start: at(text, ': 0,').start + 2, end: at(text, ': 0,').start + 3 });
  });

  it('does not report placeholders, the limits themselves, or values of the wrong type (yaml.schema\'s)', () => {
    const text = lines(
      'steps:',
      '  - {name: a, retry_count: "${max_retries}", retry: {max_attempts: 10, backoff: fixed, delay: 3600, initial_delay: 0}}',
      '  - {name: b, retry: {max_attempts: 1, backoff: "{{ strategy }}", delay: 1h, max_delay: 500ms}}',
      '  - {name: c, retry: true, retry_count: [2]}',
      'error_handling: {retry_strategy: {max_attempts: 3, backoff: exponential}, max_retries: 2, retry_delay: 30, retry_backoff: true}',
    );
    assert.deepEqual(run(retryRange, text), []);
  });
});

describe('yaml.duplicate-step', () => {
  it('reports the later step on its name, or on its id when steps have ids', () => {
    const text = lines('steps:', '  - name: build', '  - name: test', '  - name: build', '  - {id: x, name: One}', '  - {id: x, name: Two}', '  - {id: y, name: One}');
    assert.deepEqual(run(duplicate, text), [
      {
        message: 'Duplicate step name "build": step 1 (line 2) has it too, so routes to it are ambiguous.',
        ...at(text, 'build', 1), covers: 'build', data: { name: 'build', first: 0 },
      },
      {
        message: 'Duplicate step id "x": step 4 (line 5) has it too, so routes to it are ambiguous.',
        ...at(text, 'x', 1), covers: 'x', data: { name: 'x', first: 3 },
      },
    ]);
  });
});

describe('suppressions and the service', () => {
  it('# wfs-disable-next-line and # wfs-disable silence the named rules only', () => {
    const service = createWorkflowService();
    const text = lines(
      'steps:',
      '  - name: a',
      '    # wfs-disable-next-line yaml.unknown-target',
      '    on_failure: nowhere',
      '    conditions: {timeout: elsewhere}',
      '  # wfs-disable yaml.duplicate-step',
      '  - name: a',
    );
    const diagnostics = service.getDiagnostics({ uri: 'file:///ws/x.workflow.yaml', version: 1, getText: () => text });
    assert.deepEqual(
      diagnostics.filter((d) => d.code.startsWith('yaml.')).map((d) => [d.code, text.slice(d.start, d.end)]),
      [['yaml.unknown-target', 'elsewhere']],
    );
  });

  it('a generated 1k-line definition reports exactly its planted mistakes', () => {
    const text = generateYamlDefinition(1, 1000);
    const found = YAML_RULES.flatMap((rule) => run(rule, text).map((r) => `${rule.id}: ${r.message}`));
    assert.deepEqual(found, [
      'yaml.unreachable-step: Step "backup_cluster_30" is unreachable: no route from the first step leads to it.',
      'yaml.unreachable-step: Step "review_cluster_31" is unreachable: no route from the first step leads to it.',
      'yaml.unreachable-step: Step "validate_sources_32" is unreachable: no route from the first step leads to it.',
      'yaml.unreachable-step: Step "approve_schema_33" is unreachable: no route from the first step leads to it.',
      'yaml.retry-range: "backoff" must be exponential, linear or fixed, not "random".',
    ]);
  });
});
