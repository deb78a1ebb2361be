import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, stripJsonComments } from '../../server/src/service/config';

test('parseConfig: every key with a valid value', () => {
  const text = JSON.stringify({
    rules: { 'section.blank': 'error', 'todo.marker': 'off' },
    template: 'templates/workflow.md',
    formats: { 'docs/catalog/**': 'catalog', '*.runbook.md': 'plain' },
    auditMaxAgeDays: 90,
    skills: ['audit', 'planner'],
    include: ['docs/**'],
    exclude: ['docs/drafts'],
  });
  const { config, errors } = parseConfig(text, '.wfs.json');
  assert.deepEqual(errors, []);
  assert.deepEqual(config, {
    rules: { 'section.blank': 'error', 'todo.marker': 'off' },
    template: 'templates/workflow.md',
    formats: { 'docs/catalog/**': 'catalog', '*.runbook.md': 'plain' },
    auditMaxAgeDays: 90,
    skills: ['audit', 'planner'],
    include: ['docs/**'],
    exclude: ['docs/drafts'],
  });
});

test('parseConfig: comments and trailing commas are allowed (JSONC)', () => {
  const text = `{
  // Severities for this repository.
  "rules": { "section.blank": "hint", /* not yet */ },
  "skills": ["audit", "planner",],
  "template": "templates//not-a-comment.md", // a string with slashes stays intact
}`;
  const { config, errors } = parseConfig(text, 'a/.wfs.json');
  assert.deepEqual(errors, []);
  assert.deepEqual(config, { rules: { 'section.blank': 'hint' }, skills: ['audit', 'planner'], template: 'templates//not-a-comment.md' });
});

test('stripJsonComments keeps offsets and line breaks', () => {
  const text = '{"a": 1, // c\n/* x\ny */ "b": [1,],}';
  const out = stripJsonComments(text);
  assert.equal(out.length, text.length);
  assert.equal(out, '{"a": 1,     \n    \n     "b": [1 ] }');
  assert.deepEqual(JSON.parse(out), { a: 1, b: [1] });
});

test('parseConfig: a leading BOM is ignored', () => {
  assert.deepEqual(parseConfig('\ufeff{"auditMaxAgeDays": 30}', 'c.json'), { config: { auditMaxAgeDays: 30 }, errors: [] });
});

test('parseConfig: unknown keys, unknown rules and bad values name the key; valid parts are kept', () => {
  const text = JSON.stringify({
    rulez: {},
    rules: { 'no.such-rule': 'error', 'section.blank': 'loud', 'todo.marker': 'warning' },
    formats: { 'docs/**': 'markdown', '*.md': 'catalog' },
    auditMaxAgeDays: -3,
    skills: ['ok', 3],
    include: 'docs',
    template: '',
  });
  const { config, errors } = parseConfig(text, '.wfs.json');
  assert.deepEqual(errors, [
    '.wfs.json: "rulez": unknown key (known keys: rules, template, formats, auditMaxAgeDays, skills, include, exclude, destructiveCommands, shellcheck, templates, conventions)',
    '.wfs.json: "rules": unknown rule "no.such-rule"',
    '.wfs.json: "rules": "section.blank" must be one of error, warning, information, hint, off (got "loud")',
    '.wfs.json: "formats": "docs/**" must be one of frontmatter, file-header, catalog, skill-sequence, yaml-definition, agent, reference, plain (got "markdown")',
    '.wfs.json: "auditMaxAgeDays" must be a positive whole number of days',
    '.wfs.json: "skills" must be an array of non-empty strings (skill ids)',
    '.wfs.json: "include" must be an array of non-empty strings (globs)',
    '.wfs.json: "template" must be a non-empty path to a Markdown template',
  ]);
  assert.deepEqual(config, { rules: { 'todo.marker': 'warning' }, formats: { '*.md': 'catalog' } });
});

test('parseConfig: invalid JSON gives its line and column', () => {
  const { config, errors } = parseConfig('{\n  "rules": {\n    "section.blank" "off"\n  }\n}', '.wfs.json');
  assert.deepEqual(config, {});
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^\.wfs\.json: invalid JSON at 3:21: /);
});

test('parseConfig: empty text and non-object roots', () => {
  assert.deepEqual(parseConfig('  \n', 'x.json').errors, ['x.json: the file is empty; expected a JSON object']);
  assert.deepEqual(parseConfig('[1, 2]', 'x.json').errors, ['x.json: expected a JSON object at the top level']);
  assert.deepEqual(parseConfig('null', 'x.json').errors, ['x.json: expected a JSON object at the top level']);
  assert.deepEqual(parseConfig('{"rules": []}', 'x.json').errors, ['x.json: "rules" must be an object of rule id -> error|warning|information|hint|off']);
});
