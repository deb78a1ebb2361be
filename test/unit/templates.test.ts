import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedValues, deriveTemplate, MAX_TEMPLATE_CHARS } from '../../server/src/service/templates/derive';
import { builtinTemplate, builtinTemplateText } from '../../server/src/service/templates/builtin';
import { aliasesFor, indexFieldAliasesFor, sameSection, STEP_FIELD_ALIASES, stepFieldRole } from '../../server/src/service/templates/aliases';
import { fieldKey, guidanceKey, sectionKey, stripInline } from '../../server/src/service/parse/normalize';
import type { TemplateDescriptor } from '../../server/src/service/templates/types';
import { BUILTIN_DATA_FILE, readTemplateFiles, renderBuiltinData } from '../../scripts/gen-templates';
import { formatFixture } from './support/fixtures';
import { SEEDS, sharedMissing } from './support/shared';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'templates');
const seed = (name: string): string => readFileSync(join(SEEDS, name), 'utf8');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function derived(text: string, source = 't.md'): TemplateDescriptor {
  const { template, errors } = deriveTemplate(text, source);
  assert.deepEqual(errors, []);
  assert.ok(template);
  return template;
}

/** A compact view of the sections: "level number title [key] required parent". */
function outline(t: TemplateDescriptor): string[] {
  return t.sections.map(
    (s) => `${s.level} ${s.number ?? '-'} ${s.title} [${s.key}] ${s.required ? 'required' : 'optional'}${s.parentKey ? ` < ${s.parentKey}` : ''}`,
  );
}

describe('normalize (as the templates use it)', () => {
  test('stripInline removes emphasis and code marks, and leaves plain text as is', () => {
    assert.equal(stripInline('**Step 1 — Name**'), 'Step 1 — Name');
    assert.equal(stripInline('Run `npm test` _now_'), 'Run npm test now');
    assert.equal(stripInline('Plain title'), 'Plain title');
  });
  test('sectionKey drops numbering, parentheticals, emoji and punctuation', () => {
    assert.equal(sectionKey('0. Index Entry (for catalog)'), 'index entry');
    assert.equal(sectionKey('2.2 Steps & Actors (text diagram)'), 'steps and actors');
    assert.equal(sectionKey('🚀 Übersicht'), 'übersicht');
    assert.equal(sectionKey('Decision Points (optional)'), 'decision points');
    assert.equal(sectionKey('手順'), '手順');
  });
  test('fieldKey and guidanceKey', () => {
    assert.equal(fieldKey('Short description (1–2 sentences):'), 'short description');
    assert.equal(guidanceKey('  > If unclear, propose a domain and ask the user to confirm.'), 'if unclear, propose a domain and ask the user to confirm.');
    assert.equal(guidanceKey('- [ ] **Condition 1** met  '), 'condition 1 met');
  });
});

describe('aliases', () => {
  test('section aliases from the table, normalized, without the key itself', () => {
    assert.deepEqual(aliasesFor('validation'), ['verification', 'verify', 'checks', 'validation steps']);
    assert.ok(aliasesFor('prerequisites').includes('voraussetzungen'));
    assert.ok(aliasesFor('prerequisites').includes('前提条件'));
    assert.ok(aliasesFor('prerequisites').includes('before you begin'));
    assert.ok(aliasesFor('steps').includes('ワークフロー'));
    assert.ok(aliasesFor('overview').includes('概要'));
    assert.ok(aliasesFor('rollback procedure').includes('undo'));
    assert.ok(aliasesFor('success criteria').includes('definition of done'));
    assert.ok(aliasesFor('change log').includes('changelog'));
    assert.ok(aliasesFor('monitoring').includes('observability'));
    assert.ok(aliasesFor('error handling').includes('troubleshooting'));
    assert.ok(aliasesFor('outputs').includes('results'));
    assert.ok(aliasesFor('triggers').includes('when to use'));
    assert.deepEqual(aliasesFor('no such section'), []);
  });
  test('aliasesFor returns a copy', () => {
    aliasesFor('validation').push('mutated');
    assert.ok(!aliasesFor('validation').includes('mutated'));
  });
  test('sameSection: exact key, alias, plural', () => {
    assert.equal(sameSection('rollback procedure', aliasesFor('rollback procedure'), 'rollback'), true);
    assert.equal(sameSection('triggers', [], 'trigger'), true);
    assert.equal(sameSection('outputs', [], 'output'), true);
    assert.equal(sameSection('prerequisites', aliasesFor('prerequisites'), 'voraussetzungen'), true);
    assert.equal(sameSection('steps', aliasesFor('steps'), 'rollback'), false);
    assert.equal(sameSection('process', [], 'proces'), false);
    assert.equal(sameSection('address', [], 'addres'), false);
  });
  test('step field aliases', () => {
    assert.deepEqual(Object.keys(STEP_FIELD_ALIASES).sort(), ['actions', 'actor', 'duration', 'purpose', 'rollback', 'validation']);
    assert.equal(stepFieldRole('Verification'), 'validation');
    assert.equal(stepFieldRole('Verify:'), 'validation');
    assert.equal(stepFieldRole('Undo'), 'rollback');
    assert.equal(stepFieldRole('Revert'), 'rollback');
    assert.equal(stepFieldRole('Who'), 'actor');
    assert.equal(stepFieldRole('Estimated time'), 'duration');
    assert.equal(stepFieldRole('ETA'), 'duration');
    assert.equal(stepFieldRole('Notes'), undefined);
  });
  test('index field aliases', () => {
    assert.deepEqual(indexFieldAliasesFor('risk level'), ['risk']);
    assert.deepEqual(indexFieldAliasesFor('category'), []);
  });
});

