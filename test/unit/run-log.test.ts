/**
 * The run log on a temporary folder: file and folder names, writing event by event, tolerant reading,
 * interrupted runs, listing order and the workflow metrics.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import {
  INTERRUPTED_REASON,
  RunLogWriter,
  listRuns,
  markInterrupted,
  processIsLive,
  readRunLog,
  runFileName,
  workflowFolderName,
  workflowMetrics,
  type RunLogCache,
} from '../../client/src/runner/runLog';
import type { RunHeader, RunLogRecord } from '../../client/src/runner/runTypes';
import { runEnd, runHeader, stepEnd, stepRef, stepStart } from './support/run-records';

const T0 = Date.UTC(2026, 10, 22, 4, 35, 10, 123);
const SESSION = 'session-a';

/** A header without a run id (the writer picks it): Build, then Ship with a rollback; written by this process. */
function header(extra: Partial<RunHeader> = {}): Omit<RunHeader, 'runId'> {
  const { runId: _runId, ...rest } = runHeader(
    { uri: 'file:///w/runbooks/deploy.md', relativePath: 'runbooks/deploy.md', pid: process.pid, session: SESSION, ...extra },
    [stepRef(0, 'Build', 3), stepRef(1, 'Ship', 9, { rollback: true })],
  );
  return rest;
}

/** A fresh temporary folder, named from `prefix`, for each test of the enclosing describe; `use` receives it. */
function withTempRoot(prefix: string, use: (root: string) => void): void {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), prefix));
    use(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
}

