import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runRules, INTERNAL_ERROR_CODE } from '../../server/src/service/engine';
import { parseWorkflow } from '../../server/src/service/parse/workflow';
import { NEVER_CANCELLED } from '../../server/src/service/options';
import type { Rule } from '../../server/src/service/rules/types';
import { RULES } from '../../server/src/service/rules';

const model = parseWorkflow('file:///w/x.md', 1, '# X\nTODO: a\n');
const base = { description: 'd', docs: 'd', defaultSeverity: 'warning' as const };

describe('rule engine', () => {
  it('turns a throwing rule into one internal-error diagnostic and keeps the other rules', () => {
    const logged: string[] = [];
    const throwing: Rule = { ...base, id: 'test.throws', check: () => { throw new Error('boom'); } };
    const fine: Rule = { ...base, id: 'test.fine', check: (_ctx, report) => report({ message: 'ok', start: 0, end: 1 }) };
    const out = runRules(model, {}, NEVER_CANCELLED, { log: (m) => logged.push(m) }, [throwing, fine]);
    assert.deepEqual(out.map((d) => [d.code, d.severity]), [[INTERNAL_ERROR_CODE, 'error'], ['test.fine', 'warning']]);
    assert.match(out[0].message, /Rule test\.throws failed on this document \(boom\)/);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /test\.throws failed on file:\/\/\/w\/x\.md/);
  });

  it('lets a report lower its severity, unless the user set one for the rule', () => {
    const mixed: Rule = { ...base, id: 'test.mixed', defaultSeverity: 'error', check: (_ctx, report) => {
      report({ message: 'bad', start: 0, end: 1 });
      report({ message: 'odd', start: 1, end: 2, severity: 'warning' });
    } };
    const quiet = { log: () => undefined };
    assert.deepEqual(runRules(model, {}, NEVER_CANCELLED, quiet, [mixed]).map((d) => d.severity), ['error', 'warning']);
    assert.deepEqual(runRules(model, { rules: { 'test.mixed': 'hint' } }, NEVER_CANCELLED, quiet, [mixed]).map((d) => d.severity), ['hint', 'hint']);
  });

  it('clamps and logs a malformed range', () => {
    const logged: string[] = [];
    const bad: Rule = { ...base, id: 'test.bad', check: (_ctx, report) => report({ message: 'x', start: 5, end: 1e9 }) };
    const out = runRules(model, {}, NEVER_CANCELLED, { log: (m) => logged.push(m) }, [bad]);
    assert.deepEqual([out[0].start, out[0].end], [5, model.text.length]);
    assert.equal(logged.length, 1);
  });

  it('stops when cancelled', () => {
    const out = runRules(model, {}, { isCancellationRequested: true }, { log: () => undefined });
    assert.deepEqual(out, []);
  });

  it('has unique, dotted kebab-case rule ids with docs and severities', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of RULES) {
      assert.match(r.id, /^[a-z]+(?:-[a-z]+)*(?:\.[a-z]+(?:-[a-z]+)*)+$/, r.id);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(r.defaultSeverity), r.id);
      assert.ok(r.docs.length > 40 && r.description.length > 10, r.id);
    }
  });
});
