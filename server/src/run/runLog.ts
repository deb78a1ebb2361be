/**
 * The run log: one JSON Lines file per run, `<root>/<workflow folder>/<run id>.jsonl`, written event by event
 * and read back for the Runs view, the read-only Run panel and the workflow metrics. Pure Node (`node:fs`), no
 * vscode, so it is unit-tested on a temporary folder.
 *
 * Writing: each record is one synchronous append of one whole line, so the file is always a sequence of complete
 * lines except, after a crash, a half line at the end; the reader skips it. A write that fails (full disk, the
 * folder deleted) never throws into the run: the writer keeps the error and reports it once, and the run goes on.
 * An extension host that dies leaves a file with no `run-end`; a later session appends an `interrupted` one
 * (`markInterrupted`) once the writer is known to be dead.
 *
 * Reading: logs may come with a repository and are read in untrusted workspaces too, so a log is read bounded
 * (a regular file, not a symlink, at most READ_LIMITS.runLog), each step keeps at most MAX_RECORDS_PER_STEP
 * records, and nothing is read or written under a log folder whose real path leaves the workspace and the
 * extension's storage (`logRootRefusal`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileReadError, isInside, READ_LIMITS, readBoundedText, realPathOf } from '../files/boundedRead';
import type { RunHeader, RunLogOutcome, RunLogRecord, RunStepRef } from './runTypes';

export type StepEndRecord = Extract<RunLogRecord, { type: 'step-end' }>;
export type RunEndRecord = Extract<RunLogRecord, { type: 'run-end' }>;

export interface RunApproval {
  step: number;
  approved: boolean;
  approver?: string;
  reason: string;
}

/** The last result of a step in each phase: a retried step shows its final attempt. */
export interface StepResult {
  run?: StepEndRecord;
  rollback?: StepEndRecord;
}

/** A run log file, parsed and summed up. */
export interface RunRecord {
  file: string;
  header: RunHeader;
  /** Every valid record in file order, the `run-start` first. */
  records: RunLogRecord[];
  /** The last `run-end` after the last `run-start`/`resume`; 'running' when that part has none. */
  outcome: RunLogOutcome | 'running';
  startTime: number;
  /** The last `run-end`'s time; undefined while running. */
  endTime?: number;
  /** Time spent running: the sum of each part's own duration (a run continued from the Run panel has several
   *  parts; the wait before Retry is not counted; see runTypes.ts). Undefined while running. */
  durationMs?: number;
  /** The step that failed the run. A Roll back from the Run panel does not change it, whether or not the
   *  rollback works (a rollback-only part's run-end may say 'rollback failed' and name no step). */
  failedStep?: number;
  /** The last `run-end`'s reason (why it stopped, or why it was marked interrupted). */
  reason?: string;
  /** Manual-step answers + approvals asked + continuations from the Run panel (see `workflowMetrics`). */
  manualInterventions: number;
  approvals: RunApproval[];
  /** Per step index. */
  stepResults: Record<number, StepResult>;
  /** Records left out because their step (or the run's own run-ends) already had MAX_RECORDS_PER_STEP; absent when none. */
  droppedRecords?: number;
}

export interface WorkflowMetrics {
  runs: number;
  /** Runs with an outcome (not 'running'). */
  finished: number;
  passed: number;
  /** passed / finished, where failed, cancelled and interrupted runs count as not passed; undefined with none finished. */
  successRate?: number;
  /** Mean `durationMs` of the finished runs; undefined with none finished. */
  meanDurationMs?: number;
  manualInterventions: number;
}

export const RUN_LOG_EXTENSION = '.jsonl';
export const INTERRUPTED_REASON = 'the run did not finish (VS Code closed or the extension host stopped)';

/**
 * A run's file name (without `.jsonl`) from its start time: the UTC ISO time with `:` and `.` made `-`, e.g.
 * `2026-11-22T04-35-10-123Z`. Safe on Windows, and names sort as the times do (fixed width, most significant first).
 */