describe('deriveTemplate: a numbered catalog template with "0. Index Entry" (test/fixtures/formats)', () => {
  const t = derived(formatFixture('catalog-template.md'), 'service-runbook-template.md');

  test('format, name, source', () => {
    assert.equal(t.format, 'catalog');
    assert.equal(t.name, 'Service Runbook Template');
    assert.equal(t.id, 'custom:service-runbook-template.md');
    assert.equal(t.source, 'service-runbook-template.md');
    assert.deepEqual(t.steps, { command: false, validation: false, rollback: false });
  });

  test('exact section list: numbers, sub-sections under their parent, keys without numbering or parentheticals', () => {
    assert.deepEqual(outline(t), [
      '2 0 Index Entry (for catalog) [index entry] required',
      '2 1 Purpose [purpose] required',
      '2 2 Preparation [preparation] required',
      '3 2.1 Before You Start [before you start] required < preparation',
      '3 2.2 Sign-off & Hand-over (who, in order) [sign off and hand over] required < preparation',
      '2 3 Escalation [escalation] required',
      '2 4 Monitoring [monitoring] required',
      '3 4.1 Dashboards [dashboards] required < monitoring',
      '3 4.2 Alerts [alerts] required < monitoring',
      '2 5 Rollback and Recovery [rollback and recovery] required',
    ]);
  });

  test('aliases merged from the table', () => {
    const find = (key: string) => t.sections.find((s) => s.key === key)!;
    assert.deepEqual(find('monitoring').aliases, ['observability']);
    assert.deepEqual(find('index entry').aliases, ['catalog entry']);
    assert.ok(find('purpose').aliases.includes('overview'));
    assert.deepEqual(find('escalation').aliases, []);
  });

  test('section guidance and guidance text', () => {
    const signOff = t.sections.find((s) => s.key === 'sign off and hand over')!;
    assert.deepEqual(signOff.guidance, ['<who> approves the change in <tool>.', '<who> takes over the pager while it runs.', 'name roles, not people.']);
    assert.equal(signOff.guidanceText, '1. `<Who>` approves the change in `<tool>`.\n2. `<Who>` takes over the pager while it runs.\n\n> Name roles, not people.');
    // A section whose content is all in its sub-sections has no guidance of its own.
    const preparation = t.sections.find((s) => s.key === 'preparation')!;
    assert.deepEqual(preparation.guidance, []);
    assert.equal(preparation.guidanceText, '');
    // The `---` between sections is neither guidance nor part of the text to insert.
    const purpose = t.sections.find((s) => s.key === 'purpose')!;
    assert.ok(!purpose.guidance.includes('---'));
    assert.ok(purpose.guidanceText.endsWith('propose a check.'));
    assert.ok(purpose.guidance.includes('when does someone need this runbook?'));
  });

  test('index entry fields', () => {
    assert.equal(t.indexEntry?.sectionKey, 'index entry');
    const fields = t.indexEntry!.fields;
    assert.deepEqual(
      fields.map((f) => [f.label, f.key, f.required]),
      [
        ['Runbook name', 'runbook name', true],
        ['Summary (one sentence)', 'summary', true],
        ['Service', 'service', true],
        ['Status', 'status', true],
        ['Owning team', 'owning team', true],
      ],
    );
    // "e.g., ..." lists examples, not allowed values.
    assert.deepEqual(fields.filter((f) => f.allowed).map((f) => f.key), []);
    assert.deepEqual(fields[0].guidance, ['<service>-<procedure>', 'keep the name stable once an alert links to the runbook.']);
    assert.deepEqual(fields[1].aliases, ['short description', 'description']);
    assert.deepEqual(fields.find((f) => f.key === 'status')!.guidance, ['e.g., draft, reviewed, retired.', 'update it whenever the procedure changes.']);
  });
});

