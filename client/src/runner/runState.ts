/**
 * The Run panel's view model: what the panel shows for one run, built by folding the run log's records (the
 * same records the log file holds) into a `RunView`. Pure: no vscode. The live panel and the read-only panel
 * reopened from the Runs view use the same fold, so they cannot disagree.
 *
 * Views are immutable: `applyRecord` and `setWaiting` return a new view (or the same object when the record
 * changes nothing, such as terminal output), so the panel can skip posting an unchanged state. Rebuilding a
 * view from a whole log (`viewFromRecords`) runs the same fold on a view it owns, changing steps in place, so
 * its time grows with the log, not with the log times its steps.
 */
import type { DryRunPlan } from '../../../server/src/run/engine';
import type { RunHeader, RunLogOutcome, RunLogRecord } from '../../../server/src/run/runTypes';

export type PanelStepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped' | 'rolled-back';

/** What the run waits for: a prompt is open (the lead's notification or input box, or the panel's buttons). */
export interface RunWaiting {
  step: number;
  kind: 'manual' | 'approval' | 'rollback' | 'decision' | 'variable';
}

export interface RunStepView {
  index: number;
  title: string;
  /** 0-based line of the step's title when the run started. */
  line: number;
  hasRollback: boolean;
  manual: boolean;
  status: PanelStepStatus;
  durationMs?: number;
  exitCode?: number;
  /** The attempt running or the one that ended the step (retries count up from 1). */
  attempt?: number;
  reason?: string;
  approvals: { reason: string; approved: boolean; approver?: string }[];
  /** Whether the run covers the step (Run step and Run from here leave the others out); a step reached by a route counts. */
  inScope: boolean;
  /** The last command the step started (secrets are masked by the engine before any record exists). */
  command?: { kind: 'command' | 'validation' | 'rollback'; code: string };
  /** The answer to a manual step's Done / Skip / Abort. */
  manualChoice?: 'done' | 'skip' | 'abort';
  /** The branch chosen at a decision point; absent when none was chosen. */
  branch?: string;
  /** The route the step took last. */
  route?: { to: string; on: 'success' | 'failure' };
  /** The step's rollback, once it was started. */
  rollback?: { status: 'running' | 'rolled-back' | 'failed'; exitCode?: number; durationMs?: number };
}

export interface RunView {
  runId: string;
  workflow: string;
  uri: string;
  mode: 'run' | 'dry-run';
  /** Reopened from history: shows the run, offers no action but the links to the steps. */
  readOnly: boolean;
  /** A dry run's view is complete from the start: its status is 'passed' and `plan` says what would run. */
  status: 'running' | RunLogOutcome;
  startTime: number;
  /** The last `run-end`'s time. */
  endTime?: number;
  /** Time spent running: the earlier parts' durations plus the last `run-end`'s (each part's run-end gives its
   *  own duration; the wait before a Retry from the panel is not counted), as the Runs view sums them. */
  durationMs?: number;
  /** While a run continued from the panel goes on: what its earlier parts took. */
  earlierPartsMs?: number;
  reason?: string;
  /** The step that failed the run; a Roll back from the panel keeps it, whether the rollback works or fails. */
  failedStep?: number;
  steps: RunStepView[];
  waiting?: RunWaiting;
  plan?: DryRunPlan;
}

export interface PanelActions {
  stop: boolean;
  retry?: number;
  skip?: number;
  rollback: number[];
  /** The manual step whose Done / Skip / Abort the panel offers. */
  manual?: number;
}

function inScope(header: RunHeader, index: number): boolean {
  if (header.scope === 'step') return index === header.from;
  if (header.scope === 'from') return index >= (header.from ?? 0);
  return true;
}