export function runFileName(time: number): string {
  const iso = new Date(Number.isFinite(time) ? time : 0).toISOString();
  return iso.replace(/[:.]/g, '-');
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_FOLDER_NAME = 80;

/**
 * The folder of a workflow's runs: the workflow file's name without its extension, lower-cased (Windows and
 * macOS folders ignore case, so `Deploy.md` and `deploy.md` must not end up apart on Linux only), with anything
 * but letters, digits, `.`, `_` and `-` made `-`. Never empty, never `.`/`..`, never a Windows device name.
 */
export function workflowFolderName(relativePath: string): string {
  const base = relativePath.split(/[\\/]/).pop() ?? '';
  // `deploy.workflow.yaml` and `deploy.md` are both "deploy".
  const stem = (base.includes('.', 1) ? base.slice(0, base.lastIndexOf('.')) : base).replace(/(.)\.(workflow|wf)$/i, '$1');
  let name = stem
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_FOLDER_NAME);
  // Windows drops trailing dots; leading dots would hide the folder. By hand: `[.-]+$` rescans every run.
  let start = 0;
  let end = name.length;
  while (start < end && (name[start] === '.' || name[start] === '-')) start++;
  while (end > start && (name[end - 1] === '.' || name[end - 1] === '-')) end--;
  name = name.slice(start, end);
  if (!name) name = 'workflow';
  if (WINDOWS_RESERVED.test(name)) name += '-workflow';
  return name;
}

export interface RunLogWriterOptions {
  /** Called on the first failed write only, so the caller logs it once. */
  onError?: (error: Error) => void;
}

/** Appends a run's records to its log file, one synchronous line each. Never throws after `create`. */
export class RunLogWriter {
  private failed = false;
  private closed = false;
  /** A failed write may have left a half line; the next one starts on a new line so only that half is lost. */
  private needsNewline = false;
  private reported = false;
  /** The latest write error, if any. */
  lastError: Error | undefined;

  private constructor(
    readonly file: string,
    readonly header: RunHeader,
    private readonly options: RunLogWriterOptions,
  ) {}

  /**
   * Creates `<root>/<workflowFolderName(header.relativePath)>/<runId>.jsonl` and writes the `run-start` record.
   * The writer picks the run id: `runFileName(time)`, with `-2`, `-3`, ... when that file exists (created
   * exclusively, so two windows starting a run in the same millisecond get two files). When the file cannot be
   * created the writer is disabled: `lastError` says why and `append` does nothing.
   */
  static create(root: string, header: Omit<RunHeader, 'runId'>, time: number, options: RunLogWriterOptions = {}): RunLogWriter {
    const dir = path.join(root, workflowFolderName(header.relativePath));
    const base = runFileName(time);
    try {
      fs.mkdirSync(dir, { recursive: true });
      // A workflow folder that is a symlink out of the root would carry the log (and its appends) elsewhere.
      if (!isInside(realPathOf(root), realPathOf(dir))) throw new Error(`the run log folder ${dir} resolves outside ${root}`);
      for (let n = 1; ; n++) {
        const runId = n === 1 ? base : `${base}-${n}`;
        const file = path.join(dir, runId + RUN_LOG_EXTENSION);
        let fd: number;
        try {
          fd = fs.openSync(file, 'wx');
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST' && n < 1000) continue;
          throw e;
        }
        // A runId in the header (the caller's placeholder) gives way to the one picked here.
        const full: RunHeader = { ...header, runId };
        const writer = new RunLogWriter(file, full, options);
        try {
          writeAll(fd, line({ type: 'run-start', time, ...full }));
        } catch (e) {
          writer.fail(e);
        } finally {
          fs.closeSync(fd);
        }
        return writer;
      }
    } catch (e) {
      return RunLogWriter.disabled(root, header, time, e, options);
    }
  }

