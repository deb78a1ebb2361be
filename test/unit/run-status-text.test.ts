/** The status bar's words for a run going on (statusText.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyRecord, initialView, setWaiting } from '../../client/src/runner/runState';
import { runStatusText } from '../../client/src/runner/statusText';
import { runHeader, stepEnd, stepStart } from './support/run-records';

describe('run status text', () => {
  const header = runHeader();

  it('says which step runs, and how many of the run are done', () => {
    let v = initialView(header, 0, 'run');
    assert.match(runStatusText(v)!.text, /starting \(0\/3\)$/);
    v = applyRecord(v, stepStart(0, 1));
    v = applyRecord(v, stepEnd(0, 2, 'passed'));
    v = applyRecord(v, stepStart(2, 3));
    const words = runStatusText(v)!;
    assert.equal(words.text, `$(sync~spin) ${header.workflow}: step 3 (1/3)`);
    assert.match(words.tooltip, /Click to show the Run panel/);
  });

  it('says when the run waits for the person', () => {
    const v = setWaiting(applyRecord(initialView(header, 0, 'run'), stepStart(1, 1)), { step: 1, kind: 'manual' });
    assert.equal(runStatusText(v)!.text, `$(bell) ${header.workflow}: waiting for Done / Skip / Abort`);
  });

  it('says nothing for a finished run or a dry run', () => {
    const ended = applyRecord(initialView(header, 0, 'run'), { type: 'run-end', time: 5, outcome: 'passed', durationMs: 5 });
    assert.equal(runStatusText(ended), undefined);
    assert.equal(runStatusText(initialView(header, 0, 'dry-run')), undefined);
  });
});
