// The four front-matter rules: frontmatter.invalid-yaml, frontmatter.unclosed, frontmatter.executable and
// frontmatter.schema, on minimal models (only what the rules read) and end to end through the service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormatId, WorkflowModel } from '../../server/src/service/model';
import type { Rule, RuleReport } from '../../server/src/service/rules/types';
import type { TemplateDescriptor } from '../../server/src/service/templates/types';
import { parseFrontmatter } from '../../server/src/service/parse/frontmatter';
import { computeLineStarts } from '../../server/src/service/text';
import { rule as invalidYaml } from '../../server/src/service/rules/frontmatter-invalid-yaml';
import { rule as unclosed } from '../../server/src/service/rules/frontmatter-unclosed';
import { rule as executable } from '../../server/src/service/rules/frontmatter-executable';
import { rule as schemaRule, frontmatterSchemaName, schemaIssueSpan } from '../../server/src/service/rules/frontmatter-schema';
import { findRule } from '../../server/src/service/rules';
import { createWorkflowService } from '../../server/src/service';
import { builtinTemplate } from '../../server/src/service/templates/builtin';

function modelOf(text: string, format: FormatId = 'plain'): WorkflowModel {
  const lineStarts = computeLineStarts(text);
  return {
    uri: 'file:///workflows/test.md', version: 1, text, lineStarts, kind: 'markdown', format, formatSource: 'detected',
    frontmatter: parseFrontmatter(text, lineStarts), sections: [], steps: [], todos: [], placeholders: [], skillWorkflows: [], suppressions: [],
  };
}

/** Runs a rule with the template the format brings (its built-in one) unless one is given or `null`. */
function run(rule: Rule, text: string, format: FormatId = 'plain', template?: TemplateDescriptor | null): RuleReport[] {
  const reports: RuleReport[] = [];
  const inForce = template === null ? undefined : template ?? builtinTemplate(format);
  rule.check({ model: modelOf(text, format), template: inForce, options: {} }, (r) => reports.push(r));
  return reports;
}

/** Reports as [message, covered text], so expectations show what is underlined. */
function shown(text: string, reports: RuleReport[]): [string, string][] {
  return reports.map((r) => [r.message, text.slice(r.start, r.end)]);
}

