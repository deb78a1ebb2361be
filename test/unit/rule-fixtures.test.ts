/**
 * Rule fixtures with inline expectation markers.
 *
 * Each rule has a folder test/fixtures/rules/<rule-id>/ with at least one failing fixture (fail*.md / fail*.yaml)
 * and one passing fixture (pass*.*). In a fixture, a marker line points at the line above it:
 *
 *     ## Prerequisites
 *        ^^^^^^^^^^^^^ section.blank: is blank
 *
 * The carets give the diagnostic's columns on that line (`|` marks an empty range at its column); after the rule
 * id, an optional text must appear in the message. A marker line starts with spaces and `^` or `|` only.
 * Marker lines are removed before linting. A fixture is checked for its folder's rule only: the diagnostics of
 * that rule must be exactly the marked ones (a pass fixture has none).
 * Options: a first line `<!-- fixture: {"format": "catalog", "skills": ["x"]} -->` (or `# fixture: {...}` in YAML)
 * is JSON merged into the lint options (and kept in the text, where it is an HTML comment or a YAML comment).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkflowService } from '../../server/src/service';
import type { LintOptions } from '../../server/src/service';
import { RULES } from '../../server/src/service/rules';
import { computeLineStarts, offsetToPosition } from '../../server/src/service/text';
import { loadBashParser, loadedBashParser } from '../../server/src/shell/bashParser';

const ROOT = join(__dirname, '..', 'fixtures', 'rules');
const MARKER = /^( *)(\^+|\|) +([a-z0-9.-]+)(?::\s*(.*))?$/;
const NOW = new Date(Date.UTC(2026, 10, 22));

interface Expectation {
  line: number;
  start: number;
  end: number;
  rule: string;
  message?: string;
}

export function parseFixture(raw: string): { text: string; expectations: Expectation[]; options: LintOptions } {
  const eol = raw.includes('\r\n') ? '\r\n' : '\n';
  const lines = raw.split(/\r?\n/);
  const kept: string[] = [];
  const expectations: Expectation[] = [];
  for (const line of lines) {
    const m = MARKER.exec(line);
    if (m && kept.length > 0) {
      const start = m[1].length;
      const end = m[2] === '|' ? start : start + m[2].length;
      expectations.push({ line: kept.length - 1, start, end, rule: m[3], message: m[4]?.trim() || undefined });
    } else kept.push(line);
  }
  const text = kept.join(eol);
  const header = /^(?:<!--|#)\s*fixture:\s*(\{.*\})\s*(?:-->)?\s*$/.exec(kept[0] ?? '');
  const options: LintOptions = { now: NOW, ...(header ? (JSON.parse(header[1]) as LintOptions) : {}) };
  return { text, expectations, options };
}

// The shell rules read the bash parser, loaded before the first fixture (see `before`).
const service = createWorkflowService({ shellParser: loadedBashParser });
const ruleIds = RULES.map((r) => r.id);

describe('rule fixtures', () => {
  before(() => loadBashParser());

  it('every rule has a failing and a passing fixture', () => {
    const missing: string[] = [];
    for (const id of ruleIds) {
      let files: string[] = [];
      try {
        files = readdirSync(join(ROOT, id));
      } catch {
        files = [];
      }
      if (!files.some((f) => f.startsWith('fail'))) missing.push(`${id}: no fail fixture`);
      if (!files.some((f) => f.startsWith('pass'))) missing.push(`${id}: no pass fixture`);
    }
    assert.deepEqual(missing, []);
  });

  for (const id of ruleIds) {
    let files: string[] = [];
    try {
      files = readdirSync(join(ROOT, id)).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      it(`${id} / ${file}`, () => {
        const path = join(ROOT, id, file);
        const { text, expectations, options } = parseFixture(readFileSync(path, 'utf8'));
        for (const e of expectations) assert.equal(e.rule, id, `${file}: a marker names ${e.rule}, not this folder's rule`);
        if (file.startsWith('fail')) assert.ok(expectations.length > 0, `${file} is a failing fixture without markers`);
        const doc = { uri: `file:///fixtures/${id}/${file}`, version: 1, getText: () => text };
        const lineStarts = computeLineStarts(text);
        const actual = service
          .getDiagnostics(doc, options)
          .filter((d) => d.code === id)
          .map((d) => {
            const s = offsetToPosition(lineStarts, d.start);
            const e = offsetToPosition(lineStarts, d.end);
            return { line: s.line, start: s.character, end: e.line === s.line ? e.character : -1, message: d.message };
          });
        const expected = expectations.map((e) => ({ line: e.line, start: e.start, end: e.end }));
        assert.deepEqual(
          actual.map(({ line, start, end }) => ({ line, start, end })),
          expected,
          `${file}: diagnostics of ${id} differ.\nactual: ${JSON.stringify(actual, null, 1)}`,
        );
        expectations.forEach((e, i) => {
          if (e.message) assert.ok(actual[i].message.includes(e.message), `${file}:${e.line + 1}: "${actual[i].message}" lacks "${e.message}"`);
        });
      });
    }
  }
});