describe('deriveTemplate: seed 002', { skip: sharedMissing }, () => {
  const t = derived(seed('002_941efdd79d0eabcc.txt'), 'seed-002.md');

  test('format, name, source', () => {
    assert.equal(t.format, 'catalog');
    assert.equal(t.name, 'Workflow Template');
    assert.equal(t.id, 'custom:seed-002.md');
    assert.equal(t.source, 'seed-002.md');
    assert.deepEqual(t.steps, { command: false, validation: false, rollback: false });
  });

  test('exact section list', () => {
    assert.deepEqual(outline(t), [
      '2 0 Index Entry (for catalog) [index entry] required',
      '2 1 Problem Statement [problem statement] required',
      '2 2 High-Level Flow [high level flow] required',
      '3 2.1 Narrative [narrative] required < high level flow',
      '3 2.2 Steps & Actors (text diagram) [steps and actors] required < high level flow',
      '2 3 Triggers and Inputs [triggers and inputs] required',
      '3 3.1 Triggers [triggers] required < triggers and inputs',
      '3 3.2 Input Payloads [input payloads] required < triggers and inputs',
      '2 4 Actions and Outputs [actions and outputs] required',
      '3 4.1 Systems Touched [systems touched] required < actions and outputs',
      '3 4.2 Final Outcome [final outcome] required < actions and outputs',
      '2 5 Failure Modes and Error Handling [failure modes and error handling] required',
      '3 5.1 Failure Scenarios [failure scenarios] required < failure modes and error handling',
      '3 5.2 Handling Strategy [handling strategy] required < failure modes and error handling',
      '2 6 Idempotency Strategy [idempotency strategy] required',
      '2 7 Job and Queue Model [job and queue model] required',
      '3 7.1 Jobs [jobs] required < job and queue model',
      '3 7.2 Retries and DLQs [retries and dlqs] required < job and queue model',
      '2 8 Observability [observability] required',
      '3 8.1 Logging [logging] required < observability',
      '3 8.2 Metrics [metrics] required < observability',
      '2 9 Human-in-the-Loop & Safety [human in the loop and safety] required',
      '2 10 Interfaces and Data Contracts [interfaces and data contracts] required',
      '2 11 Implementation Notes [implementation notes] required',
      '2 12 Testing Strategy [testing strategy] required',
      '2 13 Rollout and Operations [rollout and operations] required',
    ]);
  });

  test('aliases merged from the table', () => {
    const find = (key: string) => t.sections.find((s) => s.key === key)!;
    assert.deepEqual(find('observability').aliases, ['monitoring']);
    assert.deepEqual(find('triggers').aliases, ['trigger', 'when to use', 'when to run']);
    assert.deepEqual(find('problem statement').aliases, []);
  });

  test('section guidance and guidance text', () => {
    const narrative = t.sections.find((s) => s.key === 'narrative')!;
    assert.deepEqual(narrative.guidance, [
      'describe the end-to-end flow in a few paragraphs:',
      'from trigger to completion.',
      'who/what is involved (systems, users, agents).',
      'key decision points.',
      'if you are modifying an existing flow, highlight what changed compared to prior behavior.',
    ]);
    assert.equal(
      narrative.guidanceText,
      'Describe the end-to-end flow in a few paragraphs:\n\n- From trigger to completion.\n- Who/what is involved (systems, users, agents).\n' +
        '- Key decision points.\n\n> If you are modifying an existing flow, highlight what changed compared to prior behavior.',
    );
    // A section whose content is all in its sub-sections has no guidance of its own.
    const flow = t.sections.find((s) => s.key === 'high level flow')!;
    assert.deepEqual(flow.guidance, []);
    assert.equal(flow.guidanceText, '');
    // The `---` between sections is neither guidance nor part of the text to insert.
    const problem = t.sections.find((s) => s.key === 'problem statement')!;
    assert.ok(!problem.guidance.includes('---'));
    assert.ok(problem.guidanceText.endsWith('mark them as suggestions.'));
    assert.ok(problem.guidance.includes('what exact problem is this automation solving?'));
  });

  test('index entry fields', () => {
    assert.equal(t.indexEntry?.sectionKey, 'index entry');
    const fields = t.indexEntry!.fields;
    assert.deepEqual(
      fields.map((f) => [f.label, f.key, f.required]),
      [
        ['Workflow name', 'workflow name', true],
        ['Short description (1–2 sentences)', 'short description', true],
        ['Business domain / product', 'business domain product', true],
        ['Category', 'category', true],
        ['Status', 'status', true],
        ['Risk level', 'risk level', true],
        ['Primary systems touched', 'primary systems touched', true],
        ['Primary owners (team / role)', 'primary owners', true],
        ['Related workflows', 'related workflows', true],
      ],
    );
    // "e.g., ..." lists examples, not allowed values.
    assert.deepEqual(
      fields.filter((f) => f.allowed).map((f) => f.key),
      [],
    );
    const short = fields.find((f) => f.key === 'short description')!;
    assert.deepEqual(short.guidance, [
      'what this workflow does in plain language.',
      'if the goal is still emerging, describe the current intent and mark todos.',
    ]);
    assert.deepEqual(fields[0].guidance, ['<workflowname>', 'if modifying an existing workflow, keep the name stable unless we are explicitly renaming it.']);
    assert.deepEqual(fields[0].aliases, ['name', 'title']);
    assert.deepEqual(fields.find((f) => f.key === 'status')!.guidance, [
      'e.g., draft, in design, in development, in review, live (dev), live (staging), live (prod), deprecated.',
      'always keep this accurate when the workflow changes.',
    ]);
  });
});

