/**
 * The Run panel's view model: run log records folded into statuses, and the actions the panel offers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DryRunPlan } from '../../server/src/run/engine';
import { applyRecord, availableActions, dryRunView, initialView, setWaiting, viewFromRecords, type RunView } from '../../client/src/runner/runState';
import type { RunHeader, RunLogRecord } from '../../server/src/run/runTypes';
import { runHeader, startRecord, stepEnd, stepRef, stepStart } from './support/run-records';

const STEPS = [
  stepRef(0, 'Build', 3),
  stepRef(1, 'Migrate', 8, { rollback: true }),
  stepRef(2, 'Check', 14, { manual: true }),
  stepRef(3, 'Release', 20, { rollback: true }),
];
const header = (extra: Partial<RunHeader> = {}): RunHeader => runHeader(extra, STEPS);
const start = (): RunLogRecord => startRecord(header(), 1000);

function fold(records: RunLogRecord[], readOnly = false): RunView {
  return viewFromRecords(records, readOnly);
}

const statuses = (v: RunView) => v.steps.map((s) => s.status);

describe('run view: records to statuses', () => {
  it('starts with every step pending and the run running', () => {
    const v = initialView(header(), 1000, 'run');
    assert.deepEqual(statuses(v), ['pending', 'pending', 'pending', 'pending']);
    assert.equal(v.status, 'running');
    assert.equal(v.startTime, 1000);
    assert.equal(v.readOnly, false);
    assert.deepEqual(v.steps.map((s) => s.inScope), [true, true, true, true]);
  });

  it('follows a full run: running, passed, manual wait and answer, failure, run end', () => {
    const records: RunLogRecord[] = [start(), stepStart(0, 1001)];
    let v = fold(records);
    assert.deepEqual(statuses(v), ['running', 'pending', 'pending', 'pending']);

    records.push({ type: 'command', time: 1002, step: 0, kind: 'command', code: 'make' });
    v = fold(records);
    assert.deepEqual(v.steps[0].command, { kind: 'command', code: 'make' });

    records.push(stepEnd(0, 1012, 'passed', { exitCode: 0, durationMs: 11 }), stepStart(1, 1013));
    records.push({ type: 'approval', time: 1014, step: 1, reason: 'risky', approved: true, approver: 'ann' });
    records.push(stepEnd(1, 1020, 'passed', { exitCode: 0, durationMs: 7 }), stepStart(2, 1021));
    v = fold(records);
    assert.deepEqual(statuses(v), ['passed', 'passed', 'running', 'pending']);
    assert.equal(v.steps[0].durationMs, 11);
    assert.equal(v.steps[0].exitCode, 0);
    assert.deepEqual(v.steps[1].approvals, [{ reason: 'risky', approved: true, approver: 'ann' }]);
    // A manual step waits for Done / Skip / Abort from its start.
    assert.deepEqual(v.waiting, { step: 2, kind: 'manual' });
    assert.equal(availableActions(v).manual, 2);

    records.push({ type: 'manual', time: 1030, step: 2, choice: 'done' }, stepEnd(2, 1031, 'passed'), stepStart(3, 1032));
    v = fold(records);
    assert.equal(v.waiting, undefined);
    assert.equal(v.steps[2].manualChoice, 'done');
    assert.equal(availableActions(v).manual, undefined);

    records.push(stepEnd(3, 1040, 'failed', { exitCode: 2, reason: 'command failed' }));
    // While the run asks whether to roll the failed step back, the panel offers Roll back on it (and only it).
    v = setWaiting(fold(records), { step: 3, kind: 'rollback' });
    assert.deepEqual(availableActions(v).rollback, [3]);
    assert.deepEqual(availableActions(setWaiting(fold(records), { step: 2, kind: 'rollback' })).rollback, [], 'a step without a rollback');
    records.push({ type: 'run-end', time: 1041, outcome: 'failed', durationMs: 41, failedStep: 3, reason: 'command failed' });
    v = fold(records);
    assert.deepEqual(statuses(v), ['passed', 'passed', 'passed', 'failed']);
    assert.equal(v.status, 'failed');
    assert.equal(v.durationMs, 41);
    assert.equal(v.endTime, 1041);
    assert.equal(v.failedStep, 3);
    assert.equal(v.steps[3].exitCode, 2);
    assert.equal(v.steps[3].reason, 'command failed');
  });

  it('output records change nothing (same object: nothing to redraw)', () => {
    const v = fold([start(), stepStart(0, 1001)]);
    assert.equal(applyRecord(v, { type: 'output', time: 1002, step: 0, text: 'hello' }), v);
  });

  it('does not change the view it is given', () => {
    const v = fold([start()]);
    const before = JSON.stringify(v);
    applyRecord(v, stepStart(0, 1001));
    applyRecord(v, { type: 'run-end', time: 1002, outcome: 'cancelled', durationMs: 2 });
    assert.equal(JSON.stringify(v), before);
  });

  it('counts retries: the attempt grows and a new step-start clears the old exit code', () => {
    const v = fold([
      start(),
      stepStart(0, 1001),
      { type: 'retry', time: 1005, step: 0, attempt: 2, delayMs: 1000 },
      { type: 'retry', time: 2005, step: 0, attempt: 3, delayMs: 2000 },
    ]);
    assert.equal(v.steps[0].attempt, 3);
    assert.equal(v.steps[0].status, 'running');
    const ended = applyRecord(v, stepEnd(0, 4010, 'passed', { attempt: 3, exitCode: 0 }));
    assert.equal(ended.steps[0].attempt, 3);
    assert.equal(ended.steps[0].status, 'passed');
    // A route back to the step runs it again from a clean row.
    const again = applyRecord(applyRecord(ended, { type: 'route', time: 4011, step: 0, to: 'Build', on: 'success' }), stepStart(0, 4012));
    assert.equal(again.steps[0].status, 'running');
    assert.equal(again.steps[0].exitCode, undefined);
    assert.equal(again.steps[0].route, undefined);
  });

  it('rollback: the row keeps its status while rolling back, then shows rolled back', () => {
    let v = fold([
      start(),
      stepStart(0, 1001), stepEnd(0, 1002, 'passed'),
      stepStart(1, 1003), stepEnd(1, 1004, 'failed', { exitCode: 1 }),
      stepStart(1, 1005, { phase: 'rollback' }),
    ]);
    assert.equal(v.steps[1].status, 'failed');
    assert.deepEqual(v.steps[1].rollback, { status: 'running' });
    v = applyRecord(v, stepEnd(1, 1009, 'rolled-back', { exitCode: 0, durationMs: 4, phase: 'rollback' }));
    assert.equal(v.steps[1].status, 'rolled-back');
    assert.deepEqual(v.steps[1].rollback, { status: 'rolled-back', exitCode: 0, durationMs: 4 });
    // The run step's own exit code stays: the rollback's is on the rollback.
    assert.equal(v.steps[1].exitCode, 1);
  });

  it('a failed rollback leaves the row failed and marks the rollback failed', () => {
    let v = fold([start(), stepStart(1, 1001), stepEnd(1, 1002, 'failed', { exitCode: 1 }), stepStart(1, 1003, { phase: 'rollback' })]);
    v = applyRecord(v, stepEnd(1, 1004, 'failed', { exitCode: 5, durationMs: 1, phase: 'rollback' }));
    assert.equal(v.steps[1].status, 'failed');
    assert.deepEqual(v.steps[1].rollback, { status: 'failed', exitCode: 5, durationMs: 1 });
  });

  it('a step still running at the run end is failed with the reason (Stop)', () => {
    const v = fold([
      start(), stepStart(0, 1001), stepStart(1, 1003, { phase: 'rollback' }),
      { type: 'run-end', time: 1010, outcome: 'cancelled', durationMs: 10, reason: 'cancelled' },
    ]);
    assert.equal(v.status, 'cancelled');
    assert.equal(v.steps[0].status, 'failed');
    assert.equal(v.steps[0].reason, 'cancelled');
    assert.deepEqual(v.steps[1].rollback, { status: 'failed' });
    assert.equal(v.steps[2].status, 'pending');
  });

  it('an unfinished log read as interrupted ends at its last record', () => {
    const records = [start(), stepStart(0, 1001), stepEnd(0, 1002, 'passed'), stepStart(1, 1500)];
    assert.equal(fold(records).status, 'running');
    const v = viewFromRecords(records, true, { interrupted: true });
    assert.equal(v.status, 'interrupted');
    assert.equal(v.endTime, 1500);
    assert.equal(v.durationMs, 500);
    assert.deepEqual(statuses(v), ['passed', 'failed', 'pending', 'pending']);
    assert.equal(v.steps[1].reason, 'interrupted');
  });

  it('resume: retry puts the failed step back to pending and the run to running', () => {
    let v = fold([
      start(), stepStart(0, 1001), stepEnd(0, 1002, 'failed', { exitCode: 3, reason: 'command failed' }),
      { type: 'run-end', time: 1003, outcome: 'failed', durationMs: 3, failedStep: 0, reason: 'command failed' },
    ]);
    v = setWaiting(v, { step: 0, kind: 'rollback' });
    v = applyRecord(v, { type: 'resume', time: 2000, action: 'retry', step: 0 });
    assert.equal(v.status, 'running');
    assert.equal(v.waiting, undefined);
    assert.equal(v.endTime, undefined);
    assert.equal(v.failedStep, undefined);
    assert.equal(v.steps[0].status, 'pending');
    assert.equal(v.steps[0].exitCode, undefined);
    assert.equal(v.steps[0].reason, undefined);
    assert.deepEqual(availableActions(v), { stop: true, rollback: [] });
  });

  it('resume: skip marks the failed step skipped', () => {
    const v = fold([
      start(), stepStart(0, 1001), stepEnd(0, 1002, 'failed', { exitCode: 3 }),
      { type: 'run-end', time: 1003, outcome: 'failed', durationMs: 3, failedStep: 0 },
      { type: 'resume', time: 2000, action: 'skip', step: 0 },
    ]);
    assert.equal(v.status, 'running');
    assert.equal(v.steps[0].status, 'skipped');
  });

  it('resume: after a rollback the run is failed again and the failed step still offers Retry', () => {
    const v = fold([
      start(), stepStart(0, 1001), stepEnd(0, 1002, 'passed'), stepStart(1, 1003), stepEnd(1, 1004, 'failed', { exitCode: 1 }),
      { type: 'run-end', time: 1005, outcome: 'failed', durationMs: 5, failedStep: 1 },
      { type: 'resume', time: 2000, action: 'rollback', step: 1 },
      stepStart(1, 2001, { phase: 'rollback' }), stepEnd(1, 2002, 'rolled-back', { exitCode: 0, phase: 'rollback' }),
      { type: 'run-end', time: 2003, outcome: 'failed', durationMs: 1003, reason: 'rolled back' },
    ]);
    assert.equal(v.status, 'failed');
    assert.equal(v.failedStep, 1);
    assert.equal(v.steps[1].status, 'rolled-back');
    const a = availableActions(v);
    assert.equal(a.retry, 1);
    assert.equal(a.skip, 1);
    // Already rolled back: no second Roll back on it; step 0 has no rollback.
    assert.deepEqual(a.rollback, []);
  });

  it('resume: a Roll back of the failed step that fails keeps it the failed step, with Retry, Skip and Roll back', () => {
    const v = fold([
      start(), stepStart(0, 1001), stepEnd(0, 1002, 'passed'), stepStart(1, 1003), stepEnd(1, 1004, 'failed', { exitCode: 1 }),
      { type: 'run-end', time: 1005, outcome: 'failed', durationMs: 5, failedStep: 1 },
      { type: 'resume', time: 2000, action: 'rollback', step: 1 },
      stepStart(1, 2001, { phase: 'rollback' }), stepEnd(1, 2002, 'failed', { exitCode: 7, durationMs: 1, phase: 'rollback' }),
      // A rollback-only part names no failed step; its reason says the rollback failed.
      { type: 'run-end', time: 2003, outcome: 'failed', durationMs: 3, reason: 'rollback failed' },
    ]);
    assert.equal(v.status, 'failed');
    assert.equal(v.failedStep, 1);
    assert.equal(v.reason, 'rollback failed');
    assert.equal(v.steps[1].status, 'failed');
    assert.equal(v.steps[1].exitCode, 1, 'the run’s exit code stays on the row');
    assert.deepEqual(v.steps[1].rollback, { status: 'failed', exitCode: 7, durationMs: 1 });
    // Retry or skip it, or try its rollback again.
    assert.deepEqual(availableActions(v), { stop: false, retry: 1, skip: 1, rollback: [1] });
  });

  it('resume: a failed Roll back of a passed step leaves the step that failed the run the failed one', () => {
    const failed: RunLogRecord[] = [
      start(),
      stepStart(0, 1001), stepEnd(0, 1002, 'passed'),
      stepStart(1, 1003), stepEnd(1, 1004, 'passed'),
      stepStart(2, 1005), stepEnd(2, 1006, 'skipped'),
      stepStart(3, 1007), stepEnd(3, 1008, 'failed'),
      { type: 'run-end', time: 1009, outcome: 'failed', durationMs: 9, failedStep: 3 },
      { type: 'resume', time: 2000, action: 'rollback', step: 1 },
      stepStart(1, 2001, { phase: 'rollback' }), stepEnd(1, 2002, 'failed', { exitCode: 2, phase: 'rollback' }),
    ];
    // Whether the run-end names no step (the engine now) or the step whose rollback failed (the engine before).
    for (const extra of [{}, { failedStep: 1 }]) {
      const v = fold([...failed, { type: 'run-end', time: 2003, outcome: 'failed', durationMs: 3, reason: 'rollback failed', ...extra }]);
      assert.equal(v.failedStep, 3, JSON.stringify(extra));
      assert.equal(v.steps[1].status, 'passed');
      assert.equal(v.steps[1].rollback?.status, 'failed');
      assert.equal(v.steps[3].status, 'failed');
      assert.deepEqual(availableActions(v), { stop: false, retry: 3, skip: 3, rollback: [1, 3] });
    }
  });

  it('a run continued from the panel: its duration is the sum of its parts, its end the last run-end', () => {
    let v = fold([
      start(), stepStart(0, 1001), stepEnd(0, 11_000, 'failed'),
      { type: 'run-end', time: 11_000, outcome: 'failed', durationMs: 10_000, failedStep: 0 },
    ]);
    assert.equal(v.durationMs, 10_000);
    v = applyRecord(v, { type: 'resume', time: 71_000, action: 'retry', step: 0 });
    assert.equal(v.durationMs, undefined, 'running: no duration yet');
    v = applyRecord(applyRecord(v, stepStart(0, 71_001)), stepEnd(0, 76_000, 'passed'));
    v = applyRecord(v, { type: 'run-end', time: 76_000, outcome: 'passed', durationMs: 5000 });
    assert.equal(v.durationMs, 15_000);
    assert.equal(v.endTime, 76_000);
    assert.equal(v.earlierPartsMs, undefined);
  });

  it('an unfinished part after a resume, read as interrupted, is measured from the resume', () => {
    const v = viewFromRecords(
      [
        start(), stepStart(0, 1001), stepEnd(0, 1100, 'failed'),
        { type: 'run-end', time: 1100, outcome: 'failed', durationMs: 100, failedStep: 0 },
        { type: 'resume', time: 9000, action: 'retry', step: 0 },
        stepStart(0, 9001), { type: 'output', time: 9300, step: 0, text: 'x' },
      ],
      true,
      { interrupted: true },
    );
    assert.equal(v.status, 'interrupted');
    assert.equal(v.endTime, 9300);
    assert.equal(v.durationMs, 100 + 300);
  });

  it('decision and route records land on their step', () => {
    const v = fold([
      start(), stepStart(0, 1001),
      { type: 'decision', time: 1002, step: 0, branch: 'fast' },
      { type: 'route', time: 1003, step: 0, to: 'fast', on: 'success' },
    ]);
    assert.equal(v.steps[0].branch, 'fast');
    assert.deepEqual(v.steps[0].route, { to: 'fast', on: 'success' });
  });

  it('an approval or a decision answers the prompt the run waited for', () => {
    let v = setWaiting(fold([start(), stepStart(1, 1001)]), { step: 1, kind: 'approval' });
    assert.deepEqual(v.waiting, { step: 1, kind: 'approval' });
    v = applyRecord(v, { type: 'approval', time: 1002, step: 1, reason: 'risky', approved: false });
    assert.equal(v.waiting, undefined);
    assert.deepEqual(v.steps[1].approvals, [{ reason: 'risky', approved: false }]);
  });

  it('scope: Run step and Run from here leave the other steps out, a step reached by a route counts', () => {
    const one = initialView(header({ scope: 'step', from: 2 }), 0, 'run');
    assert.deepEqual(one.steps.map((s) => s.inScope), [false, false, true, false]);
    const from = initialView(header({ scope: 'from', from: 1 }), 0, 'run');
    assert.deepEqual(from.steps.map((s) => s.inScope), [false, true, true, true]);
    assert.equal(applyRecord(from, stepStart(0, 1)).steps[0].inScope, true);
  });

  it('records about a step the header does not list are ignored', () => {
    const v = fold([start()]);
    assert.equal(applyRecord(v, stepStart(9, 1001)), v);
  });
});

describe('run view: setWaiting', () => {
  it('sets and clears the prompt; same object when nothing changes', () => {
    const v = fold([start(), stepStart(0, 1001)]);
    const w = setWaiting(v, { step: 0, kind: 'variable' });
    assert.deepEqual(w.waiting, { step: 0, kind: 'variable' });
    assert.equal(setWaiting(w, { step: 0, kind: 'variable' }), w);
    assert.equal(setWaiting(w, undefined).waiting, undefined);
    assert.equal(setWaiting(v, undefined), v);
  });
});

describe('run view: available actions', () => {
  const failedRun = (): RunLogRecord[] => [
    start(),
    stepStart(0, 1001), stepEnd(0, 1002, 'passed'),
    stepStart(1, 1003), stepEnd(1, 1004, 'passed'),
    stepStart(2, 1005), { type: 'manual', time: 1006, step: 2, choice: 'skip' }, stepEnd(2, 1007, 'skipped'),
    stepStart(3, 1008), stepEnd(3, 1009, 'failed', { exitCode: 1 }),
    { type: 'run-end', time: 1010, outcome: 'failed', durationMs: 10, failedStep: 3 },
  ];

  it('offers Stop while running, nothing after a passed run', () => {
    assert.deepEqual(availableActions(fold([start(), stepStart(0, 1001)])), { stop: true, rollback: [] });
    const passed = fold([start(), stepStart(0, 1001), stepEnd(0, 1002, 'passed'), { type: 'run-end', time: 1003, outcome: 'passed', durationMs: 3 }]);
    assert.deepEqual(availableActions(passed), { stop: false, rollback: [] });
  });

  it('after a failed run: Retry and Skip on the failed step, Roll back on it and on passed steps with a rollback', () => {
    assert.deepEqual(availableActions(fold(failedRun())), { stop: false, retry: 3, skip: 3, rollback: [1, 3] });
  });

  it('a cancelled run offers nothing to continue', () => {
    const v = fold([start(), stepStart(0, 1001), { type: 'run-end', time: 1002, outcome: 'cancelled', durationMs: 2 }]);
    assert.deepEqual(availableActions(v), { stop: false, rollback: [] });
  });

  it('a read-only view from history offers nothing', () => {
    assert.deepEqual(availableActions(fold(failedRun(), true)), { stop: false, rollback: [] });
    const live = fold([start(), stepStart(2, 1001)], true);
    assert.equal(live.readOnly, true);
    assert.deepEqual(availableActions(live), { stop: false, rollback: [] });
  });
});

describe('run view: dry run', () => {
  const plan: DryRunPlan = {
    steps: [{ index: 0, title: 'Build', commands: [{ kind: 'command', code: 'make' }], approvals: [], prompts: [], routes: [] }],
    variables: [{ name: 'TOKEN', secret: true }],
  };

  it('is complete at once, carries the plan and offers no action', () => {
    const v = dryRunView(header(), plan, 5000);
    assert.equal(v.mode, 'dry-run');
    assert.equal(v.status, 'passed');
    assert.equal(v.plan, plan);
    assert.deepEqual(statuses(v), ['pending', 'pending', 'pending', 'pending']);
    assert.deepEqual(availableActions(v), { stop: false, rollback: [] });
    // Even a dry-run view caught "running" offers nothing.
    assert.deepEqual(availableActions({ ...initialView(header(), 0, 'dry-run'), plan }), { stop: false, rollback: [] });
  });
});