/** The view of a run that has just started (every step pending), or of a dry run before its plan is set. */
export function initialView(header: RunHeader, time: number, mode: 'run' | 'dry-run'): RunView {
  return {
    runId: header.runId,
    workflow: header.workflow,
    uri: header.uri,
    mode,
    readOnly: false,
    status: 'running',
    startTime: time,
    steps: header.steps.map((s) => ({
      index: s.index,
      title: s.title,
      line: s.line,
      hasRollback: s.hasRollback,
      manual: s.manual,
      status: 'pending',
      approvals: [],
      inScope: inScope(header, s.index),
    })),
  };
}

/** A dry run's view: complete at once, nothing ran, the plan says what would. */
export function dryRunView(header: RunHeader, plan: DryRunPlan, time: number): RunView {
  return { ...initialView(header, time, 'dry-run'), status: 'passed', endTime: time, durationMs: 0, plan };
}

/**
 * How the fold changes steps and grows a step's approvals: by copying (a live view is immutable and posted as
 * it is) or, in a view only `viewFromRecords` holds, in place. Copying the steps per record, and looking at
 * every step per run-end, made a hostile log of many records and many steps quadratic.
 */
interface Edits {
  /** The view with step `index` replaced by `change(step)`; the same view for an index the header did not list. */
  step(view: RunView, index: number, change: (s: RunStepView) => RunStepView): RunView;
  append<T>(list: T[], item: T): T[];
  /** The steps with `cut` applied to every step that may be running or rolling back (`cut` returns the others as they are). */
  cutOff(view: RunView, cut: (s: RunStepView) => RunStepView): RunStepView[];
}

const COPYING: Edits = {
  step(view, index, change) {
    const old = view.steps[index];
    if (!old) return view;
    const steps = view.steps.slice();
    steps[index] = change(old);
    return { ...view, steps };
  },
  append: (list, item) => [...list, item],
  cutOff: (view, cut) => view.steps.map(cut),
};

/** In-place edits that remember which steps a record set running, so a run-end looks at those only. */
function inPlaceEdits(): Edits {
  const unfinished = new Set<number>();
  return {
    step(view, index, change) {
      const old = view.steps[index];
      if (!old) return view;
      const changed = change(old);
      view.steps[index] = changed;
      if (changed.status === 'running' || changed.rollback?.status === 'running') unfinished.add(index);
      else unfinished.delete(index);
      return view;
    },
    append(list, item) {
      list.push(item);
      return list;
    },
    cutOff(view, cut) {
      for (const index of unfinished) {
        const step = view.steps[index];
        if (step) view.steps[index] = cut(step);
      }
      unfinished.clear();
      return view.steps;
    },
  };
}

/** Clears `waiting` when it is about this step (the prompt was answered). */
function answered(view: RunView, step: number): RunView {
  if (view.waiting?.step !== step) return view;
  const { waiting: _answered, ...rest } = view;
  return rest;
}

/** Drops the fields a new run of a step makes stale (a route or a retry from the panel runs it again). */
function fresh(s: RunStepView): RunStepView {
  const { durationMs: _d, exitCode: _e, reason: _r, manualChoice: _m, branch: _b, route: _t, command: _c, rollback: _rb, ...rest } = s;
  return rest;
}

/** Folds one run log record into the view. */
export function applyRecord(view: RunView, record: RunLogRecord): RunView {
  return fold(view, record, COPYING);
}