describe('built-in templates', () => {
  test('the generated builtin-data.ts is up to date with schemas/templates/*.md', () => {
    const expected = renderBuiltinData(readTemplateFiles());
    assert.equal(readFileSync(BUILTIN_DATA_FILE, 'utf8'), expected, 'run: node --import tsx scripts/gen-templates.ts');
  });

  for (const format of ['frontmatter', 'file-header', 'catalog', 'skill-sequence'] as const) {
    test(`${format}.md derives without errors, to its own format`, () => {
      const text = builtinTemplateText(format);
      assert.ok(text);
      const { template, errors } = deriveTemplate(text, `${format}.md`);
      assert.deepEqual(errors, []);
      assert.equal(template?.format, format);
      const builtin = builtinTemplate(format)!;
      assert.equal(builtin.format, format);
      assert.equal(builtin.id, `builtin.${format}`);
      assert.equal(builtin.source, undefined);
    });
  }

  test('plain and yaml-definition have none', () => {
    assert.equal(builtinTemplate('plain'), undefined);
    assert.equal(builtinTemplate('yaml-definition'), undefined);
    assert.equal(builtinTemplateText('plain'), undefined);
  });

  test('derived once, shared and frozen', () => {
    const a = builtinTemplate('catalog')!;
    assert.equal(builtinTemplate('catalog'), a);
    assert.ok(Object.isFrozen(a));
    assert.ok(Object.isFrozen(a.sections[0]));
    assert.ok(Object.isFrozen(a.sections[0].guidance));
    assert.throws(() => (a.sections as unknown as unknown[]).push({}));
  });

  const requiredOf = (t: TemplateDescriptor, required: boolean) => t.sections.filter((s) => s.required === required).map((s) => s.title);

  test('frontmatter: required and optional sections, step requirements', () => {
    const t = builtinTemplate('frontmatter')!;
    assert.deepEqual(requiredOf(t, true), ['Overview', 'Triggers', 'Prerequisites', 'Steps', 'Rollback Procedure']);
    assert.deepEqual(requiredOf(t, false), [
      'Decision Points',
      'Outputs',
      'Error Handling',
      'Monitoring',
      'Dependencies',
      'Automation Opportunities',
      'Change Log',
    ]);
    assert.deepEqual(t.steps, { command: true, validation: true, rollback: true });
    assert.equal(t.indexEntry, undefined);
  });

  test('file-header: required and optional sections, step requirements', () => {
    const t = builtinTemplate('file-header')!;
    assert.deepEqual(requiredOf(t, true), ['Overview', 'Trigger', 'Prerequisites', 'Steps', 'Success Criteria', 'Rollback Procedure']);
    assert.deepEqual(requiredOf(t, false), ['Logging', 'Example']);
    assert.deepEqual(t.steps, { command: false, validation: true, rollback: true });
  });

  test('catalog: all 14 numbered sections required, allowed values for Status and Risk level', () => {
    const t = builtinTemplate('catalog')!;
    const top = t.sections.filter((s) => s.level === 2);
    assert.deepEqual(
      top.map((s) => s.number),
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'],
    );
    assert.ok(t.sections.every((s) => s.required));
    assert.deepEqual(t.steps, { command: false, validation: false, rollback: false });
    const fields = t.indexEntry!.fields;
    assert.deepEqual(fields.find((f) => f.key === 'status')!.allowed, [
      'Draft',
      'In design',
      'In development',
      'In review',
      'Live (dev)',
      'Live (staging)',
      'Live (prod)',
      'Deprecated',
    ]);
    assert.deepEqual(fields.find((f) => f.key === 'risk level')!.allowed, ['Low', 'Medium', 'High']);
    assert.deepEqual(
      fields.filter((f) => f.allowed).map((f) => f.key),
      ['status', 'risk level'],
    );
    // The "One of:" line is guidance too: leaving it in a document is not filling the field.
    assert.ok(fields.find((f) => f.key === 'risk level')!.guidance.includes('one of: low, medium, high.'));
  });

  test('skill-sequence: legend required, selector optional, per-workflow sections are examples', () => {
    const t = builtinTemplate('skill-sequence')!;
    assert.deepEqual(outline(t), ['2 - Workflow Selector [workflow selector] optional', '2 - Skill ID Legend [skill id legend] required']);
    assert.deepEqual(t.steps, { command: false, validation: false, rollback: false });
    // The example workflow section ends the legend: it is not part of the legend's text.
    assert.equal(t.sections[1].guidanceText, 'Use these IDs in workflow steps to reference the corresponding skills.\n\n| Skill | ID |\n| --- | --- |\n| [Skill Name] | `[skill-id]` |');
  });
});