  /** A writer that writes nothing: `lastError` says why (reported once through `onError`), and `append` does nothing. */
  static disabled(root: string, header: Omit<RunHeader, 'runId'>, time: number, error: unknown, options: RunLogWriterOptions = {}): RunLogWriter {
    const base = runFileName(time);
    const file = path.join(root, workflowFolderName(header.relativePath), base + RUN_LOG_EXTENSION);
    const writer = new RunLogWriter(file, { ...header, runId: base }, options);
    writer.fail(error);
    writer.closed = true;
    return writer;
  }

  get runId(): string {
    return this.header.runId;
  }

  /** Whether a write has failed (the log is incomplete). */
  get hasFailed(): boolean {
    return this.failed;
  }

  /** Appends one record as one line. Does not recreate a deleted file or folder: a log without its header is no log. */
  append(record: RunLogRecord): void {
    if (this.closed) return;
    const text = (this.needsNewline ? '\n' : '') + line(record);
    try {
      appendExisting(this.file, text);
      this.needsNewline = false;
    } catch (e) {
      this.needsNewline = true;
      this.fail(e);
    }
  }

  /** Later appends are ignored. Nothing stays open between appends, so there is nothing to release. */
  close(): void {
    this.closed = true;
  }

  private fail(e: unknown): void {
    this.failed = true;
    this.lastError = e instanceof Error ? e : new Error(String(e));
    if (this.reported) return;
    this.reported = true;
    try {
      this.options.onError?.(this.lastError);
    } catch {
      // A failing logger must not stop the run either.
    }
  }
}

function line(record: RunLogRecord): string {
  return JSON.stringify(record) + '\n';
}

function writeAll(fd: number, text: string): void {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
}

// Undefined on Windows, where a log folder cannot hold a symlink planted by a repository.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * Opens without O_CREAT: a missing file (or folder) is an error, not a new header-less log. Nor through a
 * symlink: the writer creates its logs as plain files, so a symlink there was planted.
 */
