// The JSON Schemas in schemas/ and validateAgainst: every schema compiles, documents its properties, and
// gives human messages; the real front matter of the corpus and seeds passes the schema of its format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { isIsoDateOrDateTime, schemaFor, schemaIssuesFromAjv, schemaNames, validateAgainst } from '../../server/src/service/schemas';
import { createWorkflowService } from '../../server/src/service';
import { frontmatterSchemaName } from '../../server/src/service/rules/frontmatter-schema';
import { ownMarkdownDocuments } from './support/fixtures';
import { sharedDocuments, sharedMissing } from './support/shared';

const ROOT = join(__dirname, '..', '..');
/** The schemas this suite owns the wording of; every schema must still compile. */
const MARKDOWN_SCHEMAS = ['frontmatter-template', 'catalog-frontmatter', 'workflow-frontmatter', 'file-header'];

test('every schema file is in the table, compiles, and is named workflow-studio/<name>', () => {
  const files = readdirSync(join(ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json')).map((f) => f.replace(/\.schema\.json$/, '')).sort();
  assert.deepEqual([...schemaNames()].sort(), files);
  for (const name of schemaNames()) {
    const schema = schemaFor(name) as { $id?: string };
    assert.equal(schema.$id, `workflow-studio/${name}`);
    assert.doesNotThrow(() => validateAgainst(name, {}), name);
  }
  assert.throws(() => schemaFor('no-such-schema'), /Unknown schema "no-such-schema"/);
});

test('the Markdown schemas describe every property and name no network host', () => {
  function walk(node: unknown, path: string): void {
    if (!node || typeof node !== 'object') return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) {
      for (const [key, child] of Object.entries(properties)) {
        const description = (child as { description?: unknown }).description;
        assert.ok(typeof description === 'string' && description.length > 10, `${path}/${key} has no description`);
        walk(child, `${path}/${key}`);
      }
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object' && value !== properties) walk(value, path);
  }
  for (const name of MARKDOWN_SCHEMAS) {
    walk(schemaFor(name), name);
    assert.doesNotMatch(readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'), /[a-z]+:\/\//i, name);
  }
});

test('the front-matter template schema has seed 000\'s fields and allowed values', () => {
  const schema = schemaFor('frontmatter-template') as { properties: Record<string, { enum?: string[] }> };
  assert.deepEqual(schema.properties.frequency.enum, ['daily', 'weekly', 'monthly', 'on-demand']);
  assert.deepEqual(schema.properties.automation_level.enum, ['manual', 'semi-auto', 'full-auto']);
  for (const key of ['title', 'type', 'subtype', 'tags', 'created', 'modified', 'version', 'ship_factor', 'active']) {
    assert.ok(schema.properties[key], key);
  }
  const seed = {
    title: '[Workflow] X Process', type: 'system', subtype: 'workflow', tags: ['workflow', 'area', 'frequency'],
    created: '2024-01-15T10:00:00Z', modified: '2024-01-15T10:00:00Z', version: 1, ship_factor: 7, active: true,
    frequency: 'daily', automation_level: 'manual',
  };
  assert.deepEqual(validateAgainst('frontmatter-template', seed), []);
});

test('validateAgainst gives human messages, pointers and params', () => {
  const issues = validateAgainst('frontmatter-template', {
    frequency: 'sometimes', version: 'two', ship_factor: 11, active: 'yes', created: 'last week', tags: ['a', 3],
  });
  assert.deepEqual(
    issues.map((i) => [i.pointer, i.keyword, i.message]),
    [
      ['/title', 'required', 'Missing required property "title"'],
      ['/tags/1', 'type', '"tags[1]" must be string'],
      ['/created', 'format', '"created" must be an ISO date or date-time (e.g. 2024-01-15 or 2024-01-15T10:00:00Z)'],
      ['/version', 'format', '"version" must be a version number (e.g. 3 or 2.1.0)'],
      ['/ship_factor', 'maximum', '"ship_factor" must be <= 10'],
      ['/active', 'type', '"active" must be boolean'],
      ['/frequency', 'enum', '"frequency" must be one of: daily, weekly, monthly, on-demand'],
    ],
  );
  const frequency = issues.find((i) => i.keyword === 'enum');
  assert.deepEqual(frequency?.params.allowedValues, ['daily', 'weekly', 'monthly', 'on-demand']);
  assert.deepEqual(validateAgainst('catalog-frontmatter', { auto_execution_mode: 'three' }).map((i) => i.message), [
    'Missing required property "description"',
    '"auto_execution_mode" must be integer',
  ]);
  assert.deepEqual(validateAgainst('file-header', { FILE: 'a.md', PURPOSE: 'x', OWNER: '', 'LAST-AUDITED': '18.11.2025' }).map((i) => i.message), [
    '"OWNER" must not be empty',
    '"LAST-AUDITED" must be an ISO date (YYYY-MM-DD)',
  ]);
});

test('version is a number or a version string; the generic schema takes a date as its tools write it', () => {
  const versionIssues = (version: unknown) => validateAgainst('frontmatter-template', { title: 'T', version }).map((i) => i.message);
  // Real runbooks in the template's format version the document ("2.1.0"); the template itself writes 1.
  for (const ok of [0, 3, 1.5, '2', '2.1.0', 'v3', '1.0.0-rc.1', '0.0']) assert.deepEqual(versionIssues(ok), [], String(ok));
  for (const bad of ['latest', '2.x', '1..2', '', 'v']) assert.deepEqual(versionIssues(bad), ['"version" must be a version number (e.g. 3 or 2.1.0)'], bad);
  assert.deepEqual(versionIssues(-1), ['"version" must be >= 0']);
  assert.deepEqual(versionIssues(true), ['"version" must be number or string']);
  // The template promises ISO dates; a document in no template's format may follow its own tools' spelling.
  assert.deepEqual(validateAgainst('frontmatter-template', { title: 'T', created: '03.01.2026' }).map((i) => i.keyword), ['format']);
  assert.deepEqual(validateAgainst('workflow-frontmatter', { created: '03.01.2026', modified: '2026-01-04' }), []);
  assert.deepEqual(validateAgainst('workflow-frontmatter', { created: 20260103 }).map((i) => i.message), ['"created" must be string']);
});

test('ajv errors for unknown properties, combinators and nesting read as sentences', () => {
  const ajv = new Ajv2020({ allErrors: true });
  const validate = ajv.compile({
    type: 'object',
    additionalProperties: false,
    properties: {
      steps: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
      mode: { anyOf: [{ const: 'auto' }, { const: 'manual' }] },
      size: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    },
  });
  assert.equal(validate({ steps: [{ name: 1 }, {}], mode: 'sometimes', size: true, extra: 1 }), false);
  assert.deepEqual(
    schemaIssuesFromAjv(validate.errors ?? []).map((i) => [i.pointer, i.keyword, i.message]),
    [
      ['/extra', 'additionalProperties', 'Unknown property "extra"'],
      ['/steps/0/name', 'type', '"steps[0].name" must be string'],
      ['/steps/1/name', 'required', '"steps[1]" is missing required property "name"'],
      ['/mode', 'anyOf', '"mode" must be one of: auto, manual'],
      ['/size', 'oneOf', '"size" must be string or number'],
    ],
  );
});

test('dates: ISO dates and date-times, with or without seconds, fraction and time zone', () => {
  for (const ok of ['2024-01-15', '2024-01-15T10:00:00Z', '2025-09-19T06:58:56.086177', '2024-01-15T10:00', '2024-01-15 10:00:00+02:00', '2024-02-29T23:59:60-0500']) {
    assert.equal(isIsoDateOrDateTime(ok), true, ok);
  }
  for (const bad of ['2024-13-01', '2023-02-29', '2024-04-31', 'yesterday', '2024-01-15T25:00', '15.01.2024', '2024-1-5', '2024-01-15T10']) {
    assert.equal(isIsoDateOrDateTime(bad), false, bad);
  }
});

/** Each document's front matter against the schema of the format it is linted as: "name:schema" of those checked. */
function frontmattersPassTheirSchema(documents: readonly { name: string; text: string }[]): string[] {
  const service = createWorkflowService();
  const checked: string[] = [];
  for (const { name, text } of documents) {
    const model = service.parse({ uri: `file:///${name.replace(/\.txt$/, '.md')}`, version: 1, getText: () => text });
    const data = model.frontmatter?.data;
    if (!data) continue;
    const schema = frontmatterSchemaName(model.template?.format ?? 'plain');
    assert.deepEqual(validateAgainst(schema, data), [], `${name} against ${schema}`);
    checked.push(`${name}:${schema}`);
  }
  return checked;
}

test('every front matter of the project\'s documents passes the schema of the format it is linted as', () => {
  // A team template's front matter configures its derivation (wfs-format, wfs-index-section): it is no workflow's.
  const documents = ownMarkdownDocuments().filter((d) => !d.name.startsWith('templates/'));
  assert.deepEqual(frontmattersPassTheirSchema(documents), [
    'formats/catalog-template.md:catalog-frontmatter',
    'formats/frontmatter-workflow.md:frontmatter-template',
    'frontmatter/folded-description.md:workflow-frontmatter',
    'frontmatter/nested-map.md:workflow-frontmatter',
  ]);
});

test('every real front matter in the corpus and seeds passes the schema of the format it is linted as', { skip: sharedMissing }, () => {
  const checked = frontmattersPassTheirSchema(sharedDocuments());
  // The file with a zone-less date-time, linted with the template schema, is among them.
  assert.ok(checked.includes('corpus/aibrain-invoice-processing.md:frontmatter-template'), checked.join(', '));
  assert.ok(checked.includes('seeds/002_941efdd79d0eabcc.txt:catalog-frontmatter'), checked.join(', '));
  // So are the versions and dates that made the schemas fit real documents.
  assert.ok(checked.includes('corpus/neotool-deployment-workflow-fm-manual-steps.md:frontmatter-template'), checked.join(', '));
  assert.ok(checked.includes('corpus/tr0u8l3-oncall-fm-mermaid.md:workflow-frontmatter'), checked.join(', '));
  assert.ok(checked.length >= 9, checked.join(', '));
});