describe('deriveTemplate: a team template', () => {
  const { template, errors } = deriveTemplate(fixture('team-template.md'), 'team.md');

  test('front matter forces the format and names the index section', () => {
    assert.deepEqual(errors, []);
    assert.equal(template?.format, 'catalog');
    assert.equal(template?.name, 'Team Runbook Template');
    assert.equal(template?.indexEntry?.sectionKey, 'catalog card');
  });

  test('optional sections, and sub-sections that follow their parent unless marked', () => {
    assert.deepEqual(outline(template!), [
      '2 - Catalog Card [catalog card] required',
      '2 - Summary [summary] required',
      '2 - Procedure [procedure] required',
      '2 - Appendix [appendix] optional',
      '3 - Glossary [glossary] optional < appendix',
      '3 - Contacts [contacts] optional < appendix',
      '2 - Review [review] required',
      '3 - Sign-off [sign off] required < review',
      '3 - Notes [notes] optional < review',
    ]);
  });

  test('fields: optional label, Allowed with |, One of with "or", plain bullets are not fields', () => {
    const fields = template!.indexEntry!.fields;
    assert.deepEqual(
      fields.map((f) => [f.label, f.required, f.allowed]),
      [
        ['Name', true, undefined],
        ['Tier', true, ['Tier 1', 'Tier 2', 'Tier 3']],
        ['Environment', true, ['dev', 'staging', 'prod']],
        ['Pager rotation', false, undefined],
      ],
    );
    assert.deepEqual(fields[3].guidance, ['leave empty when nobody is paged.']);
    assert.deepEqual(fields[1].guidance, ['e.g., tier 1 (critical), tier 2', 'allowed: tier 1 | tier 2 | tier 3']);
  });

  test('step requirements come from the steps section: code block, Verify, Undo', () => {
    assert.deepEqual(template!.steps, { command: true, validation: true, rollback: true });
    const procedure = template!.sections.find((s) => s.key === 'procedure')!;
    // The example step heading is guidance of the steps section, not a section.
    assert.ok(procedure.guidance.includes('### step 1: [name]'));
    assert.ok(procedure.guidance.includes('./run.sh'));
  });
});