function appendExisting(file: string, text: string): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | O_NOFOLLOW);
  try {
    writeAll(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

/** The most steps a header may list; a longer list is no workflow of ours (and the Run panel draws every one). */
export const MAX_LOGGED_STEPS = 10_000;
/**
 * The most records kept for one step, and for the run's own `run-end`s: a real step, even retried many times,
 * writes a few dozen. A hostile log's ten thousand approvals of one step are left out (and counted), so what is
 * shown from a log stays proportional to its steps, not to its size.
 */
export const MAX_RECORDS_PER_STEP = 1_000;
/** The largest time a Date holds (±100 million days); a time or duration beyond it is not one. */
const MAX_TIME = 8.64e15;

type Fields = Record<string, unknown>;

/** A header or record that does not have the shape the writer writes. */
class Invalid extends Error {}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_TIME;
const isDuration = (v: unknown): v is number => isTime(v) && v >= 0;
const isSafeInteger = (v: unknown): v is number => Number.isSafeInteger(v);
const isAttempt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

function isIndexBelow(count: number): (v: unknown) => v is number {
  return (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < count;
}

function isOneOf<T extends string>(...values: T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => typeof v === 'string' && (values as string[]).includes(v);
}

const isPhase = isOneOf('run', 'rollback');
const isStepStatus = isOneOf('passed', 'failed', 'skipped', 'rolled-back');
const isLogOutcome = isOneOf('passed', 'failed', 'cancelled', 'interrupted');

/** An own field (a key inherited from a prototype is no field of a parsed line) that passes `ok`, or Invalid. */
function need<T>(r: Fields, key: string, ok: (v: unknown) => v is T): T {
  const value = Object.prototype.hasOwnProperty.call(r, key) ? r[key] : undefined;
  if (!ok(value)) throw new Invalid(key);
  return value;
}

/** An optional field: `{}` when absent, `{ key: value }` when it passes `ok`; anything else (null too) is Invalid. */
function maybe<K extends string, T>(r: Fields, key: K, ok: (v: unknown) => v is T): { [P in K]?: T } {
  if (!Object.prototype.hasOwnProperty.call(r, key) || r[key] === undefined) return {};
  return { [key]: need(r, key, ok) } as { [P in K]?: T };
}

function stepRefAt(value: unknown, index: number): RunStepRef {
  if (!isFields(value)) throw new Invalid('steps');
  // The panel, the engine and the controller address a step by its place in the list: the index must be it.
  need(value, 'index', (v): v is number => v === index);
  return {
    index,
    title: need(value, 'title', isString),
    line: need(value, 'line', (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0),
    hasRollback: need(value, 'hasRollback', isBoolean),
    manual: need(value, 'manual', isBoolean),
  };
}

/** A `run-start` record, rebuilt field by field (unknown keys, `__proto__` among them, are left behind). */
function headerRecord(r: Fields): Extract<RunLogRecord, { type: 'run-start' }> {
  const list = need(r, 'steps', (v): v is unknown[] => Array.isArray(v) && v.length <= MAX_LOGGED_STEPS);
  const steps = list.map(stepRefAt);
  return {
    type: 'run-start',
    time: need(r, 'time', isTime),
    runId: need(r, 'runId', isString),
    workflow: need(r, 'workflow', isString),
    uri: need(r, 'uri', isString),
    relativePath: need(r, 'relativePath', isString),
    steps,
    scope: need(r, 'scope', isOneOf('workflow', 'step', 'from')),
    ...maybe(r, 'from', isIndexBelow(steps.length)),
    pid: need(r, 'pid', isSafeInteger),
    session: need(r, 'session', isString),
    ...maybe(r, 'host', isString),
  };
}

/** Any record but the header, for a run of `stepCount` steps: every step index must name one of them. */
function bodyRecord(r: Fields, stepCount: number): RunLogRecord {
  const time = need(r, 'time', isTime);
  const isStep = isIndexBelow(stepCount);
  const type = need(r, 'type', isString);
  switch (type) {
    case 'resume':
      return { type, time, action: need(r, 'action', isOneOf('retry', 'skip', 'rollback')), step: need(r, 'step', isStep) };
    case 'step-start':
      return { type, time, step: need(r, 'step', isStep), title: need(r, 'title', isString), attempt: need(r, 'attempt', isAttempt), phase: need(r, 'phase', isPhase) };
    case 'command':
      return { type, time, step: need(r, 'step', isStep), kind: need(r, 'kind', isOneOf('command', 'validation', 'rollback')), code: need(r, 'code', isString) };
    case 'output':
      return { type, time, step: need(r, 'step', isStep), text: need(r, 'text', isString) };
    case 'retry':
      return { type, time, step: need(r, 'step', isStep), attempt: need(r, 'attempt', isAttempt), delayMs: need(r, 'delayMs', isDuration) };
    case 'approval':
      return {
        type,
        time,
        step: need(r, 'step', isStep),
        reason: need(r, 'reason', isString),
        approved: need(r, 'approved', isBoolean),
        ...maybe(r, 'approver', isString),
      };
    case 'manual':
      return { type, time, step: need(r, 'step', isStep), choice: need(r, 'choice', isOneOf('done', 'skip', 'abort')) };
    case 'decision':
      return { type, time, step: need(r, 'step', isStep), ...maybe(r, 'branch', isString) };
    case 'route':
      return { type, time, step: need(r, 'step', isStep), to: need(r, 'to', isString), on: need(r, 'on', isOneOf('success', 'failure')) };
    case 'step-end':
      return {
        type,
        time,
        step: need(r, 'step', isStep),
        title: need(r, 'title', isString),
        status: need(r, 'status', isStepStatus),
        phase: need(r, 'phase', isPhase),
        ...maybe(r, 'exitCode', isSafeInteger),
        durationMs: need(r, 'durationMs', isDuration),
        attempt: need(r, 'attempt', isAttempt),
        ...maybe(r, 'reason', isString),
      };
    case 'run-end':
      return {
        type,
        time,
        outcome: need(r, 'outcome', isLogOutcome),
        durationMs: need(r, 'durationMs', isDuration),
        ...maybe(r, 'failedStep', isStep),
        ...maybe(r, 'reason', isString),
      };
    default:
      throw new Invalid('type');
  }
}

/**
 * Parses a run log, skipping blank and malformed lines. Undefined when the file is gone or has no valid
 * `run-start`. Throws FileReadError when it is no regular file (a symlink included: the writer makes plain
 * files) or is over READ_LIMITS.runLog.
 */
export function readRunLog(file: string): RunRecord | undefined {
  let text: string;
  try {
    text = readBoundedText(file, READ_LIMITS.runLog, { noFollow: true });
  } catch (e) {
    if (e instanceof FileReadError && e.reason === 'missing') return undefined;
    throw e;
  }
  return parseRunLog(file, text);
}

/**
 * `readRunLog` on text already read. Trusts nothing in it (a log may come with a repository and is read in an
 * untrusted workspace): the first `run-start` is the header and must be whole, or the file is no run log (a
 * header is written in one line, so a crash cannot leave it half valid); after it, a record with a missing or
 * mistyped field, a step index the header does not list, or a second `run-start` (a log holds one run) is
 * dropped. Every record kept is rebuilt from the fields its type has, so the Runs view, the Run panel's fold and
 * the metrics downstream can rely on the types without checking again. Lines before the header are ignored.
 */
export function parseRunLog(file: string, text: string): RunRecord | undefined {
  const records: RunLogRecord[] = [];
  let stepCount = -1;
  // Records kept per step; the last slot counts the run's own run-ends.
  let kept = new Uint32Array(0);
  let dropped = 0;
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue;
    }
    if (!isFields(value)) continue;
    const isHeader = Object.prototype.hasOwnProperty.call(value, 'type') && value.type === 'run-start';
    try {
      if (stepCount < 0) {
        if (!isHeader) continue;
        const header = headerRecord(value);
        stepCount = header.steps.length;
        kept = new Uint32Array(stepCount + 1);
        records.push(header);
      } else if (!isHeader) {
        const record = bodyRecord(value, stepCount);
        const slot = 'step' in record ? record.step : stepCount;
        if (kept[slot] >= MAX_RECORDS_PER_STEP) dropped++;
        else {
          kept[slot]++;
          records.push(record);
        }
      }
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      if (stepCount < 0) return undefined;
    }
  }
  const first = records[0];
  if (first?.type !== 'run-start') return undefined;
  const { type: _type, time: startTime, ...header } = first;
  const run = summarize(file, header, startTime, records);
  if (dropped > 0) run.droppedRecords = dropped;
  return run;
}

/** Outcome, durations, approvals, step results and interventions of a parsed log (`records[0]` is its header). */
function summarize(file: string, header: RunHeader, startTime: number, records: RunLogRecord[]): RunRecord {
  const run: RunRecord = { file, header, records, outcome: 'running', startTime, manualInterventions: 0, approvals: [], stepResults: {} };
  // A part starts at a run-start or resume and ends at its (last) run-end, whose durationMs is the part's own.
  const durations: number[] = [];
  let partOpen = false;
  let rollbackPart = false;
  let failedStep: number | undefined;
  let lastEnd: RunEndRecord | undefined;
  for (const r of records) {
    switch (r.type) {
      case 'run-start':
      case 'resume':
        if (r.type === 'resume') run.manualInterventions++;
        partOpen = true;
        lastEnd = undefined;
        // Rolling back from the panel leaves the step that failed the one that failed (see runState's fold).
        rollbackPart = r.type === 'resume' && r.action === 'rollback';
        if (!rollbackPart) failedStep = undefined;
        break;
      case 'run-end':
        // A second run-end for the same part (it should not happen) replaces the first.
        if (partOpen || durations.length === 0) durations.push(r.durationMs);
        else durations[durations.length - 1] = r.durationMs;
        partOpen = false;
        lastEnd = r;
        failedStep = r.outcome === 'failed' && rollbackPart ? (failedStep ?? r.failedStep) : r.failedStep;
        run.endTime = r.time;
        break;
      case 'approval':
        run.manualInterventions++;
        run.approvals.push({ step: r.step, approved: r.approved, ...(r.approver !== undefined ? { approver: r.approver } : {}), reason: r.reason });
        break;
      case 'manual':
        run.manualInterventions++;
        break;
      case 'step-end': {
        const result = (run.stepResults[r.step] ??= {});
        result[r.phase] = r;
        break;
      }
    }
  }
  if (lastEnd && !partOpen) {
    run.outcome = lastEnd.outcome;
    run.durationMs = durations.reduce((a, b) => a + b, 0);
    if (failedStep !== undefined) run.failedStep = failedStep;
    if (lastEnd.reason !== undefined) run.reason = lastEnd.reason;
  } else {
    delete run.endTime;
  }
  return run;
}

/** Parsed logs by file, kept while the file's size and modification time stay the same; a file that could not be read keeps its error. */
export type RunLogCache = Map<string, { size: number; mtimeMs: number; run: RunRecord | undefined; error?: unknown }>;

/**
 * Every run under `<root>/*\/*.jsonl`, newest first; a missing or unreadable root gives []. With a cache, only
 * the files that changed since the last call are read again (a running run appends a line per event). A file
 * whose reading throws (over the size limit, swapped for a FIFO; the parser itself drops what it does not
 * understand) is left out and passed to `onError`, once while it stays the same, so one file cannot hide the
 * others.
 */
export function listRuns(root: string, cache?: RunLogCache, onError?: (file: string, error: unknown) => void): RunRecord[] {
  const runs: RunRecord[] = [];
  const seen = new Set<string>();
  for (const folder of readDir(root)) {
    if (!folder.isDirectory()) continue;
    const dir = path.join(root, folder.name);
    for (const entry of readDir(dir)) {
      if (!entry.isFile() || !entry.name.endsWith(RUN_LOG_EXTENSION)) continue;
      const file = path.join(dir, entry.name);
      seen.add(file);
      let run: RunRecord | undefined;
      try {
        run = cache ? readCached(file, cache) : readRunLog(file);
      } catch (e) {
        onError?.(file, e);
        continue;
      }
      if (run) runs.push(run);
    }
  }
  // Forget the deleted logs of this root.
  const prefix = path.join(root, path.sep);
  for (const file of cache?.keys() ?? []) if (file.startsWith(prefix) && !seen.has(file)) cache?.delete(file);
  return sortNewestFirst(runs);
}

function readCached(file: string, cache: RunLogCache): RunRecord | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    cache.delete(file);
    return undefined;
  }
  const hit = cache.get(file);
  // A file that failed and has not changed since was reported then.
  if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.run;
  let run: RunRecord | undefined;
  try {
    run = readRunLog(file);
  } catch (e) {
    cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, run: undefined, error: e });
    throw e;
  }
  cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, run });
  return run;
}

