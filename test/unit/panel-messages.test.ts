/**
 * The Run panel's incoming messages: only well-formed messages asking for an action the panel offers now pass.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePanelMessage } from '../../client/src/runner/panelMessages';
import { viewFromRecords, type RunView } from '../../client/src/runner/runState';
import { DEPLOY_STEPS, runEnd, runHeader, startRecord, stepEnd, stepStart } from './support/run-records';

/** Steps: Build (with a rollback), Check (manual), Release (with a rollback). */
const start = startRecord(runHeader({}, DEPLOY_STEPS));
/** Waits at the manual step 1. */
const waiting: RunView = viewFromRecords([start, stepStart(0, 1), stepEnd(0, 2, 'passed'), stepStart(1, 1)], false);
/** Failed at step 2, step 0 passed (both have a rollback). */
const failed: RunView = viewFromRecords(
  [start, stepStart(0, 1), stepEnd(0, 2, 'passed'), stepStart(2, 1), stepEnd(2, 2, 'failed'), runEnd(3, 'failed', 3, { failedStep: 2 })],
  false,
);
const history: RunView = { ...failed, readOnly: true };

describe('panel messages: accepted', () => {
  it('ready, always', () => {
    assert.deepEqual(parsePanelMessage({ type: 'ready' }, history), { type: 'ready' });
  });

  it('stop while running', () => {
    assert.deepEqual(parsePanelMessage({ type: 'stop' }, waiting), { type: 'stop' });
  });

  it('Done / Skip / Abort on the waiting manual step', () => {
    for (const choice of ['done', 'skip', 'abort'] as const) {
      assert.deepEqual(parsePanelMessage({ type: 'manual', step: 1, choice }, waiting), { type: 'manual', step: 1, choice });
    }
  });

  it('Retry step, Skip and Roll back after a failure', () => {
    assert.deepEqual(parsePanelMessage({ type: 'retry', step: 2 }, failed), { type: 'retry', step: 2 });
    assert.deepEqual(parsePanelMessage({ type: 'skip', step: 2 }, failed), { type: 'skip', step: 2 });
    assert.deepEqual(parsePanelMessage({ type: 'rollback', step: 2 }, failed), { type: 'rollback', step: 2 });
    assert.deepEqual(parsePanelMessage({ type: 'rollback', step: 0 }, failed), { type: 'rollback', step: 0 });
  });

  it('open-step in any view, read-only included', () => {
    assert.deepEqual(parsePanelMessage({ type: 'open-step', step: 2 }, history), { type: 'open-step', step: 2 });
    assert.deepEqual(parsePanelMessage({ type: 'open-step', step: 0 }, waiting), { type: 'open-step', step: 0 });
  });

  it('returns a fresh object with the checked fields only', () => {
    const raw = JSON.parse('{"type":"retry","step":2,"extra":"x","__proto__":{"polluted":true}}');
    const action = parsePanelMessage(raw, failed);
    assert.deepEqual(action, { type: 'retry', step: 2 });
    assert.notEqual(action, raw);
    assert.equal(Object.getPrototypeOf(action), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('panel messages: rejected', () => {
  it('not a plain object', () => {
    for (const raw of [undefined, null, 'stop', 42, ['stop'], new Map([['type', 'stop']]), Object.assign(Object.create({ extra: 1 }), { type: 'stop' })]) {
      assert.equal(parsePanelMessage(raw, waiting), undefined, String(raw));
    }
  });

  it('unknown or missing type', () => {
    assert.equal(parsePanelMessage({}, waiting), undefined);
    assert.equal(parsePanelMessage({ type: 'run' }, waiting), undefined);
    assert.equal(parsePanelMessage({ type: 'eval', step: 0 }, waiting), undefined);
    assert.equal(parsePanelMessage({ type: 'constructor', step: 0 }, waiting), undefined);
    assert.equal(parsePanelMessage({ type: ['stop'] }, waiting), undefined);
  });

  it('a type inherited from the prototype (__proto__) does not count', () => {
    assert.equal(parsePanelMessage(JSON.parse('{"__proto__":{"type":"stop"}}'), waiting), undefined);
    assert.equal(parsePanelMessage(Object.create({ type: 'stop' }), waiting), undefined);
    assert.equal(parsePanelMessage(JSON.parse('{"type":"retry","__proto__":{"step":2}}'), failed), undefined);
  });

  it('step of the wrong type or out of range', () => {
    for (const step of ['2', 2.5, -1, 3, 99, NaN, Infinity, null, undefined, true, { valueOf: () => 2 }]) {
      assert.equal(parsePanelMessage({ type: 'retry', step }, failed), undefined, String(step));
      assert.equal(parsePanelMessage({ type: 'open-step', step }, failed), undefined, String(step));
    }
  });

  it('manual choice not one of done, skip, abort', () => {
    for (const choice of ['Done', 'yes', '', 1, undefined, ['done']]) {
      assert.equal(parsePanelMessage({ type: 'manual', step: 1, choice }, waiting), undefined, String(choice));
    }
  });

  it('an action the panel does not offer now', () => {
    // Running: no retry, skip or rollback.
    assert.equal(parsePanelMessage({ type: 'retry', step: 1 }, waiting), undefined);
    assert.equal(parsePanelMessage({ type: 'rollback', step: 0 }, waiting), undefined);
    // Manual answer for a step the run does not wait on.
    assert.equal(parsePanelMessage({ type: 'manual', step: 0, choice: 'done' }, waiting), undefined);
    assert.equal(parsePanelMessage({ type: 'manual', step: 1, choice: 'done' }, failed), undefined);
    // Failed: no stop; retry only the failed step; no rollback for a step without one.
    assert.equal(parsePanelMessage({ type: 'stop' }, failed), undefined);
    assert.equal(parsePanelMessage({ type: 'retry', step: 0 }, failed), undefined);
    assert.equal(parsePanelMessage({ type: 'skip', step: 1 }, failed), undefined);
    assert.equal(parsePanelMessage({ type: 'rollback', step: 1 }, failed), undefined);
  });

  it('anything but open-step and ready in a read-only view', () => {
    for (const raw of [{ type: 'stop' }, { type: 'retry', step: 2 }, { type: 'skip', step: 2 }, { type: 'rollback', step: 2 }, { type: 'rollback', step: 0 }]) {
      assert.equal(parsePanelMessage(raw, history), undefined, JSON.stringify(raw));
    }
  });
});