describe('deriveTemplate: formats', () => {
  test('file-header, frontmatter, skill-sequence by **Sequence**, plain', () => {
    assert.equal(derived('# T\n\n**FILE**: a.md | **OWNER**: me\n\n## Overview\n').format, 'file-header');
    assert.equal(derived('---\ntitle: x\n---\n# T\n\n## Overview\n').format, 'frontmatter');
    assert.equal(derived('# T\n\n## Flows\n\n**Sequence**:\n1. `a`: b\n').format, 'skill-sequence');
    assert.equal(derived('# T\n\n## Overview\n').format, 'plain');
    assert.equal(derived('---\nwfs-format: file-header\n---\n## Overview\n').format, 'file-header');
    // A `**FILE**:` line inside a code block is an example, not a header.
    assert.equal(derived('## Overview\n\n```\n**FILE**: x\n```\n').format, 'plain');
  });
});

describe('deriveTemplate: robustness', () => {
  test('empty and blank files', () => {
    assert.deepEqual(deriveTemplate('', 'e.md'), { errors: ['e.md: the template is empty: it needs at least one level-2 heading (## Section).'] });
    assert.deepEqual(deriveTemplate(' \r\n\n\t', 'e.md'), { errors: ['e.md: the template is empty: it needs at least one level-2 heading (## Section).'] });
  });

  test('no headings, or only a title', () => {
    const noSections = ['n.md: the template has no sections: it needs at least one level-2 heading (## Section) outside code blocks.'];
    assert.deepEqual(deriveTemplate('Just a paragraph.\n\n- a list\n', 'n.md'), { errors: noSections });
    assert.deepEqual(deriveTemplate('# Only A Title\n\nIntro.\n', 'n.md'), { errors: noSections });
    assert.deepEqual(deriveTemplate('---\na: 1\n---\n', 'n.md'), { errors: noSections });
    assert.deepEqual(deriveTemplate('# T\n\n```\n## In Code\n```\n', 'n.md'), {
      errors: ['n.md: the template has no sections: it needs at least one level-2 heading (## Section) outside code blocks (headings inside code blocks do not count).'],
    });
  });

  test('duplicate sections: the first counts, the second is reported', () => {
    const { template, errors } = deriveTemplate('# T\n\n## Overview\nA\n\n## Steps\n\n## overview\nB\n', 'd.md');
    assert.deepEqual(errors, ['d.md:8: duplicate section "overview" (first on line 3); this one is ignored.']);
    assert.deepEqual(outline(template!), ['2 - Overview [overview] required', '2 - Steps [steps] required']);
    assert.deepEqual(template!.sections[0].guidance, ['a']);
    // The same sub-section title under two parents is two sections.
    const t = derived('## A\n### Notes\n## B\n### Notes\n');
    assert.deepEqual(outline(t), ['2 - A [a] required', '3 - Notes [notes] required < a', '2 - B [b] required', '3 - Notes [notes] required < b']);
  });

  test('headings inside code fences, indented code and HTML blocks are ignored', () => {
    const t = derived(fixture('fenced-headings.md'));
    assert.deepEqual(outline(t), ['2 - Real Section [real section] required', '2 - Second Real Section [second real section] required']);
    assert.ok(t.sections[0].guidance.includes('## not a section'));
  });

  test('CRLF and a BOM give the same descriptor as LF', () => {
    const crlf = fixture('bom-crlf.md');
    assert.equal(crlf.charCodeAt(0), 0xfeff);
    assert.ok(crlf.includes('\r\n'));
    const lf = crlf.slice(1).replace(/\r\n/g, '\n');
    assert.deepEqual(derived(crlf, 'x.md'), derived(lf, 'x.md'));
    const t = derived(crlf, 'x.md');
    assert.equal(t.name, 'BOM and CRLF');
    assert.deepEqual(t.steps, { command: true, validation: true, rollback: false });
    assert.equal(t.sections[0].guidanceText, 'What it does.');
  });

  test('front matter: forced format, bad values, unclosed, other languages', () => {
    assert.deepEqual(deriveTemplate('---\nwfs-format: nope\n---\n## A\n', 'f.md'), {
      errors: ['f.md:1: wfs-format "nope" is not a Markdown format; use one of: frontmatter, file-header, catalog, skill-sequence, agent, reference, plain.'],
    });
    assert.deepEqual(deriveTemplate('---\nwfs-format: yaml-definition\n---\n## A\n', 'f.md').errors, [
      'f.md:1: wfs-format "yaml-definition" is not a Markdown format (YAML definitions have no Markdown template); use one of: frontmatter, file-header, catalog, skill-sequence, agent, reference, plain.',
    ]);
    const unclosed = deriveTemplate('---\ntitle: x\n\n## Overview\ntext\n', 'f.md');
    assert.deepEqual(unclosed.errors, ['f.md:1: the file starts with "---" but the front matter is never closed; the line is read as a thematic break.']);
    assert.equal(unclosed.template?.format, 'plain');
    assert.deepEqual(outline(unclosed.template!), ['2 - Overview [overview] required']);
    // `---js` is never evaluated: the payload would create a global.
    const js = deriveTemplate('---js\n{ x: (globalThis.__wfsPwned = true) }\n---\n## A\n', 'f.md');
    assert.deepEqual(js.errors, ['f.md:1: the front matter is "js", not YAML or JSON; it is not read (and never run).']);
    assert.equal(js.template?.format, 'plain');
    assert.equal((globalThis as Record<string, unknown>).__wfsPwned, undefined);
    const badYaml = deriveTemplate('---\ntitle: [Workflow] X Process\n---\n## A\n', 'f.md');
    assert.equal(badYaml.errors.length, 1);
    assert.match(badYaml.errors[0], /^f\.md:2: the front matter is not valid: .+; its wfs-\* keys may be missed\.$/);
    assert.equal(badYaml.template?.format, 'frontmatter');
    // Headings inside front matter are not sections.
    assert.deepEqual(outline(derived('---\n# comment\ntitle: x\n---\n## Real\n')), ['2 - Real [real] required']);
    assert.deepEqual(deriveTemplate('---\nwfs-index-section: Nope\n---\n## A\n', 'f.md').errors, [
      'f.md:1: wfs-index-section names "Nope", but no level-2 section has that title.',
    ]);
  });

  test('titles: a second H1 and headings before the first section are reported', () => {
    const two = deriveTemplate('# A\n## S\n# B\n## T\n', 'h.md');
    assert.deepEqual(two.errors, ['h.md:3: a second level-1 heading ("B"): only the first is the title (line 1); this one is ignored.']);
    assert.deepEqual(two.template?.sections.map((s) => s.title), ['S', 'T']);
    const orphan = deriveTemplate('# A\n### Deep\n## S\n', 'h.md');
    assert.deepEqual(orphan.errors, ['h.md:2: heading "Deep" comes before the first level-2 section; it is ignored.']);
    assert.equal(derived('## S\n').name, 't.md');
  });

  test('non-English headings and emoji', () => {
    const { template, errors } = deriveTemplate(fixture('international.md'), 'i.md');
    assert.deepEqual(errors, ['i.md:13: heading "🔥" has no words to match documents by; it is ignored.']);
    assert.equal(template!.name, '🚀 Vorlage / テンプレート');
    assert.deepEqual(outline(template!), [
      '2 - Übersicht [übersicht] required',
      '2 - Voraussetzungen [voraussetzungen] required',
      '2 - 手順 [手順] required',
      '2 - Änderungen [änderungen] optional',
    ]);
    assert.ok(template!.sections[0].aliases.includes('overview'));
    assert.ok(template!.sections[2].aliases.includes('steps'));
  });

  test('an alias that is another section of the same template is dropped', () => {
    const t = derived('## Rollback\n## Rollback Procedure\n');
    assert.ok(!t.sections[0].aliases.includes('rollback procedure'));
    assert.ok(!t.sections[1].aliases.includes('rollback'));
    assert.ok(t.sections[1].aliases.includes('undo'));
  });

  test('binary and garbage input', () => {
    assert.deepEqual(deriveTemplate('## A\u0000\u0001PNG', 'b.png').errors, [
      'b.png: the template is not a Markdown text file (it contains NUL characters, so it is probably a binary file).',
    ]);
    const invalidUtf8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]).toString('utf8').repeat(30);
    assert.deepEqual(deriveTemplate(invalidUtf8, 'b.md').errors, ['b.md: the template is not a Markdown text file (it is mostly control characters or invalid UTF-8).']);
    assert.deepEqual(deriveTemplate(42 as unknown as string, 'n.md'), { errors: ['n.md: the template is not text.'] });
  });

  test('a huge template derives in linear time; one over the limit is refused', () => {
    const big = (n: number): string => {
      const parts = ['# Huge\n\n'];
      for (let i = 0; i < n; i++) parts.push(`## ${i}. Section ${i}\n\nGuidance ${i}.\n\n### ${i}.1 Sub ${i}\n\ntext\n\n`);
      return parts.join('');
    };
    const text = big(10000);
    const t0 = performance.now();
    const t = derived(text);
    const elapsed = performance.now() - t0;
    assert.equal(t.sections.length, 20000);
    assert.deepEqual(t.sections[19999].parentKey, 'section 9999');
    // Generous: about 0.5 s here; a quadratic step would take minutes.
    assert.ok(elapsed < 5000, `took ${elapsed.toFixed(0)} ms`);
    const tooBig = '## A\n' + 'x'.repeat(MAX_TEMPLATE_CHARS);
    assert.deepEqual(deriveTemplate(tooBig, 'big.md').errors, ['big.md: the template is too large (5.0 MB; a template may be at most 5 MB).']);
  });

  test('mutated documents of every seed format never make derivation fail internally', () => {
    const bases = ['frontmatter-readme.md', 'frontmatter-workflow.md', 'file-header-workflow.md', 'catalog-template.md', 'skill-sequences.md'].map(formatFixture);
    assert.equal(deriveMutated(bases), 750);
  });

  test('mutated seeds never make derivation fail internally', { skip: sharedMissing }, () => {
    const bases = ['000_7664f029997351ad.txt', '001_62bb30bf56865912.txt', '002_941efdd79d0eabcc.txt', '004_609b98907b7747ac.txt'].map(seed);
    assert.equal(deriveMutated(bases), 600);
  });
});

