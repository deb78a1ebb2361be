// How the corpus test compares step titles and lines with the labels (see ./score.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGREEING_FORMATS, matchSteps, rates, sameTitle, titleKey } from './score';

const step = (title: string, line: number) => ({ title, line, has_command: false, has_validation: false, has_rollback: false });

describe('corpus scoring', () => {
  it('keys titles without numbering, step words, emoji, emphasis, link targets, trailing colons and case', () => {
    assert.equal(titleKey('Step 3: Deploy the API'), 'deploy the api');
    assert.equal(titleKey('3.1 Build'), 'build');
    assert.equal(titleKey('2) Verify'), 'verify');
    assert.equal(titleKey('Phase 2 — Cut over'), 'cut over');
    assert.equal(titleKey('✅ ÉTAPE 1 : BUILD'), 'build');
    assert.equal(titleKey('步骤1: 执行回滚脚本'), '执行回滚脚本');
    assert.equal(titleKey('Option B — Rebuild'), 'rebuild');
    assert.equal(titleKey('场景2: 数据丢失'), '数据丢失');
    assert.equal(titleKey('1️⃣ Rollback Backend'), 'rollback backend');
    assert.equal(titleKey('🕵️ Lint'), 'lint');
    assert.equal(titleKey('**Apply** `make deploy`:'), 'apply make deploy');
    assert.equal(titleKey('Fill [incident template](../ops/incident-template.md)'), 'fill incident template');
    // A title that is only a number keeps it: there is nothing else to compare.
    assert.equal(titleKey('2026'), '2026');
  });

  it('accepts one title cut from the other at a word or clause boundary, nothing shorter', () => {
    assert.ok(sameTitle('login to fastly', 'login to fastly - you will need permissions'));
    assert.ok(sameTitle('cdk-nag失敗時は原則コード修正で解消し', 'cdk-nag失敗時は原則コード修正で解消し、除外が必要な場合'));
    assert.ok(!sameTitle('deploy', 'deployment guide'));
    assert.ok(!sameTitle('ab', 'ab cd'));
  });

  it('matches on the same line only, each step once', () => {
    const m = matchSteps([step('Build', 3), step('Build', 9), step('Test', 12)], [{ title: 'Build', line: 3 }, { title: 'Test', line: 13 }, { title: 'Build', line: 9 }]);
    assert.equal(m.matched, 2);
    assert.deepEqual(m.missed.map((s) => s.line), [12]);
    assert.deepEqual(m.extra.map((s) => s.line), [13]);
  });

  it('scores an empty document as full recall and precision, and maps every label kind', () => {
    assert.deepEqual(rates(0, 0, 0), { recall: 1, precision: 1 });
    assert.deepEqual(rates(0, 0, 2), { recall: 1, precision: 0 });
    assert.deepEqual(AGREEING_FORMATS.negative, ['reference']);
    assert.ok(!AGREEING_FORMATS.runbook.includes('agent'));
  });
});