function fold(view: RunView, record: RunLogRecord, edits: Edits): RunView {
  const withStep = edits.step;
  switch (record.type) {
    case 'run-start':
      // A new header starts the view over (a log holds one run; this keeps a stray second header harmless).
      return { ...initialView(record, record.time, view.mode), readOnly: view.readOnly };
    case 'resume': {
      // A rollback leaves the failed step failed: its index stays for the run-end after the rollback.
      const { endTime: _e, durationMs, reason: _r, failedStep, waiting: _w, ...rest } = view;
      const running: RunView = {
        ...rest,
        status: 'running',
        earlierPartsMs: durationMs ?? view.earlierPartsMs ?? 0,
        ...(record.action === 'rollback' && failedStep !== undefined ? { failedStep } : {}),
      };
      if (record.action === 'retry') return withStep(running, record.step, (s) => ({ ...fresh(s), status: 'pending' }));
      if (record.action === 'skip') return withStep(running, record.step, (s) => ({ ...s, status: 'skipped', reason: 'skipped after the failure' }));
      return running;
    }
    case 'step-start': {
      if (record.phase === 'rollback') {
        return withStep(view, record.step, (s) => ({ ...s, rollback: { status: 'running' } }));
      }
      const next = withStep(view, record.step, (s) => ({ ...fresh(s), status: 'running', attempt: record.attempt, inScope: true }));
      // A manual step waits for Done / Skip / Abort from its start; the `manual` record answers it.
      if (next.steps[record.step]?.manual) return { ...next, waiting: { step: record.step, kind: 'manual' } };
      return next;
    }
    case 'step-end': {
      const ended = answered(view, record.step);
      if (record.phase === 'rollback') {
        const ok = record.status === 'rolled-back';
        return withStep(ended, record.step, (s) => ({
          ...s,
          ...(ok ? { status: 'rolled-back' as const } : {}),
          rollback: { status: ok ? 'rolled-back' : 'failed', ...(record.exitCode !== undefined ? { exitCode: record.exitCode } : {}), durationMs: record.durationMs },
        }));
      }
      return withStep(ended, record.step, (s) => {
        const { exitCode: _e, reason: _r, ...rest } = s;
        return {
          ...rest,
          status: record.status,
          durationMs: record.durationMs,
          attempt: record.attempt,
          ...(record.exitCode !== undefined ? { exitCode: record.exitCode } : {}),
          ...(record.reason !== undefined ? { reason: record.reason } : {}),
        };
      });
    }
    case 'retry':
      return withStep(view, record.step, (s) => ({ ...s, attempt: record.attempt }));
    case 'approval':
      return withStep(answered(view, record.step), record.step, (s) => ({
        ...s,
        approvals: edits.append(s.approvals, { reason: record.reason, approved: record.approved, ...(record.approver !== undefined ? { approver: record.approver } : {}) }),
      }));
    case 'manual':
      return withStep(answered(view, record.step), record.step, (s) => ({ ...s, manualChoice: record.choice }));
    case 'decision':
      return withStep(answered(view, record.step), record.step, (s) => ({ ...s, ...(record.branch !== undefined ? { branch: record.branch } : {}) }));
    case 'route':
      return withStep(view, record.step, (s) => ({ ...s, route: { to: record.to, on: record.on } }));
    case 'command':
      return withStep(view, record.step, (s) => ({ ...s, command: { kind: record.kind, code: record.code } }));
    case 'output':
      // The terminal shows the output; the panel shows statuses. Same object: nothing to redraw.
      return view;
    case 'run-end': {
      const { waiting: _w, reason: _r, failedStep: previousFailed, earlierPartsMs, ...rest } = view;
      // Only a rollback part keeps a failed step until its end: the step that failed stays the failed one (with
      // its Retry and Skip) even when the rollback fails too, whatever step such a run-end names, if any.
      const failedStep = record.outcome === 'failed' ? (previousFailed ?? record.failedStep) : record.failedStep;
      // A step still running when the run ended was cut off (Stop, a crash): it did not pass.
      const cutOff: PanelStepStatus = record.outcome === 'passed' ? 'passed' : 'failed';
      const why = record.reason ?? record.outcome;
      const steps = edits.cutOff(view, (s) => {
        let out = s;
        if (s.status === 'running') out = { ...out, status: cutOff, ...(cutOff === 'failed' ? { reason: why } : {}) };
        if (s.rollback?.status === 'running') out = { ...out, rollback: { status: 'failed' } };
        return out;
      });
      return {
        ...rest,
        status: record.outcome,
        endTime: record.time,
        durationMs: (earlierPartsMs ?? 0) + record.durationMs,
        steps,
        ...(failedStep !== undefined ? { failedStep } : {}),
        ...(record.reason !== undefined ? { reason: record.reason } : {}),
      };
    }
  }
}