/** Derives 150 random mutations of each base (insertions, cuts, rotations); returns how many ran. */
function deriveMutated(bases: readonly string[]): number {
  let state = 7;
  const random = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pieces = ['\n', '#', '## ', '```', '~~~', '---\n', '- **X:** ', '> ', '\r\n', '\uFEFF', '(optional)', '[P]', '    ', '🚀', '**FILE**: ', 'One of: ', '|'];
  let runs = 0;
  for (const base of bases) {
    for (let k = 0; k < 150; k++) {
      let s = base;
      for (let j = 0; j < 1 + Math.floor(random() * 6); j++) {
        const p = Math.floor(random() * s.length);
        const op = random();
        if (op < 0.4) s = s.slice(0, p) + pieces[Math.floor(random() * pieces.length)] + s.slice(p);
        else if (op < 0.7) s = s.slice(0, p) + s.slice(p + Math.floor(random() * 50));
        else s = s.slice(p) + s.slice(0, p);
      }
      const r = deriveTemplate(s, 'm.md');
      runs++;
      assert.ok(!r.errors.some((e) => e.includes('could not be read')), r.errors.join('\n'));
      assert.ok(r.template || r.errors.length > 0);
    }
  }
  return runs;
}

describe('allowedValues', () => {
  test('One of / Allowed lines, and nothing else', () => {
    assert.deepEqual(allowedValues('  One of: Draft, In design, Live (dev), Live (prod).  '), ['Draft', 'In design', 'Live (dev)', 'Live (prod)']);
    assert.deepEqual(allowedValues('> Allowed: A | B | C'), ['A', 'B', 'C']);
    assert.deepEqual(allowedValues('- **Allowed values:** low, high'), ['low', 'high']);
    assert.deepEqual(allowedValues('One of: dev, staging or prod'), ['dev', 'staging', 'prod']);
    assert.deepEqual(allowedValues('One of: Low (small or no impact), High'), ['Low (small or no impact)', 'High']);
    assert.equal(allowedValues('e.g., Low, Medium, High'), undefined);
    assert.equal(allowedValues('One of:'), undefined);
  });
});