/** A pid that existed a moment ago and no longer does. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.ok(child.pid);
  return child.pid;
}

describe('run log names', () => {
  it('a run file name is the UTC time with no character Windows forbids', () => {
    const name = runFileName(T0);
    assert.equal(name, '2026-11-22T04-35-10-123Z');
    assert.doesNotMatch(name, /[<>:"/\\|?*]/);
  });

  it('run file names sort as their times do', () => {
    const times = [T0, T0 + 1, T0 + 999, T0 + 1000, T0 + 61_000, T0 + 86_400_000, Date.UTC(2027, 0, 1), Date.UTC(2026, 0, 9, 23)];
    const byName = [...times].sort((a, b) => (runFileName(a) < runFileName(b) ? -1 : 1));
    assert.deepEqual(byName, [...times].sort((a, b) => a - b));
  });

  it('a workflow folder name is the file name without extension, slugged', () => {
    const cases: [path: string, folder: string][] = [
      ['runbooks/Deploy.md', 'deploy'],
      ['ops/release.workflow.yaml', 'release.workflow'],
      ['a\\b\\Roll Back: DB?.md', 'roll-back-db'],
      ['../..', 'workflow'],
      ['x/...md', 'workflow'],
      ['a..b.md', 'a.b'],
      ['', 'workflow'],
      ['.hidden', 'hidden'],
      ['docs/CON.md', 'con-workflow'],
      ['Ünïcode-Ablauf.md', 'ünïcode-ablauf'],
    ];
    for (const [path, folder] of cases) assert.equal(workflowFolderName(path), folder, path);
    assert.ok(workflowFolderName('x'.repeat(300) + '.md').length <= 80);
  });
});

describe('RunLogWriter and readRunLog', () => {
  let root = '';
  withTempRoot('wfs-runlog-', (dir) => (root = dir));

  it('creates <root>/<workflow>/<runId>.jsonl with the run-start record', () => {
    const w = RunLogWriter.create(join(root, 'nested', '.workflow-runs'), header(), T0);
    assert.equal(w.runId, '2026-11-22T04-35-10-123Z');
    assert.equal(w.file, join(root, 'nested', '.workflow-runs', 'deploy', '2026-11-22T04-35-10-123Z.jsonl'));
    const lines = readFileSync(w.file, 'utf8').split('\n');
    assert.equal(lines.length, 2);
    assert.equal(lines[1], '');
    assert.deepEqual(JSON.parse(lines[0]), { type: 'run-start', time: T0, runId: w.runId, ...header() });
    assert.equal(w.lastError, undefined);
  });

  it('the writer picks the run id, whatever runId the header carries', () => {
    const w = RunLogWriter.create(root, { ...header(), runId: 'placeholder' } as RunHeader, T0);
    assert.equal(w.runId, runFileName(T0));
    assert.equal(w.header.runId, w.runId);
    assert.equal(readRunLog(w.file)?.header.runId, w.runId);
  });

  it('a second run in the same millisecond gets a suffix', () => {
    const a = RunLogWriter.create(root, header(), T0);
    const b = RunLogWriter.create(root, header(), T0);
    const c = RunLogWriter.create(root, header(), T0);
    assert.equal(basename(a.file), '2026-11-22T04-35-10-123Z.jsonl');
    assert.equal(basename(b.file), '2026-11-22T04-35-10-123Z-2.jsonl');
    assert.equal(basename(c.file), '2026-11-22T04-35-10-123Z-3.jsonl');
    assert.equal(readRunLog(b.file)?.header.runId, b.runId);
    for (let i = 4; i <= 10; i++) RunLogWriter.create(root, header(), T0);
    const ids = listRuns(root).map((r) => r.header.runId.replace(a.runId, ''));
    assert.deepEqual(ids, ['-10', '-9', '-8', '-7', '-6', '-5', '-4', '-3', '-2', ''], 'newest first within the millisecond');
  });

  it('writes event by event: after each append the file parses with that record last', () => {
    const w = RunLogWriter.create(root, header(), T0);
    const events: RunLogRecord[] = [
      stepStart(0, T0 + 1),
      { type: 'command', time: T0 + 2, step: 0, kind: 'command', code: 'make' },
      { type: 'output', time: T0 + 3, step: 0, text: 'line 1\nline 2 "quoted"\n' },
      stepEnd(0, T0 + 4, 'passed'),
      runEnd(T0 + 5, 'passed', 5),
    ];
    for (const [i, e] of events.entries()) {
      w.append(e);
      const run = readRunLog(w.file);
      assert.ok(run);
      assert.equal(run.records.length, i + 2);
      assert.deepEqual(run.records.at(-1), e);
    }
    assert.equal(readRunLog(w.file)?.outcome, 'passed');
  });

  it('round trip: outcome, duration, failed step, approvals, step results, manual interventions', () => {
    const w = RunLogWriter.create(root, header(), T0);
    const records: RunLogRecord[] = [
      stepStart(0, T0 + 10),
      stepEnd(0, T0 + 20, 'passed'),
      { type: 'approval', time: T0 + 21, step: 1, reason: 'a command matches the risky pattern "rm -rf"', approved: true, approver: 'ana' },
      stepStart(1, T0 + 22),
      stepEnd(1, T0 + 30, 'failed', { exitCode: 2 }),
      { type: 'retry', time: T0 + 31, step: 1, attempt: 2, delayMs: 0 },
      stepEnd(1, T0 + 40, 'failed', { exitCode: 3, attempt: 2 }),
      stepStart(1, T0 + 41, { phase: 'rollback' }),
      stepEnd(1, T0 + 45, 'rolled-back', { phase: 'rollback' }),
      { type: 'manual', time: T0 + 46, step: 0, choice: 'done' },
      runEnd(T0 + 50, 'failed', 50, { failedStep: 1 }),
    ];
    for (const r of records) w.append(r);
    w.close();
    const run = readRunLog(w.file);
    assert.ok(run);
    assert.equal(run.header.runId, w.runId);
    assert.equal(run.header.workflow, 'Deploy');
    assert.equal(run.outcome, 'failed');
    assert.equal(run.startTime, T0);
    assert.equal(run.endTime, T0 + 50);
    assert.equal(run.durationMs, 50);
    assert.equal(run.failedStep, 1);
    assert.equal(run.manualInterventions, 2);
    assert.deepEqual(run.approvals, [{ step: 1, approved: true, approver: 'ana', reason: 'a command matches the risky pattern "rm -rf"' }]);
    assert.equal(run.stepResults[0].run?.status, 'passed');
    assert.equal(run.stepResults[1].run?.exitCode, 3, 'the last attempt counts');
    assert.equal(run.stepResults[1].rollback?.status, 'rolled-back');
    assert.equal(run.records.length, records.length + 1);
  });

  it('close() stops later appends', () => {
    const w = RunLogWriter.create(root, header(), T0);
    w.close();
    w.append(stepStart(0, T0 + 1));
    assert.equal(readRunLog(w.file)?.records.length, 1);
  });

  it('a resumed run: the outcome is the last run-end after the last resume; durations add up', () => {
    const w = RunLogWriter.create(root, header(), T0);
    w.append(stepEnd(0, T0 + 100, 'failed'));
    w.append(runEnd(T0 + 100, 'failed', 100, { failedStep: 0 }));
    w.append({ type: 'resume', time: T0 + 60_000, action: 'retry', step: 0 });
    assert.equal(readRunLog(w.file)?.outcome, 'running', 'a resume opens the run again');
    w.append(stepEnd(0, T0 + 60_300, 'passed'));
    w.append(runEnd(T0 + 60_300, 'passed', 300));
    const run = readRunLog(w.file);
    assert.equal(run?.outcome, 'passed');
    assert.equal(run?.durationMs, 400);
    assert.equal(run?.endTime, T0 + 60_300);
    assert.equal(run?.failedStep, undefined);
    assert.equal(run?.manualInterventions, 1);
    assert.equal(run?.stepResults[0].run?.status, 'passed');
  });

  it('tolerates blank lines, garbage, records before the header and a truncated last line', () => {
    const w = RunLogWriter.create(root, header(), T0);
    const start = readFileSync(w.file, 'utf8');
    writeFileSync(
      w.file,
      [
        JSON.stringify(stepStart(0, T0 - 1)),
        start.trimEnd(),
        '',
        'not json',
        '[1,2]',
        JSON.stringify({ type: 'step-end', time: 'late', step: 0 }),
        JSON.stringify({ type: 'mystery', time: T0 + 1 }),
        JSON.stringify(stepStart(0, T0 + 2)),
        JSON.stringify(runEnd(T0 + 3, 'passed', 3)).slice(0, 20),
      ].join('\n'),
    );
    const run = readRunLog(w.file);
    assert.ok(run);
    assert.deepEqual(run.records.map((r) => r.type), ['run-start', 'step-start']);
    assert.equal(run.outcome, 'running');
  });

  it('a file without a valid run-start, or a missing file, gives undefined', () => {
    const file = join(root, 'f.jsonl');
    writeFileSync(file, JSON.stringify(stepStart(0, T0)) + '\n' + JSON.stringify({ type: 'run-start', time: T0 }) + '\n');
    assert.equal(readRunLog(file), undefined);
    assert.equal(readRunLog(join(root, 'missing.jsonl')), undefined);
  });

  it('a write after the folder was deleted does not throw: it records the error and reports it once', () => {
    const errors: Error[] = [];
    const w = RunLogWriter.create(root, header(), T0, { onError: (e) => errors.push(e) });
    w.append(stepStart(0, T0 + 1));
    rmSync(dirname(w.file), { recursive: true });
    assert.doesNotThrow(() => w.append(stepEnd(0, T0 + 2, 'passed')));
    assert.doesNotThrow(() => w.append(runEnd(T0 + 3, 'passed', 3)));
    assert.ok(w.lastError);
    assert.equal(w.hasFailed, true);
    assert.equal(errors.length, 1);
    assert.equal(existsSync(dirname(w.file)), false, 'no header-less log is recreated');
  });

  it('a log that cannot be created does not throw either: the writer is disabled', () => {
    const blocker = join(root, 'blocker');
    writeFileSync(blocker, 'a file where the root folder should be');
    const errors: Error[] = [];
    const w = RunLogWriter.create(blocker, header(), T0, { onError: (e) => errors.push(e) });
    assert.ok(w.lastError);
    assert.equal(errors.length, 1);
    assert.doesNotThrow(() => w.append(stepStart(0, T0 + 1)));
    assert.equal(errors.length, 1);
    assert.equal(readFileSync(blocker, 'utf8'), 'a file where the root folder should be');
  });

  it('a failed logger does not throw into the run', () => {
    const w = RunLogWriter.create(root, header(), T0, {
      onError: () => {
        throw new Error('logger down');
      },
    });
    rmSync(w.file);
    assert.doesNotThrow(() => w.append(stepStart(0, T0 + 1)));
  });
});

describe('listRuns', () => {
  let root = '';
  withTempRoot('wfs-runlist-', (dir) => (root = dir));

  it('a missing root gives no runs', () => {
    assert.deepEqual(listRuns(join(root, 'nope')), []);
  });

  it('lists every workflow folder newest first, skipping other files and logs without a header', () => {
    const a = RunLogWriter.create(root, header(), T0);
    const b = RunLogWriter.create(root, header({ relativePath: 'other/rollback.md', workflow: 'Rollback' }), T0 + 5000);
    const c = RunLogWriter.create(root, header(), T0 + 2000);
    const d = RunLogWriter.create(root, header(), T0 + 2000);
    writeFileSync(join(root, 'deploy', 'notes.txt'), 'x');
    writeFileSync(join(root, 'deploy', 'empty.jsonl'), '');
    writeFileSync(join(root, 'stray.jsonl'), readFileSync(a.file));
    assert.deepEqual(listRuns(root).map((r) => r.file), [b.file, d.file, c.file, a.file]);
  });

  it('with a cache, reads again only the logs that changed, and forgets deleted ones', () => {
    const cache: RunLogCache = new Map();
    const a = RunLogWriter.create(root, header(), T0);
    const b = RunLogWriter.create(root, header(), T0 + 1);
    const first = listRuns(root, cache);
    a.append(runEnd(T0 + 7, 'passed', 7));
    const second = listRuns(root, cache);
    assert.equal(second.find((r) => r.file === b.file), first.find((r) => r.file === b.file), 'unchanged: the same object');
    assert.equal(second.find((r) => r.file === a.file)?.outcome, 'passed');
    rmSync(b.file);
    assert.deepEqual(listRuns(root, cache).map((r) => r.file), [a.file]);
    assert.deepEqual([...cache.keys()], [a.file]);
  });
});

describe('interrupted runs', () => {
  let root = '';
  withTempRoot('wfs-runint-', (dir) => (root = dir));

  it('marks a dead writer’s unfinished run interrupted, not a live one, and only once', () => {
    const dead = RunLogWriter.create(root, header({ pid: deadPid(), session: 'session-old' }), T0);
    dead.append(stepStart(0, T0 + 100));
    dead.append({ type: 'output', time: T0 + 900, step: 0, text: 'half' });
    appendFileSync(dead.file, '{"type":"step-end","ti');
    const live = RunLogWriter.create(root, header({ pid: process.ppid, session: 'session-other-window' }), T0 + 1);
    const done = RunLogWriter.create(root, header({ pid: deadPid(), session: 'session-old' }), T0 + 2);
    done.append(runEnd(T0 + 10, 'passed', 8));

    const isLive = (h: RunHeader) => processIsLive(h, SESSION, new Set());
    const marked = markInterrupted(root, isLive, T0 + 50_000);
    assert.deepEqual(marked.map((r) => r.file), [dead.file]);
    assert.equal(marked[0].outcome, 'interrupted');
    assert.equal(marked[0].durationMs, 900, 'last record time minus start');
    assert.equal(marked[0].reason, INTERRUPTED_REASON);
    const end = marked[0].records.at(-1);
    assert.deepEqual(end, { type: 'run-end', time: T0 + 50_000, outcome: 'interrupted', durationMs: 900, reason: INTERRUPTED_REASON });
    assert.equal(readRunLog(live.file)?.outcome, 'running');
    assert.equal(readRunLog(done.file)?.outcome, 'passed');

    const before = readFileSync(dead.file, 'utf8');
    assert.deepEqual(markInterrupted(root, isLive, T0 + 60_000), []);
    assert.equal(readFileSync(dead.file, 'utf8'), before);
  });

  it('an unfinished part after a resume is measured from the resume', () => {
    const w = RunLogWriter.create(root, header({ pid: deadPid(), session: 'old' }), T0);
    w.append(runEnd(T0 + 100, 'failed', 100, { failedStep: 0 }));
    w.append({ type: 'resume', time: T0 + 5000, action: 'retry', step: 0 });
    w.append(stepStart(0, T0 + 5300));
    const [run] = markInterrupted(root, () => false, T0 + 9000);
    assert.equal(run.outcome, 'interrupted');
    assert.equal(run.durationMs, 100 + 300);
  });

  it('processIsLive: this session’s active runs live; its other runs are dead; other sessions by pid', () => {
    const h = (extra: Partial<RunHeader>): RunHeader => ({ runId: 'r1', ...header(), ...extra });
    assert.equal(processIsLive(h({ session: SESSION }), SESSION, new Set(['r1'])), true);
    assert.equal(processIsLive(h({ session: SESSION }), SESSION, new Set(['r2'])), false);
    assert.equal(processIsLive(h({ session: 'other', pid: process.ppid }), SESSION, new Set()), true);
    assert.equal(processIsLive(h({ session: 'other', pid: deadPid() }), SESSION, new Set()), false);
    assert.equal(processIsLive(h({ session: 'other', pid: process.pid }), SESSION, new Set()), false, 'our pid, not our run');
    assert.equal(processIsLive(h({ session: 'other', pid: 0 }), SESSION, new Set()), false);
  });
});

describe('workflowMetrics', () => {
  let root = '';
  withTempRoot('wfs-runmetrics-', (dir) => (root = dir));

  it('success rate and mean duration over finished runs; interventions = manual + approvals + resumes', () => {
    const run = (time: number, records: RunLogRecord[]) => {
      const w = RunLogWriter.create(root, header(), time);
      for (const r of records) w.append(r);
    };
    run(T0, [runEnd(T0 + 1000, 'passed', 1000)]);
    run(T0 + 1, [
      { type: 'approval', time: T0 + 2, step: 1, reason: 'risk', approved: true },
      { type: 'manual', time: T0 + 3, step: 0, choice: 'done' },
      runEnd(T0 + 3000, 'passed', 3000),
    ]);
    run(T0 + 2, [runEnd(T0 + 2000, 'failed', 2000, { failedStep: 1 }), { type: 'resume', time: T0 + 9000, action: 'skip', step: 1 }, runEnd(T0 + 9000, 'cancelled', 0)]);
    run(T0 + 3, [{ type: 'approval', time: T0 + 4, step: 1, reason: 'risk', approved: false }, runEnd(T0 + 5, 'cancelled', 2)]);
    run(T0 + 4, [stepStart(0, T0 + 5)]);
    markInterrupted(root, () => false, T0 + 10_000);
    run(T0 + 5, [stepStart(0, T0 + 6)]);

    const runs = listRuns(root);
    assert.deepEqual(runs.map((r) => r.outcome), ['running', 'interrupted', 'cancelled', 'cancelled', 'passed', 'passed']);
    const m = workflowMetrics(runs);
    assert.equal(m.runs, 6);
    assert.equal(m.finished, 5);
    assert.equal(m.passed, 2);
    assert.equal(m.successRate, 2 / 5);
    assert.equal(m.meanDurationMs, (1000 + 3000 + 2000 + 2 + 1) / 5);
    assert.equal(m.manualInterventions, 4);
  });

  it('no finished run: no rate and no mean', () => {
    assert.deepEqual(workflowMetrics([]), { runs: 0, finished: 0, passed: 0, manualInterventions: 0 });
  });
});