test('the rules are registered with their ids, severities and docs', () => {
  for (const [rule, id, severity] of [
    [invalidYaml, 'frontmatter.invalid-yaml', 'error'],
    [unclosed, 'frontmatter.unclosed', 'error'],
    [executable, 'frontmatter.executable', 'error'],
    [schemaRule, 'frontmatter.schema', 'warning'],
  ] as const) {
    assert.equal(rule.id, id);
    assert.equal(rule.defaultSeverity, severity);
    assert.equal(findRule(id), rule);
    assert.match(rule.docs, /### Fails[\s\S]*### Passes[\s\S]*### Disable/);
  }
});

// frontmatter.invalid-yaml

test('frontmatter.invalid-yaml reports the exact error span', () => {
  const text = '---\ntitle: [Workflow] X Process\ntype: system\n---\n# X\n';
  const reports = run(invalidYaml, text);
  assert.deepEqual(reports, [{ message: 'Invalid YAML in front matter: Unexpected scalar at node end', start: 22, end: 31 }]);
  assert.deepEqual(shown(text, reports), [['Invalid YAML in front matter: Unexpected scalar at node end', 'X Process']]);
});

test('frontmatter.invalid-yaml reports the parser\'s warnings as warnings, and the data is still read', () => {
  const text = '---\ntitle: Release\nowner: !team payments\n---\n# Release\n';
  const reports = run(invalidYaml, text);
  assert.deepEqual(shown(text, reports), [['YAML warning in front matter: Unresolved tag: !team', '!team']]);
  assert.equal(reports[0].severity, 'warning');
  assert.deepEqual(parseFrontmatter(text, computeLineStarts(text))?.data, { title: 'Release', owner: 'payments' });
  // A duplicate key stays an error.
  const dup = '---\ntitle: a\ntitle: b\n---\n';
  assert.deepEqual(run(invalidYaml, dup).map((r) => [r.message, r.severity]), [['Invalid YAML in front matter: Map keys must be unique', undefined]]);
});

test('frontmatter.invalid-yaml reports JSON errors as JSON', () => {
  const text = '---json\n{"title": "x",}\n---\n';
  assert.deepEqual(shown(text, run(invalidYaml, text)), [['Invalid JSON in front matter: Expected double-quoted property name', '}']]);
});

test('frontmatter.invalid-yaml passes valid, unclosed and absent front matter', () => {
  assert.deepEqual(run(invalidYaml, '---\ntitle: "[Workflow] X Process"\n---\n'), []);
  assert.deepEqual(run(invalidYaml, '---\ntitle: [a\n\n# never closed\n'), []);
  assert.deepEqual(run(invalidYaml, '# Title\n\ntitle: [a\n'), []);
});

// frontmatter.unclosed

test('frontmatter.unclosed reports the opening line', () => {
  const text = '---\ntitle: Release\n\n# Release\n';
  assert.deepEqual(run(unclosed, text), [
    { message: 'Front matter is never closed: add a "---" line after it (for a horizontal rule, write "***" instead).', start: 0, end: 3 },
  ]);
  const bom = '\uFEFF---  \r\ntitle: x\r\n';
  assert.deepEqual(run(unclosed, bom).map((r) => [r.start, r.end]), [[1, 6]]);
});

test('frontmatter.unclosed passes closed front matter', () => {
  assert.deepEqual(run(unclosed, '---\ntitle: Release\n---\n# Release\n'), []);
  assert.deepEqual(run(unclosed, '---\ntitle: Release\n...\n'), []);
  assert.deepEqual(run(unclosed, '# Release\n\n---\n'), []);
});

// frontmatter.executable

test('frontmatter.executable reports code front matter at the opening line', () => {
  const text = '---js\n{ title: "x" }\n---\n';
  assert.deepEqual(run(executable, text), [{ message: "Front matter in 'js' is never executed; use YAML", start: 0, end: 5, data: { language: 'js' } }]);
  assert.deepEqual(shown('---coffee\ntitle: "x"\n---\n', run(executable, '---coffee\ntitle: "x"\n---\n')), [
    ["Front matter in 'coffee' is never executed; use YAML", '---coffee'],
  ]);
  assert.deepEqual(run(executable, '---toml\ntitle = "x"\n---\n').map((r) => r.message), ["Front matter in 'toml' is not read; use YAML"]);
});

test('frontmatter.executable passes YAML and JSON front matter', () => {
  assert.deepEqual(run(executable, '---\ntitle: x\n---\n'), []);
  assert.deepEqual(run(executable, '---yaml\ntitle: x\n---\n'), []);
  assert.deepEqual(run(executable, '---json\n{"title": "x"}\n---\n'), []);
});

// frontmatter.schema

test('frontmatter.schema picks the schema by format', () => {
  assert.equal(frontmatterSchemaName('frontmatter'), 'frontmatter-template');
  assert.equal(frontmatterSchemaName('catalog'), 'catalog-frontmatter');
  assert.equal(frontmatterSchemaName('plain'), 'workflow-frontmatter');
  assert.equal(frontmatterSchemaName('file-header'), 'workflow-frontmatter');
  assert.equal(frontmatterSchemaName('skill-sequence'), 'workflow-frontmatter');
});

test('frontmatter.schema reports values on the value and puts the allowed values in data', () => {
  const text = '---\ntitle: Release\nfrequency: every week\nversion: latest\nship_factor: 12\ncreated: last week\nactive: yes\n---\n';
  const reports = run(schemaRule, text, 'frontmatter');
  assert.deepEqual(shown(text, reports), [
    ['"created" must be an ISO date or date-time (e.g. 2024-01-15 or 2024-01-15T10:00:00Z)', 'last week'],
    ['"version" must be a version number (e.g. 3 or 2.1.0)', 'latest'],
    ['"ship_factor" must be <= 10', '12'],
    ['"active" must be boolean', 'yes'],
    ['"frequency" must be one of: daily, weekly, monthly, on-demand', 'every week'],
  ]);
  assert.deepEqual(reports[4].data, {
    schema: 'frontmatter-template', path: '/frequency', keyword: 'enum', allowed: ['daily', 'weekly', 'monthly', 'on-demand'],
  });
  assert.deepEqual(reports[1].data, { schema: 'frontmatter-template', path: '/version', keyword: 'format' });
});

test('frontmatter.schema reports a missing required property on the opening line', () => {
  const text = '---\nfrequency: weekly\n---\n# Release\n';
  const reports = run(schemaRule, text, 'frontmatter');
  assert.deepEqual(reports, [
    { message: 'Missing required property "title"', start: 0, end: 3, data: { schema: 'frontmatter-template', path: '/title', keyword: 'required', missing: 'title' } },
  ]);
  assert.deepEqual(shown('---\nauto_execution_mode: 3\n---\n', run(schemaRule, '---\nauto_execution_mode: 3\n---\n', 'catalog')), [
    ['Missing required property "description"', '---'],
  ]);
});

test('frontmatter.schema reports a key without a value on the key', () => {
  const text = '---\ntitle:\n---\n';
  assert.deepEqual(shown(text, run(schemaRule, text, 'frontmatter')), [['"title" must be string', 'title']]);
});

test('frontmatter.schema reports items of lists on the list value', () => {
  const text = '---\ntitle: x\ntags: [a, 3]\n---\n';
  assert.deepEqual(shown(text, run(schemaRule, text, 'frontmatter')), [['"tags[1]" must be string', '[a, 3]']]);
});

test('frontmatter.schema: the generic schema accepts real agent front matter and types what it knows', () => {
  for (const text of [
    '---\ntool_targets: [windsurf-review]\ndescription: Review an ADR\nmode: read-only\n---\n',
    '---\nallowed-tools: "*"\ndescription: generic command to run all tests\n---\n',
    '---\ndescription: リリース\nallowed-tools: Bash, Read, Edit, AskUserQuestion\n---\n',
    '---\nallowed-tools:\n  - Bash\n  - Read\nargument-hint: "[version]"\n---\n',
    '---\ntitle: Runbook Template Reference\nsidebar_label: Runbook Template Reference\nsidebar_position: 4\nsomething_else: {a: 1}\n---\n',
  ]) {
    assert.deepEqual(run(schemaRule, text, 'plain'), [], text);
  }
  const text = '---\nallowed-tools: 5\nsidebar_position: first\n---\n';
  assert.deepEqual(shown(text, run(schemaRule, text, 'plain')), [
    ['"allowed-tools" must be string or array', '5'],
    ['"sidebar_position" must be number', 'first'],
  ]);
});

test('frontmatter.schema: a team template uses the schema of its format', () => {
  const team: TemplateDescriptor = {
    id: 'team', name: 'Team template', format: 'frontmatter', sections: [], steps: { command: false, validation: false, rollback: false }, source: 'docs/team-template.md',
  };
  const text = '---\ndescription: Release\n---\n';
  assert.deepEqual(run(schemaRule, text, 'plain'), []);
  assert.deepEqual(run(schemaRule, text, 'plain', team).map((r) => r.message), ['Missing required property "title"']);
  // Front matter without a template in force (metadata only: a title, an owner) gets the generic schema.
  assert.deepEqual(run(schemaRule, '---\ntitle: Restore\nversion: "1.0"\n---\n', 'frontmatter', null), []);
});

test('frontmatter.schema reports front matter that is not a mapping, and leaves broken front matter to the syntax rule', () => {
  const list = '---\n- a\n- b\n---\n';
  assert.deepEqual(shown(list, run(schemaRule, list, 'frontmatter')), [['Front matter must be a mapping of keys to values (e.g. "title: Release Process").', '---']]);
  assert.deepEqual(run(schemaRule, '---\ntitle: [a] b\n---\n', 'frontmatter'), []);
  assert.deepEqual(run(schemaRule, '---js\n{}\n---\n', 'frontmatter'), []);
  assert.deepEqual(run(schemaRule, '---\ntitle: x\n', 'frontmatter'), []);
  assert.deepEqual(run(schemaRule, '# No front matter\n', 'frontmatter'), []);
});

test('schema issues about properties point at keys; missing ones at the parent key or the opening line', () => {
  const text = '---\ntitle: x\nmeta:\n  owner: ops\n---\n';
  const fm = modelOf(text).frontmatter!;
  const span = (pointer: string, keyword: string) => {
    const s = schemaIssueSpan(fm, { pointer, keyword, message: '', params: {} }, 3);
    return text.slice(s.start, s.end);
  };
  assert.equal(span('/title', 'additionalProperties'), 'title');
  assert.equal(span('/meta/extra', 'additionalProperties'), 'meta');
  assert.equal(span('/meta/team', 'required'), 'meta');
  assert.equal(span('/owner', 'required'), '---');
  assert.equal(span('/gone', 'additionalProperties'), '---');
  assert.equal(span('/meta/owner', 'type'), 'owner: ops');
  assert.equal(span('', 'type'), '---');
});

// End to end, through the service (the model builder calls parseFrontmatter).

test('end to end: the service reports front-matter problems with exact ranges', () => {
  const service = createWorkflowService();
  // The service caches by (uri, version): each text gets a new version.
  let version = 0;
  const doc = (text: string) => ({ uri: 'file:///workflows/release.md', version: ++version, getText: () => text });
  const frontmatterOnly = (text: string, options = {}) =>
    service.getDiagnostics(doc(text), options).filter((d) => d.code.startsWith('frontmatter.')).map((d) => [d.code, d.severity, d.message, text.slice(d.start, d.end)]);

  const template = '---\ntitle: Weekly Release\ntype: system\nsubtype: workflow\nfrequency: fortnightly\nautomation_level: semi-auto\n---\n# Weekly Release\n';
  assert.deepEqual(frontmatterOnly(template), [
    ['frontmatter.schema', 'warning', '"frequency" must be one of: daily, weekly, monthly, on-demand', 'fortnightly'],
  ]);
  assert.deepEqual(frontmatterOnly(template, { rules: { 'frontmatter.schema': 'off' } }), []);
  assert.deepEqual(frontmatterOnly(template, { rules: { 'frontmatter.schema': 'error' } }).map((d) => d[1]), ['error']);

  const broken = '---\ntitle: [Workflow] X Process\n---\n# X\n';
  assert.deepEqual(frontmatterOnly(broken), [['frontmatter.invalid-yaml', 'error', 'Invalid YAML in front matter: Unexpected scalar at node end', 'X Process']]);

  const open = '---\ntitle: Release\n\n# Release\n';
  assert.deepEqual(frontmatterOnly(open), [
    ['frontmatter.unclosed', 'error', 'Front matter is never closed: add a "---" line after it (for a horizontal rule, write "***" instead).', '---'],
  ]);

  const crlf = '---\r\ntitle: Release\r\nfrequency: weekly\r\nversion: two\r\n---\r\n# Release\r\n';
  assert.deepEqual(frontmatterOnly(crlf), [['frontmatter.schema', 'warning', '"version" must be a version number (e.g. 3 or 2.1.0)', 'two']]);

  const clean = '---\ndescription: Deploy with safety checks\nallowed-tools: Bash, Read\n---\n# Deploy\n';
  assert.deepEqual(frontmatterOnly(clean), []);
});
