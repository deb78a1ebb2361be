/**
 * Builders for run log records shared by the runner's unit tests: a run header with its steps, the `run-start`
 * record, and `step-start` / `step-end` / `run-end` records with quiet defaults that a test overrides where it matters.
 */
import type { StepStatus } from '../../../server/src/run/engine';
import type { RunHeader, RunLogRecord, RunStepRef } from '../../../server/src/run/runTypes';

export type StepStartRecord = Extract<RunLogRecord, { type: 'step-start' }>;
export type StepEndRecord = Extract<RunLogRecord, { type: 'step-end' }>;
export type RunEndRecord = Extract<RunLogRecord, { type: 'run-end' }>;

/** One step of a header; `index` is its place in the list. */
export function stepRef(index: number, title: string, line: number, flags: { rollback?: boolean; manual?: boolean } = {}): RunStepRef {
  return { index, title, line, hasRollback: flags.rollback ?? false, manual: flags.manual ?? false };
}

/** Build (with a rollback), Check (manual), Release (with a rollback). */
export const DEPLOY_STEPS: readonly RunStepRef[] = [
  stepRef(0, 'Build', 3, { rollback: true }),
  stepRef(1, 'Check', 8, { manual: true }),
  stepRef(2, 'Release', 14, { rollback: true }),
];

/** A header for workflow 'Deploy' in deploy.md, run 'r1'; each call gets its own copy of the steps. */
export function runHeader(extra: Partial<RunHeader> = {}, steps: readonly RunStepRef[] = DEPLOY_STEPS): RunHeader {
  return {
    runId: 'r1',
    workflow: 'Deploy',
    uri: 'file:///w/deploy.md',
    relativePath: 'deploy.md',
    steps: steps.map((s) => ({ ...s })),
    scope: 'workflow',
    pid: 1,
    session: 's',
    ...extra,
  };
}

export function startRecord(header: RunHeader = runHeader(), time = 0): RunLogRecord {
  return { type: 'run-start', time, ...header };
}

export function stepStart(step: number, time: number, extra: Partial<StepStartRecord> = {}): StepStartRecord {
  return { type: 'step-start', time, step, title: `s${step}`, attempt: 1, phase: 'run', ...extra };
}

/** The exit code defaults to 1 for a failed step, 0 for a passed or rolled-back one, none for a skipped one. */
export function stepEnd(step: number, time: number, status: StepStatus, extra: Partial<StepEndRecord> = {}): StepEndRecord {
  const exitCode = status === 'failed' ? 1 : status === 'skipped' ? undefined : 0;
  return { type: 'step-end', time, step, title: `s${step}`, status, phase: 'run', durationMs: 10, attempt: 1, ...(exitCode === undefined ? {} : { exitCode }), ...extra };
}

export function runEnd(time: number, outcome: RunEndRecord['outcome'], durationMs: number, extra: Partial<RunEndRecord> = {}): RunEndRecord {
  return { type: 'run-end', time, outcome, durationMs, ...extra };
}
