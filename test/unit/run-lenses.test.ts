/**
 * The run code lenses a document gets (lenses.ts): document lenses, per-step lenses for every step format, Mark
 * done for manual steps, Run step only when there is something to run, and one explanatory lens when untrusted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StepInfo, StepsResult } from '../../server/src/protocol';
import { stepIndex, stepLenses } from '../../client/src/runner/lenses';
import { resolveSteps } from '../../server/src/service/features/steps';

const R = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });
const cmd = (code: string, lang = 'bash') => ({ lang, code, range: R(0), contentRange: R(0), inline: false, runnable: true });

function step(index: number, line: number, extra: Partial<StepInfo> = {}): StepInfo {
  return { index, title: `S${index}`, range: R(line), titleRange: R(line), source: 'heading', kind: 'command', placeholders: [], commands: [cmd('echo hi')], ...extra };
}

/** The steps as the server gives them: resolved by the service's own function. */
const doc = (steps: StepInfo[]): StepsResult => {
  resolveSteps(steps, undefined);
  return { uri: 'file:///w/a.md', format: 'frontmatter', steps };
};

const titles = (result: StepsResult, trusted = true, line?: number) =>
  stepLenses(result, trusted).filter((l) => line === undefined || l.line === line).map((l) => l.title.replace(/^\$\([\w-]+\) /, ''));

describe('run code lenses', () => {
  it('puts Run workflow and Dry run workflow above the document and three lenses above each step', () => {
    const r = doc([step(0, 10), step(1, 20)]);
    assert.deepEqual(titles(r, true, 0), ['Run workflow', 'Dry run workflow']);
    assert.deepEqual(titles(r, true, 10), ['Run step', 'Dry run', 'Run from here']);
    const run = stepLenses(r, true).find((l) => l.line === 20 && l.command === 'wfs.runStep');
    assert.deepEqual(run?.arguments, ['file:///w/a.md', 1, 'S1']);
  });

  it('shows Mark done instead of Run step for manual steps (mode or human actor)', () => {
    const r = doc([step(0, 3, { mode: 'manual' }), step(1, 6, { actor: 'Human (on-call)' })]);
    assert.deepEqual(titles(r, true, 3), ['Mark done', 'Dry run', 'Run from here']);
    assert.deepEqual(titles(r, true, 6), ['Mark done', 'Dry run', 'Run from here']);
  });

  it('has lenses for YAML steps and skill steps; Run step only when a shell command or validation exists, else Mark done', () => {
    const r = doc([
      step(0, 4, { source: 'yaml', yaml: { name: 'build', conditions: [] } }),
      step(1, 9, { source: 'skill', commands: [] }),
      step(2, 12, { commands: [cmd('{"a": 1}', 'json')] }),
      step(3, 15, { commands: [], validation: { text: '', range: R(16), commands: [cmd('test -f x')] } }),
    ]);
    assert.deepEqual(titles(r, true, 4), ['Run step', 'Dry run', 'Run from here']);
    // Nothing of these runs here (a skill, a JSON example): a person does them, and marks them done.
    assert.deepEqual(titles(r, true, 9), ['Mark done', 'Dry run', 'Run from here']);
    assert.deepEqual(titles(r, true, 12), ['Mark done', 'Dry run', 'Run from here']);
    assert.deepEqual(titles(r, true, 15), ['Run step', 'Dry run', 'Run from here']);
  });

  it('says why nothing runs in an untrusted workspace, and offers only the dry run', () => {
    const lenses = stepLenses(doc([step(0, 10)]), false);
    assert.deepEqual(lenses.map((l) => l.command), ['workbench.trust.manage', 'wfs.dryRunWorkflow']);
    assert.match(lenses[0].title, /not trusted/);
    assert.ok(lenses.every((l) => !/^wfs\.run|markStepDone/.test(l.command)));
  });

  it('offers no runs in a plain document outside a workflows or runbooks folder (a README)', () => {
    const plain = (uri: string): StepsResult => ({ ...doc([step(0, 3)]), uri, format: 'plain' });
    assert.deepEqual(stepLenses(plain('file:///w/README.md'), true), []);
    assert.equal(stepLenses(plain('file:///w/docs/runbooks/restore.md'), true).length, 5);
  });

  it('gives a document with no steps no lenses', () => {
    assert.deepEqual(stepLenses(doc([]), true), []);
  });

  it('a lens drawn before an edit runs the step it named, or nothing', () => {
    const before = doc([step(0, 3), step(1, 6)]);
    assert.equal(stepIndex(before, 1, 'S1'), 1);
    // A step inserted above: the index now names another step; the title finds the right one.
    const inserted: StepsResult = doc([{ ...step(0, 3), title: 'New' }, { ...step(1, 6), title: 'S0' }, { ...step(2, 9), title: 'S1' }]);
    assert.equal(stepIndex(inserted, 1, 'S1'), 2);
    // Renamed or ambiguous: nothing runs.
    assert.equal(stepIndex(doc([{ ...step(0, 3), title: 'X' }, { ...step(1, 6), title: 'Y' }]), 1, 'S1'), undefined);
    assert.equal(stepIndex(doc([{ ...step(0, 3), title: 'S1' }, { ...step(1, 6), title: 'Z' }, { ...step(2, 9), title: 'S1' }]), 1, 'S1'), undefined);
    assert.equal(stepIndex(before, 5, undefined), undefined);
  });
});