/**
 * The view of a logged run, for the Runs view's read-only panel (or a live panel rebuilt from its log).
 * Records before the first `run-start` are ignored; throws when there is none (a parsed log always has one).
 * A log whose last `run-start`/`resume` has no `run-end` after it shows as running, unless `interrupted` says
 * the run is gone: it then ends as 'interrupted' at the time of its last record, its unfinished part measured
 * from that part's start (as `markInterrupted` measures it). Linear in the records.
 */
export function viewFromRecords(records: readonly RunLogRecord[], readOnly: boolean, options: { interrupted?: boolean } = {}): RunView {
  const first = records.findIndex((r) => r.type === 'run-start');
  if (first < 0) throw new Error('viewFromRecords: the records have no run-start');
  const header = records[first] as Extract<RunLogRecord, { type: 'run-start' }>;
  // A fresh view (its steps and their approvals new arrays) that nothing else holds yet: edited in place.
  let view: RunView = { ...initialView(header, header.time, 'run'), readOnly };
  const edits = inPlaceEdits();
  for (let i = first + 1; i < records.length; i++) view = fold(view, records[i], edits);
  if (options.interrupted && view.status === 'running') {
    let partStart = header.time;
    let time = header.time;
    for (const r of records.slice(first)) {
      if (r.type === 'run-start' || r.type === 'resume') partStart = r.time;
      time = Math.max(time, r.time);
    }
    view = applyRecord(view, { type: 'run-end', time, outcome: 'interrupted', durationMs: Math.max(0, time - partStart), reason: 'interrupted' });
  }
  return view;
}

/** Says which prompt the run waits for (undefined: none). Same view when nothing changes. */
export function setWaiting(view: RunView, waiting: RunWaiting | undefined): RunView {
  if (waiting === undefined) {
    if (!view.waiting) return view;
    const { waiting: _w, ...rest } = view;
    return rest;
  }
  if (view.waiting?.step === waiting.step && view.waiting.kind === waiting.kind) return view;
  return { ...view, waiting: { step: waiting.step, kind: waiting.kind } };
}

/**
 * The buttons the panel offers now. Stop while the run goes on, and Done / Skip / Abort on the manual step it
 * waits for. After a failed run: Retry step and Skip on the failed step, Roll back on it and on the passed
 * steps that have a rollback (a step whose rollback failed may be rolled back again). Nothing for a
 * read-only or dry-run view.
 */
export function availableActions(view: RunView): PanelActions {
  const none: PanelActions = { stop: false, rollback: [] };
  if (view.readOnly || view.mode === 'dry-run') return none;
  if (view.status === 'running') {
    const manual = view.waiting?.kind === 'manual' ? view.waiting.step : undefined;
    // While the run asks whether to roll back a failed step, the panel's Roll back on that step answers it.
    const asked = view.waiting?.kind === 'rollback' && view.steps[view.waiting.step]?.hasRollback ? [view.waiting.step] : [];
    return { stop: true, rollback: asked, ...(manual !== undefined && view.steps[manual] ? { manual } : {}) };
  }
  if (view.status !== 'failed') return none;
  // The failed step may be retried or skipped after its own rollback too (undo, then try again).
  const failedStatus = view.failedStep !== undefined ? view.steps[view.failedStep]?.status : undefined;
  const failed = failedStatus === 'failed' || failedStatus === 'rolled-back' ? view.failedStep : undefined;
  const rollback = view.steps
    .filter((s) => s.hasRollback && (s.status === 'passed' || (s.status === 'failed' && s.index === failed)))
    .map((s) => s.index);
  return { stop: false, rollback, ...(failed !== undefined ? { retry: failed, skip: failed } : {}) };
}
