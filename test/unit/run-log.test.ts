/**
 * The run log on a temporary folder: file and folder names, writing event by event, tolerant reading,
 * interrupted runs, listing order and the workflow metrics.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import {
  INTERRUPTED_REASON,
  RunLogWriter,
  MAX_LOGGED_STEPS,
  MAX_RECORDS_PER_STEP,
  listRuns,
  logRootRefusal,
  markInterrupted,
  parseRunLog,
  processIsLive,
  readRunLog,
  runFileName,
  workflowFolderName,
  workflowMetrics,
  type RunLogCache,
  type RunRecord,
} from '../../server/src/run/runLog';
import type { RunHeader, RunLogRecord } from '../../server/src/run/runTypes';
import { READ_LIMITS } from '../../server/src/files/boundedRead';
import { applyRecord, availableActions, initialView, viewFromRecords, type RunView } from '../../client/src/runner/runState';
import { buildRunsTree, MAX_TOOLTIP_LENGTH } from '../../client/src/views/runsTree';
import { runEnd, runHeader, stepEnd, stepRef, stepStart } from './support/run-records';

const T0 = Date.UTC(2026, 10, 22, 4, 35, 10, 123);
const SESSION = 'session-a';
const HOST = 'host-a';

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
      ['ops/release.workflow.yaml', 'release'],
      ['ops/nightly.wf.yml', 'nightly'],
      ['.workflow.yaml', 'workflow'],
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

  it('durations: each part’s run-end gives its own duration; they add up, the wait between them does not count', () => {
    const w = RunLogWriter.create(root, header(), T0);
    w.append(stepEnd(0, T0 + 10_000, 'failed'));
    w.append(runEnd(T0 + 10_000, 'failed', 10_000, { failedStep: 0 }));
    // 60 s later the user clicks Retry; the retried part takes 5 s.
    w.append({ type: 'resume', time: T0 + 70_000, action: 'retry', step: 0 });
    w.append(stepEnd(0, T0 + 75_000, 'passed', { durationMs: 5000 }));
    w.append(runEnd(T0 + 75_000, 'passed', 5000));
    const run = readRunLog(w.file);
    assert.ok(run);
    assert.equal(run.durationMs, 15_000);
    assert.equal(run.endTime, T0 + 75_000, 'the last run-end’s time');
    assert.equal(run.outcome, 'passed');
    // The Run panel reopened from history says the same.
    const view = viewFromRecords(run.records, true);
    assert.equal(view.durationMs, 15_000);
    assert.equal(view.endTime, T0 + 75_000);
    // The end time is the run-end’s own, even when the resume was written before its part’s engine started.
    w.append({ type: 'resume', time: T0 + 80_000, action: 'skip', step: 1 });
    w.append(runEnd(T0 + 80_700, 'passed', 500));
    const again = readRunLog(w.file);
    assert.equal(again?.endTime, T0 + 80_700);
    assert.equal(again?.durationMs, 15_500);
  });

  it('a Roll back from the panel that fails keeps the step that failed the run as its failed step', () => {
    const w = RunLogWriter.create(root, header(), T0);
    w.append(stepEnd(1, T0 + 100, 'failed'));
    w.append(runEnd(T0 + 100, 'failed', 100, { failedStep: 1 }));
    w.append({ type: 'resume', time: T0 + 5000, action: 'rollback', step: 1 });
    w.append(stepStart(1, T0 + 5001, { phase: 'rollback' }));
    w.append(stepEnd(1, T0 + 5020, 'failed', { phase: 'rollback', exitCode: 4 }));
    // The engine no longer names a failed step for a rollback-only part; the reason says what happened.
    w.append(runEnd(T0 + 5020, 'failed', 20, { reason: 'rollback failed' }));
    const run = readRunLog(w.file);
    assert.equal(run?.outcome, 'failed');
    assert.equal(run?.failedStep, 1);
    assert.equal(run?.reason, 'rollback failed');
    assert.equal(run?.durationMs, 120);
    assert.equal(run?.stepResults[1].rollback?.exitCode, 4);
    // A Retry part after it that passes clears it.
    w.append({ type: 'resume', time: T0 + 9000, action: 'retry', step: 1 });
    w.append(runEnd(T0 + 9010, 'passed', 10));
    assert.equal(readRunLog(w.file)?.failedStep, undefined);
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

describe('log folders out of bounds', () => {
  let dir = '';
  withTempRoot('wfs-runroots-', (d) => (dir = d));

  it('a log folder whose real path leaves the workspace and the storage is refused; one not made yet is judged by its parent', () => {
    const ws = join(dir, 'ws');
    const storage = join(dir, 'storage');
    mkdirSync(ws);
    mkdirSync(join(dir, 'elsewhere'));
    assert.equal(logRootRefusal(join(ws, '.workflow-runs'), [ws, storage]), undefined);
    assert.equal(logRootRefusal(join(storage, 'runs'), [ws, storage]), undefined);
    symlinkSync(join(dir, 'elsewhere'), join(ws, '.workflow-runs'));
    assert.match(logRootRefusal(join(ws, '.workflow-runs'), [ws, storage]) ?? '', /\.workflow-runs resolves to .*elsewhere, outside the workspace folders and the extension's storage$/);
    assert.match(logRootRefusal(join(dir, 'elsewhere'), [ws, storage]) ?? '', /outside the workspace folders/);
  });

  it('the writer does not write through a workflow folder that is a symlink out of its root', () => {
    const root = join(dir, 'runs');
    mkdirSync(root);
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(root, 'deploy'));
    const errors: Error[] = [];
    const w = RunLogWriter.create(root, header(), T0, { onError: (e) => errors.push(e) });
    assert.equal(w.hasFailed, true);
    assert.match(errors[0]?.message ?? '', /the run log folder .*deploy resolves outside/);
    w.append(stepStart(0, T0 + 1));
    assert.deepEqual(readdirSync(join(dir, 'elsewhere')), []);
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

    const isLive = (h: RunHeader) => processIsLive(h, SESSION, new Set(), HOST);
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
    assert.equal(processIsLive(h({ session: SESSION }), SESSION, new Set(['r1']), HOST), true);
    assert.equal(processIsLive(h({ session: SESSION }), SESSION, new Set(['r2']), HOST), false);
    assert.equal(processIsLive(h({ session: 'other', pid: process.ppid }), SESSION, new Set(), HOST), true);
    assert.equal(processIsLive(h({ session: 'other', pid: deadPid() }), SESSION, new Set(), HOST), false);
    assert.equal(processIsLive(h({ session: 'other', pid: process.pid }), SESSION, new Set(), HOST), false, 'our pid, not our run');
    assert.equal(processIsLive(h({ session: 'other', pid: 0 }), SESSION, new Set(), HOST), false);
  });

  it('processIsLive: a run written on another host is live (its process cannot be checked); this host’s as above', () => {
    const h = (extra: Partial<RunHeader>): RunHeader => ({ runId: 'r1', ...header(), ...extra });
    const dead = deadPid();
    // Another host: live whatever its pid or session says, even a pid that is dead here or our own.
    assert.equal(processIsLive(h({ host: 'devcontainer-1', session: 'other', pid: dead }), SESSION, new Set(), HOST), true);
    assert.equal(processIsLive(h({ host: 'devcontainer-1', session: 'other', pid: process.pid }), SESSION, new Set(), HOST), true);
    assert.equal(processIsLive(h({ host: 'devcontainer-1', session: SESSION, pid: dead }), SESSION, new Set(), HOST), true);
    // This host: by session and pid, as a log without a host (written before the field existed).
    for (const host of [HOST, undefined]) {
      const extra = host === undefined ? {} : { host };
      assert.equal(processIsLive(h({ ...extra, session: 'other', pid: dead }), SESSION, new Set(), HOST), false, `host ${host}`);
      assert.equal(processIsLive(h({ ...extra, session: 'other', pid: process.ppid }), SESSION, new Set(), HOST), true, `host ${host}`);
      assert.equal(processIsLive(h({ ...extra, session: SESSION }), SESSION, new Set(), HOST), false, `host ${host}`);
    }
  });

  it('markInterrupted leaves an unfinished run of another host alone', () => {
    const remote = RunLogWriter.create(root, header({ pid: deadPid(), session: 'session-remote', host: 'wsl-box' }), T0);
    remote.append(stepStart(0, T0 + 100));
    const local = RunLogWriter.create(root, header({ pid: deadPid(), session: 'session-old', host: HOST }), T0 + 1);
    const marked = markInterrupted(root, (h) => processIsLive(h, SESSION, new Set(), HOST), T0 + 50_000);
    assert.deepEqual(marked.map((r) => r.file), [local.file]);
    assert.equal(readRunLog(remote.file)?.outcome, 'running');
    assert.equal(readRunLog(remote.file)?.header.host, 'wsl-box');
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

describe('hostile run logs', () => {
  // Logs are read in untrusted workspaces and may come with a repository: whatever a file holds, the reader
  // either rejects it or gives records the Runs view and the Run panel can use without throwing.
  const HEADER: RunHeader = { runId: 'r1', ...header() };
  const headerLine = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'run-start', time: T0, ...HEADER, ...extra });
  const text = (lines: unknown[]): string => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

  /** What the Runs view and the read-only Run panel do with a parsed log; throws when any of it does. */
  function showEverywhere(run: RunRecord): void {
    const errors: unknown[] = [];
    const tree = buildRunsTree([run], { onError: (_run, e) => errors.push(e) });
    assert.deepEqual(errors, []);
    assert.equal(tree.length, 1);
    assert.equal(tree[0].runs.length, 1);
    for (const interrupted of [false, true]) {
      const view = viewFromRecords(run.records, false, { interrupted });
      assert.equal(view.steps.length, run.header.steps.length);
      availableActions(view);
    }
    // The in-place fold of a whole log agrees with the live panel's copying fold, record by record.
    const start = run.records[0] as Extract<RunLogRecord, { type: 'run-start' }>;
    let live: RunView = { ...initialView(start, start.time, 'run'), readOnly: false };
    for (const record of run.records.slice(1)) live = applyRecord(live, record);
    assert.deepEqual(viewFromRecords(run.records, false), live);
    workflowMetrics([run]);
  }

  it('rejects a file whose header has a missing or mistyped field', () => {
    const ref = (extra: Record<string, unknown>) => ({ ...stepRef(0, 'Build', 3), ...extra });
    const bad: [string, Record<string, unknown>][] = [
      ['steps [null]', { steps: [null] }],
      ['steps not an array', { steps: { length: 1 } }],
      ['a step index that is not its place', { steps: [ref({ index: 1 })] }],
      ['a string index', { steps: [ref({ index: '0' })] }],
      ['a numeric title', { steps: [ref({ title: 7 })] }],
      ['a string line', { steps: [ref({ line: '3' })] }],
      ['a negative line', { steps: [ref({ line: -1 })] }],
      ['a missing hasRollback', { steps: [{ index: 0, title: 'Build', line: 3, manual: false }] }],
      ['a uri that is not a string', { uri: 42 }],
      ['no runId', { runId: undefined }],
      ['an unknown scope', { scope: 'everything' }],
      ['from beyond the steps', { scope: 'from', from: 2 }],
      ['a fractional from', { scope: 'step', from: 0.5 }],
      ['a string pid', { pid: '123' }],
      ['a numeric session', { session: 1 }],
      ['a numeric host', { host: 1 }],
      ['a null host', { host: null }],
      ['a string time', { time: 'now' }],
      ['too many steps', { steps: Array.from({ length: MAX_LOGGED_STEPS + 1 }, (_, i) => stepRef(i, 's', i)) }],
    ];
    for (const [what, extra] of bad) {
      assert.equal(parseRunLog('f.jsonl', text([headerLine(extra), runEnd(T0 + 1, 'passed', 1)])), undefined, what);
    }
    // A time JSON reads as Infinity.
    assert.equal(parseRunLog('f.jsonl', JSON.stringify(headerLine({ time: 0 })).replace('"time":0', '"time":1e400')), undefined);
    // The first run-start is the header: a broken one is not replaced by a later one.
    assert.equal(parseRunLog('f.jsonl', text([headerLine({ steps: [null] }), headerLine()])), undefined);
    // The limit itself is fine.
    const many = parseRunLog('f.jsonl', text([headerLine({ steps: Array.from({ length: MAX_LOGGED_STEPS }, (_, i) => stepRef(i, 's', i)) })]));
    assert.equal(many?.header.steps.length, MAX_LOGGED_STEPS);
  });

  it('drops each record with a missing or mistyped field, a step the header does not list, or a second header', () => {
    const good: RunLogRecord[] = [
      stepStart(0, T0 + 1),
      { type: 'command', time: T0 + 2, step: 0, kind: 'command', code: 'make' },
      stepEnd(0, T0 + 3, 'failed'),
      runEnd(T0 + 4, 'failed', 4, { failedStep: 0 }),
    ];
    const bad: unknown[] = [
      null, [], 'x', 5, {},
      { ...stepStart(0, T0), step: 2 },
      { ...stepStart(0, T0), step: -1 },
      { ...stepStart(0, T0), step: '0' },
      { ...stepStart(0, T0), step: 0.5 },
      { ...stepStart(0, T0), title: null },
      { ...stepStart(0, T0), attempt: 0 },
      { ...stepStart(0, T0), phase: 'teardown' },
      { ...stepEnd(0, T0, 'passed'), status: 'exploded' },
      { ...stepEnd(0, T0, 'passed'), exitCode: '1' },
      { ...stepEnd(0, T0, 'passed'), durationMs: -1 },
      { ...stepEnd(0, T0, 'passed'), reason: 5 },
      { ...runEnd(T0, 'passed', 1), outcome: 'exploded' },
      { ...runEnd(T0, 'passed', 1), failedStep: 9 },
      { ...runEnd(T0, 'passed', 1), failedStep: '1' },
      { ...runEnd(T0, 'passed', 1), durationMs: '5' },
      { ...runEnd(T0, 'passed', 1), reason: ['x'] },
      { type: 'resume', time: T0, action: 'dance', step: 0 },
      { type: 'resume', time: T0, action: 'retry', step: 9 },
      { type: 'approval', time: T0, step: 0, reason: 'risk', approved: 'yes' },
      { type: 'approval', time: T0, step: 0, reason: 'risk', approved: true, approver: 5 },
      { type: 'manual', time: T0, step: 0, choice: 'maybe' },
      { type: 'decision', time: T0, step: 0, branch: null },
      { type: 'route', time: T0, step: 0, to: 'x', on: 'sometimes' },
      { type: 'command', time: T0, step: 0, kind: 'shell', code: 'x' },
      { type: 'output', time: T0, step: 0, text: 5 },
      { type: 'retry', time: T0, step: 0, attempt: 2, delayMs: -5 },
      { type: 'mystery', time: T0, step: 0 },
      headerLine({ steps: [stepRef(0, 'Other', 1)], runId: 'r2' }),
    ];
    const run = parseRunLog('f.jsonl', text([headerLine(), good[0], ...bad, ...good.slice(1)]));
    assert.ok(run);
    assert.deepEqual(run.records.slice(1), good);
    assert.equal(run.header.runId, 'r1');
    assert.equal(run.outcome, 'failed');
    assert.equal(run.failedStep, 0);
    showEverywhere(run);
    // Each bad record alone leaves a run with only its header.
    for (const b of bad) assert.equal(parseRunLog('f.jsonl', text([headerLine(), b]))?.records.length, 1, JSON.stringify(b));
  });

  it('__proto__ keys do not reach the records, and fields only found through one are missing', () => {
    const line = JSON.stringify(headerLine()).replace('{', '{"__proto__":{"polluted":true,"host":"elsewhere"},');
    const step = JSON.stringify(stepStart(0, T0 + 1)).replace('{', '{"__proto__":{"x":1},');
    const inherited = '{"__proto__":' + JSON.stringify(stepStart(0, T0 + 2)) + '}';
    const hidden = JSON.stringify({ ...headerLine(), steps: undefined }).replace('{', '{"__proto__":{"steps":[]},');
    const run = parseRunLog('f.jsonl', [line, step, inherited].join('\n'));
    assert.ok(run);
    assert.equal(run.records.length, 2, 'the record that is all __proto__ is dropped');
    for (const r of run.records) {
      assert.equal(Object.getPrototypeOf(r), Object.prototype);
      assert.equal(Object.hasOwn(r, '__proto__'), false);
    }
    assert.equal(run.header.host, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(parseRunLog('f.jsonl', hidden), undefined);
    showEverywhere(run);
  });

  it('fuzz: no truncation or mutation of a valid log makes the reader, the Runs tree or the Run panel’s fold throw', () => {
    const valid: unknown[] = [
      headerLine({ scope: 'from', from: 0, host: HOST }),
      { type: 'approval', time: T0 + 1, step: 1, reason: 'risk', approved: true, approver: 'ana' },
      stepStart(0, T0 + 2),
      { type: 'command', time: T0 + 3, step: 0, kind: 'command', code: 'make' },
      { type: 'output', time: T0 + 4, step: 0, text: 'ok\n' },
      stepEnd(0, T0 + 5, 'failed', { reason: 'exit 1' }),
      { type: 'retry', time: T0 + 6, step: 0, attempt: 2, delayMs: 10 },
      stepEnd(0, T0 + 7, 'passed', { attempt: 2 }),
      { type: 'decision', time: T0 + 8, step: 0, branch: 'fast' },
      { type: 'route', time: T0 + 9, step: 0, to: 'Ship', on: 'success' },
      stepStart(1, T0 + 10),
      { type: 'manual', time: T0 + 11, step: 1, choice: 'done' },
      stepEnd(1, T0 + 12, 'failed'),
      runEnd(T0 + 13, 'failed', 13, { failedStep: 1, reason: 'step 2 failed' }),
      { type: 'resume', time: T0 + 100, action: 'rollback', step: 1 },
      stepStart(1, T0 + 101, { phase: 'rollback' }),
      stepEnd(1, T0 + 102, 'failed', { phase: 'rollback' }),
      runEnd(T0 + 103, 'failed', 3, { reason: 'rollback failed' }),
      { type: 'resume', time: T0 + 200, action: 'retry', step: 1 },
      stepStart(1, T0 + 201),
    ];
    const hostile: unknown[] = [
      null, true, 0, -1, 0.5, 2 ** 53, '', 'x', 'run-end', 'failed', [], [null], {}, [{}], { index: 0 },
      '__HUGE__', Array.from({ length: 5 }, () => null),
    ];
    // A small seeded generator (mulberry32): the same cases every run, so a failure can be replayed.
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

    let parsed = 0;
    for (let i = 0; i < 1500; i++) {
      const lines = structuredClone(valid) as Record<string, unknown>[];
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) {
        const at = Math.floor(random() * lines.length);
        const kind = random();
        if (kind < 0.6) {
          // A field of a record, or of one of the header's steps, made hostile or removed.
          let target: Record<string, unknown> = lines[at];
          if (target && typeof target === 'object' && Array.isArray(target.steps) && random() < 0.5) {
            const steps = target.steps as unknown[];
            const k = Math.floor(random() * steps.length);
            if (steps[k] && typeof steps[k] === 'object') target = steps[k] as Record<string, unknown>;
            else steps[k] = pick(hostile);
          }
          if (!target || typeof target !== 'object') continue;
          const key = pick([...Object.keys(target), 'failedStep', 'from', 'step', 'host']);
          if (random() < 0.2) delete target[key];
          else target[key] = pick(hostile);
        } else if (kind < 0.75) {
          lines[at] = pick(hostile) as Record<string, unknown>;
        } else if (kind < 0.9) {
          lines.splice(Math.floor(random() * lines.length), 0, structuredClone(lines[at]));
        } else {
          lines.splice(at, 1);
        }
      }
      let body = text(lines).replaceAll('"__HUGE__"', '1e400');
      const cut = random();
      if (cut < 0.3) body = body.slice(0, Math.floor(random() * body.length));
      else if (cut < 0.45) {
        const p = Math.floor(random() * body.length);
        body = body.slice(0, p) + pick(['', '\n', '"', '}', ',', '{"type":"run-end"', '\u0000']) + body.slice(p + 1);
      }
      const run = parseRunLog('f.jsonl', body);
      if (!run) continue;
      parsed++;
      const count = run.header.steps.length;
      for (const r of run.records) {
        if ('step' in r) assert.ok(r.step >= 0 && r.step < count, `case ${i}: step ${r.step}`);
        if (r.type === 'run-end' && r.failedStep !== undefined) assert.ok(r.failedStep < count, `case ${i}`);
      }
      assert.doesNotThrow(() => showEverywhere(run), `case ${i}: ${body}`);
    }
    // Enough cases got past the reader for the rest of the pipeline to be tried.
    assert.ok(parsed > 500, `only ${parsed} cases parsed`);
  });

  it('a multi-MB crafted log is read, listed and opened in linear time, with the per-step and tooltip caps applied', () => {
    // 10,000 steps, each started twice or three times (each start copied every step before); 10,000 approvals
    // of one step (each copied the step's list before); 5,000 run-ends (each looked at every step); 20
    // approvals with 100 KB reasons (the tooltip listed them all).
    const steps = Array.from({ length: MAX_LOGGED_STEPS }, (_, i) => stepRef(i, `Step number ${i}`, i));
    const lines: string[] = [JSON.stringify(headerLine({ steps }))];
    for (let i = 0; i < 25_000; i++) lines.push(JSON.stringify(stepStart(i % MAX_LOGGED_STEPS, T0 + 1)));
    for (let i = 0; i < 10_000; i++) lines.push(JSON.stringify({ type: 'approval', time: T0 + 2, step: 0, reason: 'risky', approved: true, approver: 'ana' }));
    for (let i = 0; i < 20; i++) lines.push(JSON.stringify({ type: 'approval', time: T0 + 3, step: 1, reason: 'r'.repeat(100_000), approved: false }));
    for (let i = 0; i < 5_000; i++) lines.push(JSON.stringify(runEnd(T0 + 4 + i, 'failed', 4, { failedStep: 1, reason: 'stopped' })));
    const root = mkdtempSync(join(tmpdir(), 'wfs-runhuge-'));
    try {
      mkdirSync(join(root, 'deploy'));
      const file = join(root, 'deploy', 'huge.jsonl');
      writeFileSync(file, lines.join('\n') + '\n');
      const size = statSync(file).size;
      assert.ok(size > 5_000_000 && size < READ_LIMITS.runLog.bytes, `${size} bytes: multi-MB, under the limit`);

      // Measured in CPU time of this process, not wall time: the machine may be running other work (a wall clock
      // then counts the time others used), but the work done here does not change with the load.
      const before = process.cpuUsage();
      const [run] = listRuns(root, new Map());
      const [workflow] = buildRunsTree([run]);
      const view = viewFromRecords(run.records, true);
      const used = process.cpuUsage(before);
      const cpuMs = (used.user + used.system) / 1000;
      // A generous guard (the issue asks for bounded time): this takes 150-250 ms of CPU here; the old fold copied
      // every step per record and looked at every step per run-end, and took 16.6 s of CPU on this log.
      assert.ok(cpuMs < 1000, `took ${cpuMs.toFixed(0)} ms of CPU`);

      assert.equal(run.records.filter((r) => 'step' in r && r.step === 0).length, MAX_RECORDS_PER_STEP);
      assert.equal(run.records.filter((r) => r.type === 'run-end').length, MAX_RECORDS_PER_STEP);
      // Step 1 has three starts and 10,000 approvals; the run has 5,000 run-ends.
      assert.equal(run.droppedRecords, 3 + 10_000 - MAX_RECORDS_PER_STEP + 5_000 - MAX_RECORDS_PER_STEP);
      assert.equal(view.steps[0].approvals.length, MAX_RECORDS_PER_STEP - 3);
      const tooltip = workflow.runs[0].tooltip;
      assert.ok(tooltip.length <= MAX_TOOLTIP_LENGTH, `tooltip of ${tooltip.length} characters`);
      // 997 approvals kept of step 1, twenty of step 2: ten listed, the rest counted.
      assert.match(tooltip, /… and 1007 more approvals/);
      assert.match(tooltip, /13003 record\(s\) left out: over 1000 for one step/);
      assert.ok(view.steps.every((s) => s.status === 'failed'), 'the first run-end cut off every running step');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a log over the size limit, or that is no regular file, is named to onError once and left out', () => {
    const root = mkdtempSync(join(tmpdir(), 'wfs-runbig-'));
    try {
      const good = RunLogWriter.create(root, header(), T0);
      const big = join(root, 'deploy', 'big.jsonl');
      writeFileSync(big, readFileSync(good.file, 'utf8') + `${JSON.stringify({ type: 'output', time: T0, step: 0, text: 'x'.repeat(READ_LIMITS.runLog.bytes + 500_000) })}\n`);
      symlinkSync('/dev/zero', join(root, 'deploy', 'zero.jsonl'));
      const pipe = join(root, 'deploy', 'pipe.jsonl');
      execFileSync('mkfifo', [pipe]);
      const cache: RunLogCache = new Map();
      const errors: string[] = [];
      const onError = (file: string, e: unknown): void => void errors.push(`${basename(file)}: ${(e as Error).message}`);
      assert.deepEqual(listRuns(root, cache, onError).map((r) => r.file), [good.file]);
      assert.deepEqual(errors, ['big.jsonl: 8.5 MB, over the 8 MB limit for run logs']);
      assert.deepEqual(listRuns(root, cache, onError).map((r) => r.file), [good.file]);
      assert.equal(errors.length, 1, 'reported once while the file stays the same');
      assert.throws(() => readRunLog(pipe), /not a regular file \(a FIFO\)/);
      assert.throws(() => readRunLog(join(root, 'deploy', 'zero.jsonl')), /not a regular file \(a symbolic link\)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('listRuns skips the bad files and lists the good ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'wfs-runhostile-'));
    try {
      const good = RunLogWriter.create(root, header(), T0);
      good.append(runEnd(T0 + 5, 'passed', 5));
      writeFileSync(join(root, 'deploy', 'bad.jsonl'), text([headerLine({ steps: [null] }), runEnd(T0 + 5, 'passed', 5)]));
      writeFileSync(join(root, 'deploy', 'worse.jsonl'), text([headerLine({ uri: { toString: 1 } })]));
      const errors: string[] = [];
      const runs = listRuns(root, new Map(), (file) => errors.push(file));
      assert.deepEqual(runs.map((r) => r.file), [good.file]);
      assert.deepEqual(errors, [], 'rejected files are not errors');
      showEverywhere(runs[0]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
