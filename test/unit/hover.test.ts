// Hover: field descriptions from the schemas and the template, rule explanations on diagnostics, route targets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkflowService } from '../../server/src/service';
import type { HoverResult, LintOptions } from '../../server/src/service';

const service = createWorkflowService();
const CURSOR = '‸';
let version = 0;

interface Hovered {
  text: string;
  result: HoverResult | undefined;
  /** The text the hover's range covers. */
  covers: string | undefined;
}

/** The hover at the ‸ in `marked` (the marker is removed from the text). */
function hoverAt(marked: string, uri = 'file:///ws/doc.md', options: LintOptions = {}): Hovered {
  const offset = marked.indexOf(CURSOR);
  assert.notEqual(offset, -1, 'no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  const result = service.getHover({ uri, version: ++version, getText: () => text }, options, offset);
  return { text, result, covers: result ? text.slice(result.start, result.end) : undefined };
}

const lines = (...l: string[]): string => l.join('\n') + '\n';

describe('hover: fields', () => {
  it('shows a front-matter key’s type, description and allowed values', () => {
    const h = hoverAt(lines('---', 'title: Deploy', 'freq‸uency: weekly', '---', '# Deploy'));
    assert.equal(h.covers, 'frequency');
    assert.equal(h.result?.markdown, '**frequency**\n\nHow often the workflow runs.\n\nAllowed values: `daily`, `weekly`, `monthly`, `on-demand`');
    const ship = hoverAt(lines('---', 'title: Deploy', 'frequency: weekly', 'ship_f‸actor: 7', '---', '# Deploy'));
    assert.equal(
      ship.result?.markdown,
      '**ship_factor**: `integer`\n\nHow important the workflow is to shipping, as a score from 0 (not at all) to 10 (critical).\n\nFrom 0 to 10.',
    );
  });

  it('uses the schema of the document’s format (catalog front matter)', () => {
    const h = hoverAt(lines('---', 'auto_exec‸ution_mode: 3', 'description: Sync', '---', '# Sync', '', '## 0. Index Entry (for catalog)', ''));
    assert.equal(
      h.result?.markdown,
      '**auto_execution_mode**: `integer`\n\nHow far an agent may run the workflow\'s commands without asking (Windsurf): a small non-negative integer; the template uses 3.\n\nAt least 0.',
    );
  });

  it('shows a FILE-header field’s description', () => {
    const h = hoverAt(lines('# Release', '', '**FILE**: r.md | **PURPOSE**: Ship | **OWN‸ER**: Ops | **LAST-AUDITED**: 2026-01-02', '', '## Overview', 'x'));
    assert.equal(h.covers, 'OWNER');
    assert.equal(h.result?.markdown, '**OWNER**: `string`\n\nWho keeps the document current: a person, team or "System".');
  });

  it('shows an index-entry field’s template guidance and allowed values', () => {
    const h = hoverAt(
      lines('---', 'description: Sync', '---', '# Sync', '', '## 0. Index Entry (for catalog)', '', '- **Risk le‸vel:** Low', '', '## 1. Problem Statement', '', 'Text.'),
    );
    assert.equal(h.covers, 'Risk level');
    assert.equal(
      h.result?.markdown,
      '**Risk level**: index field (required)\n\n' +
        'e.g., Low (informational), Medium (moderate side effects), High (financial/security/compliance impact).  \n' +
        'If uncertain, default to Medium and flag as TODO for human review.\n\nAllowed values: Low, Medium, High',
    );
  });

  it('shows a YAML definition key’s schema path and description', () => {
    const yaml = (s: string): string => lines('name: Nightly', 'steps:', '  - name: build', '    type: action', '    run: make', 'error_handling:', '  retry_strategy:', '    backoff: linear').replace(s.replace('|', ''), s.replace('|', CURSOR));
    const type = hoverAt(yaml('ty|pe'), 'file:///ws/n.workflow.yaml');
    assert.equal(type.covers, 'type');
    assert.match(type.result!.markdown, /^\*\*steps\[\]\.type\*\*: `string`\n\nWhat kind of step this is\. /);
    assert.match(type.result!.markdown, /\n\nExamples: `action`, `decision`, `parallel`, `loop`, `manual`, `approval`$/);
    const backoff = hoverAt(yaml('back|off'), 'file:///ws/n.workflow.yaml');
    assert.equal(
      backoff.result?.markdown,
      '**error_handling.retry_strategy.backoff**: `string`\n\nHow the wait between attempts grows: exponential (doubles each time), linear (grows by the delay each time) or fixed (always the delay).\n\nExamples: `exponential`, `linear`, `fixed`',
    );
    // A property that refers to a shared definition keeps its own description.
    const strategy = hoverAt(yaml('retry_str|ategy'), 'file:///ws/n.workflow.yaml');
    assert.equal(strategy.result?.markdown, '**error_handling.retry_strategy**: `object`\n\nHow failed steps are retried, unless a step sets its own retry.');
  });

  it('shows nothing on prose, values, or keys no schema describes', () => {
    assert.equal(hoverAt(lines('# Deploy', '', 'Some te‸xt.')).result, undefined);
    assert.equal(hoverAt(lines('---', 'title: Deploy', 'own‸er: me', '---', '# Deploy', '', 'x')).result, undefined);
    assert.equal(hoverAt(lines('steps:', '  - name: a', '    cust‸om: 1', '    run: x'), 'file:///ws/n.workflow.yaml').result, undefined);
  });
});

describe('hover: step references', () => {
  const yaml = lines(
    'steps:',
    '  - name: summarise',
    '    type: manual',
    '    conditions:',
    '      success: end',
    '      failure: COLLECT',
    '  - name: Collect data',
    '    id: collect',
    '    type: action',
    '    description: Pulls yesterday\'s rows.',
    '    run: |',
    '      ./collect.sh --all',
    '      echo done',
  );

  it('shows the target step: name, id, type, line, description and commands', () => {
    const h = hoverAt(yaml.replace('failure: COLLECT', 'failure: col‸lect'), 'file:///ws/n.workflow.yaml');
    assert.equal(h.covers, 'collect');
    assert.equal(
      h.result?.markdown,
      "**Collect data** (step 2, id `collect`, type `action`, line 7)\n\nPulls yesterday's rows.\n\n```sh\n./collect.sh --all …\n```",
    );
  });

  it('falls back to the rule explanation when the target does not exist', () => {
    const h = hoverAt(yaml.replace('COLLECT', 'COL‸LECT'), 'file:///ws/n.workflow.yaml');
    assert.equal(h.covers, 'COLLECT');
    assert.match(h.result!.markdown, /^\*\*yaml\.unknown-target\*\*: A condition, dependsOn or fallback names a step that does not exist\.\n\n/);
  });
});

describe('hover: diagnostics', () => {
  it('explains the rule of a diagnostic under the cursor, with its docs page', () => {
    const h = hoverAt(lines('---', 'title: Deploy', 'frequency: every w‸eek', '---', '# Deploy'));
    assert.equal(h.covers, 'every week');
    assert.equal(
      h.result?.markdown,
      '**frontmatter.schema**: A front-matter field is missing, has the wrong type, or has a value that is not allowed.\n\n' +
        'Checks the front matter against the JSON Schema of the document\'s format and reports each violation on the value concerned (a wrong type, a value outside the allowed list, a malformed date) or on the key (an unknown key, where the schema forbids them). A missing required field is reported on the opening `---` line.\n\n' +
        '[docs/rules/frontmatter.schema.md](docs/rules/frontmatter.schema.md)',
    );
  });

  it('puts the field description first when a diagnostic covers the field too', () => {
    const h = hoverAt(lines('# Release', '', '**FILE**: r.md | **PURPOSE**: Ship | **OW‸NER**: [Team] | **LAST-AUDITED**: 2026-01-02', '', '## Overview', 'x'), 'file:///ws/doc.md', {
      format: 'file-header',
      now: new Date('2026-03-04T00:00:00Z'),
    });
    assert.equal(h.covers, 'OWNER');
    const parts = h.result!.markdown.split('\n\n---\n\n');
    assert.equal(parts.length, 2);
    assert.equal(parts[0], '**OWNER**: `string`\n\nWho keeps the document current: a person, team or "System".');
    assert.match(parts[1], /^\*\*header\.field-missing\*\*: The FILE header line, or one of its FILE, PURPOSE, OWNER, LAST-AUDITED fields, is missing or unfilled\.\n\n/);
    assert.match(parts[1], /\n\n\[docs\/rules\/header\.field-missing\.md\]\(docs\/rules\/header\.field-missing\.md\)$/);
  });

  it('shows no diagnostic hover just after the diagnostic’s range', () => {
    const h = hoverAt(lines('---', 'title: Deploy', 'frequency: every week‸', '---', '# Deploy'));
    assert.equal(h.result, undefined);
  });
});