/** Newest start first; same start: the later file name (`-2` after none, `-10` after `-9`) first. */
export function sortNewestFirst(runs: RunRecord[]): RunRecord[] {
  const id = (r: RunRecord): string => path.basename(r.file, RUN_LOG_EXTENSION);
  return runs.sort((a, b) => b.startTime - a.startTime || id(b).localeCompare(id(a), 'en', { numeric: true }));
}

function readDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Ends the runs under `root` that are still 'running' but whose writer is dead with an `interrupted` run-end
 * (`time` = now, `durationMs` = the last record's time minus the start of the unfinished part). Returns the
 * runs it marked, read again. Idempotent: a marked run is no longer 'running'. A file it cannot write is left
 * as it is.
 */
export function markInterrupted(root: string, isLive: (header: RunHeader) => boolean, now: number): RunRecord[] {
  const marked: RunRecord[] = [];
  for (const run of listRuns(root)) {
    if (run.outcome !== 'running' || isLive(run.header)) continue;
    let partStart = run.startTime;
    let lastTime = run.startTime;
    for (const r of run.records) {
      if (r.type === 'run-start' || r.type === 'resume') partStart = r.time;
      lastTime = Math.max(lastTime, r.time);
    }
    const end: RunLogRecord = { type: 'run-end', time: now, outcome: 'interrupted', durationMs: Math.max(0, lastTime - partStart), reason: INTERRUPTED_REASON };
    let updated: RunRecord | undefined;
    try {
      appendExisting(run.file, (endsWithNewline(run.file) ? '' : '\n') + line(end));
      updated = readRunLog(run.file);
    } catch {
      continue;
    }
    if (updated) marked.push(updated);
  }
  return marked;
}

/** Reads one byte, the last, of a plain file (see appendExisting). */
function endsWithNewline(file: string): boolean {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW);
  try {
    const { size } = fs.fstatSync(fd);
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Why run logs may be neither read nor written under `root`, or undefined when they may: its real path (a
 * symlinked `.workflow-runs` is followed, a folder not made yet is judged by its parent) must be inside one
 * of `allowed`, the workspace folders and the extension's storage.
 */
export function logRootRefusal(root: string, allowed: readonly string[]): string | undefined {
  const real = realPathOf(root);
  if (allowed.some((folder) => isInside(realPathOf(folder), real))) return undefined;
  return `${root} resolves to ${real}, outside the workspace folders and the extension's storage`;
}

/**
 * The default `isLive` for `markInterrupted`. A run of this session is live only while it is one of its active
 * runs (its pid is ours, so the pid says nothing). A run written on another host (a Dev Container, WSL or SSH
 * window on the same folder, or the local window seen from one) is always live: its process cannot be checked
 * from here, and marking a live run interrupted is worse than leaving a dead one 'running'. A run of this host,
 * or of a log without `host` (written before it existed), from another session is live while its extension host
 * process exists; a reused pid keeps a dead run 'running' a while longer, which errs on the same safe side.
 */
export function processIsLive(header: RunHeader, currentSession: string, activeRunIds: ReadonlySet<string>, currentHost: string): boolean {
  if (activeRunIds.has(header.runId)) return true;
  if (header.host !== undefined && header.host !== currentHost) return true;
  if (header.session === currentSession) return false;
  if (!Number.isInteger(header.pid) || header.pid <= 0 || header.pid === process.pid) return false;
  try {
    process.kill(header.pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * A workflow's run metrics (issue 5, seed 000): success rate and mean duration over finished runs, where a
 * failed, cancelled or interrupted run counts as not passed; manual interventions = manual steps answered
 * (`manual`) + approvals asked, granted or declined (`approval`) + runs continued from the Run panel with
 * Retry, Skip or Roll back (`resume`).
 */
export function workflowMetrics(runs: readonly RunRecord[]): WorkflowMetrics {
  const finished = runs.filter((r) => r.outcome !== 'running');
  const passed = finished.filter((r) => r.outcome === 'passed').length;
  const timed = finished.filter((r) => r.durationMs !== undefined);
  const metrics: WorkflowMetrics = {
    runs: runs.length,
    finished: finished.length,
    passed,
    manualInterventions: runs.reduce((n, r) => n + r.manualInterventions, 0),
  };
  if (finished.length) metrics.successRate = passed / finished.length;
  if (timed.length) metrics.meanDurationMs = timed.reduce((n, r) => n + (r.durationMs ?? 0), 0) / timed.length;
  return metrics;
}

/**
 * The `run-end` of a part that only rolled back steps of an earlier part (the Run panel's Roll back, `wfs run`'s
 * rollback after Ctrl+C): the run keeps the outcome it had (failed, cancelled), since undoing steps does not make
 * it pass; the rollback's own success is on the steps. Any other part's end is the engine's.
 */
export function partEnd(end: RunEndRecord & { outcome: RunOutcomeOfEngine }, rollbackOnly: boolean, previous: RunLogOutcome | undefined): RunEndRecord {
  if (!rollbackOnly || end.outcome !== 'passed' || previous === undefined || previous === 'passed') return end;
  return { ...end, outcome: previous, reason: 'rolled back' };
}

type RunOutcomeOfEngine = Exclude<RunLogOutcome, 'interrupted'>;
