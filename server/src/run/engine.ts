/**
 * The run engine: executes a workflow's steps (as the server's `workflow/steps` gives them) with validation,
 * rollback, retries, routing, approvals, manual steps, variables and cancellation. Pure TypeScript: the
 * terminal, the prompts and the clock are injected, so the engine is unit-tested with fakes and the VS Code
 * side only adapts them.
 */
import type { CommandInfo, RouteInfo, StepInfo, StepsResult } from '../protocol';
import { isSecretName } from './secretNames';
import { masker } from './masking';
import { keptOutput } from './output';
import { DEFAULT_RISKY_PATTERNS, riskyMatch } from './riskyCommands';
import {
  SHELL_VARIABLES,
  UnsafeSubstitutionError,
  displayScript,
  normalizeScript,
  placeholders,
  runnableScript,
  substitute,
  type ResolvedScript,
} from './variables';

export { DEFAULT_RISKY_PATTERNS, riskyMatch };

export interface CommandExecutor {
  /**
   * Runs one command block as one unit; resolves with its exit code and the end of its output (an `OutputCapture`'s
   * text, `outputCut` when its start was dropped). Aborting the signal kills it.
   */
  run(code: string, opts: CommandOptions): Promise<CommandResult>;
}

export interface CommandOptions {
  cwd?: string;
  signal: AbortSignal;
  /** Which step this is ("Step 2: Deploy"), shown before the command. */
  label?: string;
  /** The block as the log records it (values by reference, secrets masked): what the operator is shown ran. */
  display?: string;
  /** The run's masking of the secrets known so far, for an executor that shows output as it comes. */
  mask?: (text: string) => string;
}

/** The exit code of a command stopped at its step's timeout, as coreutils' `timeout` reports it. */
export const TIMED_OUT_EXIT_CODE = 124;

interface ExecResult {
  exitCode: number;
  timedOut?: boolean;
}

/** "90 s", "2 min", "1 min 30 s": a timeout as the reason of a step that hit it says it. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return ms < 1000 ? `${ms} ms` : `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export interface CommandResult {
  exitCode: number;
  output?: string;
  outputCut?: boolean;
}

export type RollbackChoice = 'none' | 'failed' | 'all';

export interface RunPrompts {
  approve(step: StepInfo, reason: string): Promise<boolean>;
  manual(step: StepInfo): Promise<'done' | 'skip' | 'abort'>;
  /** The branch (a step name) to take, or undefined to stop the run. */
  decide(step: StepInfo, branches: string[]): Promise<string | undefined>;
  /** The value of a placeholder, or undefined to stop the run. */
  variable(name: string, secret: boolean): Promise<string | undefined>;
  /** After a failure: roll back nothing, the failed step, or it and the completed steps. Absent: 'none'. */
  rollback?(failed: StepInfo, completed: StepInfo[]): Promise<RollbackChoice>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export type StepStatus = 'passed' | 'failed' | 'skipped' | 'rolled-back';
export type RunOutcome = 'passed' | 'failed' | 'cancelled';

export type RunEvent =
  | { type: 'run-start'; time: number; workflow?: string; uri: string; steps: number }
  | { type: 'step-start'; time: number; step: number; title: string; attempt: number; phase: 'run' | 'rollback' }
  | { type: 'command'; time: number; step: number; kind: 'command' | 'validation' | 'rollback'; code: string }
  | { type: 'output'; time: number; step: number; text: string }
  | { type: 'retry'; time: number; step: number; attempt: number; delayMs: number }
  | { type: 'approval'; time: number; step: number; reason: string; approved: boolean; approver?: string }
  | { type: 'manual'; time: number; step: number; choice: 'done' | 'skip' | 'abort' }
  | { type: 'decision'; time: number; step: number; branch?: string }
  | { type: 'route'; time: number; step: number; to: string; on: 'success' | 'failure' }
  | {
      type: 'step-end';
      time: number;
      step: number;
      title: string;
      status: StepStatus;
      phase: 'run' | 'rollback';
      exitCode?: number;
      durationMs: number;
      attempt: number;
      reason?: string;
    }
  | { type: 'run-end'; time: number; outcome: RunOutcome; durationMs: number; failedStep?: number; reason?: string };

export interface RunOptions {
  cwd?: string;
  signal?: AbortSignal;
  /** Roll back without asking: the failed step (true) or it and the completed steps ('all'). */
  autoRollback?: boolean | 'all';
  /** Commands that need an approval; strings match case-insensitively with any run of blanks for a space. */
  riskyPatterns?: (string | RegExp)[];
  /** Known values (a .env file, an earlier prompt); asked for otherwise. */
  variables?: Record<string, string>;
  /** `${NAME}` placeholders left to the shell. */
  shellVariables?: ReadonlySet<string>;
  /** Recorded with each approval. */
  approver?: string;
  /** Run from this step index (Run from here). */
  from?: number;
  /** Run this step only (Run step). */
  only?: number;
  /** Guards routes that go round in circles: at most this many step executions per run. */
  maxStepRuns?: number;
  /** Roll back these steps, in this order, and run nothing else (the Run panel's Roll back after a failure). */
  rollback?: number[];
  /** A step's time limit when it sets none (per attempt, validation included); none when absent. */
  stepTimeoutMs?: number;
  /** Run up to this step index and no further (`wfs run --to`). */
  to?: number;
  /**
   * Run only the steps' Validation commands, every step's whatever the others give (`wfs check`): no step
   * command, rollback, retry, route or manual prompt. The run fails when one fails.
   */
  checkOnly?: boolean;
}

export interface RunDeps {
  executor: CommandExecutor;
  prompts: RunPrompts;
  clock: Clock;
  emit: (event: RunEvent) => void;
}

/**
 * A person's step (the server's stepKind: marked manual, a human actor, or nothing in it runs here): the run waits
 * for Done / Skip / Abort, so it never passes having run nothing.
 */
export function isManual(step: StepInfo): boolean {
  return step.kind === 'manual';
}

export function isDecision(step: StepInfo): boolean {
  return step.kind === 'decision';
}

/** Delay before attempt `next` (2, 3, ...): exponential doubles, linear grows by the base, fixed stays. */
export function backoffDelay(backoff: string | undefined, baseMs: number, next: number): number {
  const n = next - 1;
  switch ((backoff ?? 'fixed').toLowerCase()) {
    case 'exponential':
      return baseMs * 2 ** (n - 1);
    case 'linear':
      return baseMs * n;
    default:
      return baseMs;
  }
}

function route(step: StepInfo, on: 'success' | 'failure'): RouteInfo | undefined {
  return step.routes?.[on];
}

/**
 * The blocks of a list the runner executes (the server marked them runnable), with CRLF line endings made LF
 * (bash would keep the `\r`, so `EOF\r` would end no here-document).
 */
export function runnable(cmds: readonly CommandInfo[] | undefined): string[] {
  return (cmds ?? []).filter((c) => c.runnable).map((c) => normalizeScript(c.code));
}

/**
 * Why blocks need an approval by the grammar: the commands the server found in them that change state (the
 * destructive-command table). The risky patterns of the settings are matched besides.
 */
export function destructiveReasons(blocks: readonly CommandInfo[]): string[] {
  const out: string[] = [];
  for (const b of blocks) if (b.runnable) for (const d of b.destructive ?? []) out.push(`\`${d.command}\` changes state (${d.entry})`);
  return [...new Set(out)];
}

/** A resolved block as the risky patterns see it: its values shown, secrets included (the text is not shown). */
function readable(script: ResolvedScript): string {
  return displayScript(script, () => false);
}

class Cancelled extends Error {}

/** Thrown out of the step loop to end the run with an outcome. */
class Stop extends Error {
  constructor(readonly outcome: RunOutcome, readonly reason: string) {
    super(reason);
  }
}

export interface RunResult {
  outcome: RunOutcome;
  statuses: Map<number, StepStatus>;
  /** Every placeholder value known at the end (given or asked for), so a continued run does not ask again. */
  variables: Record<string, string>;
  /** Why the run was refused before anything ran (a step the runner cannot run here). */
  refused?: string;
}

/** Runs a workflow. Never throws for a step's failure: the outcome and the events say what happened. */
export async function runWorkflow(workflow: StepsResult, deps: RunDeps, options: RunOptions = {}): Promise<RunResult> {
  const { executor, prompts, clock } = deps;
  const signal = options.signal ?? new AbortController().signal;
  const patterns = options.riskyPatterns ?? DEFAULT_RISKY_PATTERNS;
  const shellVars = options.shellVariables ?? SHELL_VARIABLES;
  const steps = workflow.steps;
  const values = new Map<string, string>(Object.entries(options.variables ?? {}));
  const secrets = new Set<string>();
  for (const [k, v] of values) if (isSecretName(k)) secrets.add(v);
  let mask = masker(secrets);
  // Every event goes through the mask, so a secret never reaches the panel, the log or history.
  const emit = (e: RunEvent): void => deps.emit(maskEvent(e, mask));
  const statuses = new Map<number, StepStatus>();
  const completed: number[] = [];
  const approved = new Set<number>();
  const start = clock.now();
  emit({ type: 'run-start', time: start, workflow: workflow.title, uri: workflow.uri, steps: steps.length });

  const checkCancel = (): void => {
    if (signal.aborted) throw new Cancelled('cancelled');
  };

  /** Asks for the placeholders of these scripts not known yet, and returns them resolved. */
  const resolve = async (codes: string[]): Promise<ResolvedScript[]> => {
    for (const code of codes) {
      for (const name of placeholders(code, shellVars)) {
        if (values.has(name)) continue;
        const secret = isSecretName(name);
        const value = await prompts.variable(name, secret);
        checkCancel();
        if (value === undefined) throw new Stop('cancelled', `no value for ${name}`);
        values.set(name, value);
        if (secret) {
          secrets.add(value);
          mask = masker(secrets);
        }
      }
    }
    return codes.map((c) => substitute(c, values, shellVars));
  };

  const approve = async (index: number, reasons: string[]): Promise<void> => {
    if (reasons.length === 0) return;
    const reason = reasons.join('; ');
    const ok = await prompts.approve(steps[index], mask(reason));
    emit({ type: 'approval', time: clock.now(), step: index, reason, approved: ok, ...(options.approver ? { approver: options.approver } : {}) });
    checkCancel();
    if (!ok) throw new Stop('cancelled', `approval declined: ${reason}`);
  };

  const riskReasons = (index: number, codes: ResolvedScript[], askHigh: boolean, blocks: readonly CommandInfo[]): string[] => {
    const out: string[] = [];
    if (askHigh && steps[index].approval) out.push(steps[index].approval);
    out.push(...destructiveReasons(blocks));
    for (const c of codes) {
      const p = riskyMatch(readable(c), patterns);
      if (p) out.push(`a command matches the risky pattern "${p}"`);
    }
    return [...new Set(out)];
  };

  /**
   * Runs scripts in order; the first non-zero exit code fails. Past `deadline` (the clock's time) the running
   * command is stopped (the executor ends its process group) and the scripts fail as timed out.
   */
  const exec = async (index: number, kind: 'command' | 'validation' | 'rollback', codes: ResolvedScript[], deadline?: number): Promise<ExecResult> => {
    for (const code of codes) {
      checkCancel();
      const display = displayScript(code);
      emit({ type: 'command', time: clock.now(), step: index, kind, code: display });
      const limit = deadline === undefined ? undefined : deadline - clock.now();
      if (limit !== undefined && limit <= 0) return { exitCode: TIMED_OUT_EXIT_CODE, timedOut: true };
      // The command's own signal: the run's Stop, or the step's timeout.
      const own = new AbortController();
      const stop = (): void => own.abort();
      signal.addEventListener('abort', stop, { once: true });
      let timedOut = false;
      if (limit !== undefined) {
        clock.sleep(limit, own.signal).then(() => {
          timedOut = true;
          own.abort();
        }, () => undefined);
      }
      let exitCode: number;
      try {
        const what = kind === 'command' ? 'Step' : kind === 'validation' ? 'Validation of step' : 'Rollback of step';
        // The terminal shows the block as the log records it (its values by reference, secrets masked), never
        // the script that sets them.
        const r = await executor.run(runnableScript(code), { cwd: options.cwd, signal: own.signal, label: `${what} ${index + 1}: ${steps[index].title}`, display: mask(display), mask });
        exitCode = r.exitCode;
        if (r.output) emit({ type: 'output', time: clock.now(), step: index, text: keptOutput(r.output, mask, r.outputCut) });
      } catch (err) {
        checkCancel();
        if (!timedOut) emit({ type: 'output', time: clock.now(), step: index, text: String(err instanceof Error ? err.message : err) });
        exitCode = -1;
      } finally {
        signal.removeEventListener('abort', stop);
        // Ends the timeout's sleep too.
        own.abort();
      }
      checkCancel();
      if (timedOut) return { exitCode: TIMED_OUT_EXIT_CODE, timedOut: true };
      if (exitCode !== 0) return { exitCode };
    }
    return { exitCode: 0 };
  };

  /** The step's own timeout (`timeout` in YAML, a **Timeout** line), else the run's default; none when neither. */
  const stepTimeout = (step: StepInfo): number | undefined => {
    const own = step.timeoutSeconds !== undefined ? step.timeoutSeconds * 1000 : undefined;
    const ms = own ?? options.stepTimeoutMs;
    return ms !== undefined && ms > 0 ? ms : undefined;
  };

  const rollbackStep = async (index: number): Promise<boolean> => {
    const raw = runnable(steps[index].rollback?.commands);
    if (raw.length === 0) return true;
    let codes: ResolvedScript[];
    try {
      codes = await resolve(raw);
    } catch (err) {
      if (!(err instanceof UnsafeSubstitutionError)) throw err;
      // A rollback whose command cannot be resolved safely fails without running, like a step's command.
      const t = clock.now();
      emit({ type: 'step-start', time: t, step: index, title: steps[index].title, attempt: 1, phase: 'rollback' });
      emit({ type: 'step-end', time: clock.now(), step: index, title: steps[index].title, status: 'failed', phase: 'rollback', durationMs: 0, attempt: 1, reason: err.message });
      return false;
    }
    // Rollback commands are checked on their own: approving the step did not approve them.
    await approve(index, riskReasons(index, codes, false, steps[index].rollback?.commands ?? []));
    const t0 = clock.now();
    emit({ type: 'step-start', time: t0, step: index, title: steps[index].title, attempt: 1, phase: 'rollback' });
    const timeoutMs = stepTimeout(steps[index]);
    const { exitCode, timedOut } = await exec(index, 'rollback', codes, timeoutMs === undefined ? undefined : t0 + timeoutMs);
    const status: StepStatus = exitCode === 0 ? 'rolled-back' : 'failed';
    if (exitCode === 0) statuses.set(index, 'rolled-back');
    emit({
      type: 'step-end', time: clock.now(), step: index, title: steps[index].title, status, phase: 'rollback', exitCode, durationMs: clock.now() - t0, attempt: 1,
      ...(timedOut ? { reason: `timed out after ${formatDuration(timeoutMs!)}` } : {}),
    });
    return exitCode === 0;
  };

  let current: number | undefined = options.only ?? options.from ?? 0;
  let runs = 0;
  let failedStep: number | undefined;
  let refused: string | undefined;
  let outcome: RunOutcome = 'passed';
  let reason: string | undefined;
  try {
    if (options.rollback) {
      for (const i of options.rollback) {
        if (i < 0 || i >= steps.length) continue;
        if (!(await rollbackStep(i))) {
          // The run's failed step stays the one that failed first: this part only reports the rollback's failure.
          outcome = 'failed';
          reason = `the rollback of step ${i + 1} failed`;
          break;
        }
      }
      current = undefined;
    }
    // A step with a block the runner cannot run here (PowerShell, a transcript) is refused before anything runs:
    // running the others and passing it would report a run that did not happen.
    const inScope = options.rollback ?? (options.only !== undefined ? [options.only] : steps.map((_, i) => i).filter((i) => i >= (options.from ?? 0) && (options.to === undefined || i <= options.to)));
    const unrunnable = inScope.find((i) => steps[i]?.refusal !== undefined);
    if (unrunnable !== undefined) {
      failedStep = unrunnable;
      refused = `step ${unrunnable + 1} "${steps[unrunnable].title}" cannot run here: ${steps[unrunnable].refusal}`;
      throw new Stop('failed', refused);
    }
    if (options.checkOnly) {
      await checkValidations();
      current = undefined;
    }
    while (current !== undefined && current < steps.length && (options.to === undefined || current <= options.to)) {
      checkCancel();
      if (++runs > (options.maxStepRuns ?? 1000)) throw new Stop('failed', 'too many step runs: the routes go round in circles');
      const index: number = current;
      const step = steps[index];
      const t0 = clock.now();
      const end = (status: StepStatus, attempt: number, exitCode?: number, why?: string): void => {
        statuses.set(index, status);
        emit({
          type: 'step-end', time: clock.now(), step: index, title: step.title, status, phase: 'run',
          ...(exitCode !== undefined ? { exitCode } : {}), durationMs: clock.now() - t0, attempt, ...(why ? { reason: why } : {}),
        });
      };
      let next: number | undefined = options.only !== undefined ? undefined : index + 1;
      const goTo = (target: RouteInfo, on: 'success' | 'failure'): void => {
        emit({ type: 'route', time: clock.now(), step: index, to: target.to, on });
        if (target.index === null && target.to.toLowerCase() !== 'end') throw new Stop('failed', `route to unknown step "${target.to}"`);
        next = target.index ?? undefined;
      };

      emit({ type: 'step-start', time: t0, step: index, title: step.title, attempt: 1, phase: 'run' });
      if (isManual(step)) {
        const choice = await prompts.manual(step);
        emit({ type: 'manual', time: clock.now(), step: index, choice });
        checkCancel();
        if (choice === 'abort') {
          end('skipped', 1, undefined, 'aborted');
          throw new Stop('cancelled', 'aborted at a manual step');
        }
        if (choice === 'skip') {
          end('skipped', 1);
          current = next;
          continue;
        }
      } else if (isDecision(step)) {
        const branches = step.branches ?? [];
        const branch = await prompts.decide(step, branches.map((b) => b.to));
        emit({ type: 'decision', time: clock.now(), step: index, ...(branch !== undefined ? { branch } : {}) });
        checkCancel();
        const chosen = branches.find((b) => b.to === branch);
        if (branch === undefined || !chosen) throw new Stop('cancelled', 'no branch chosen');
        end('passed', 1);
        completed.push(index);
        goTo(chosen, 'success');
        current = next;
        continue;
      }

      // A manual step's commands are the human's to run; its validation command still checks the result.
      let codes: ResolvedScript[];
      let validation: ResolvedScript[];
      try {
        codes = await resolve(isManual(step) ? [] : runnable(step.commands));
        validation = await resolve(runnable(step.validation?.commands));
      } catch (err) {
        if (!(err instanceof UnsafeSubstitutionError)) throw err;
        // Nothing of the step ran, so there is nothing of it to roll back: the run stops here, failed.
        end('failed', 1, undefined, err.message);
        failedStep = index;
        outcome = 'failed';
        reason = err.message;
        break;
      }
      if (!approved.has(index)) {
        await approve(index, riskReasons(index, [...codes, ...validation], codes.length > 0, [...(isManual(step) ? [] : step.commands), ...(step.validation?.commands ?? [])]));
        approved.add(index);
      }

      const retry = step.yaml?.retry;
      const maxAttempts = Math.max(1, retry?.maxAttempts ?? 1);
      let attempt = 1;
      let exitCode = 0;
      let why: string | undefined;
      const timeoutMs = stepTimeout(step);
      for (;;) {
        // Each attempt has the step's whole timeout, its validation included.
        const deadline = timeoutMs === undefined ? undefined : clock.now() + timeoutMs;
        const ran = await exec(index, 'command', codes, deadline);
        exitCode = ran.exitCode;
        why = ran.timedOut ? `timed out after ${formatDuration(timeoutMs!)}` : exitCode !== 0 ? 'command failed' : undefined;
        if (exitCode === 0) {
          const checked = await exec(index, 'validation', validation, deadline);
          exitCode = checked.exitCode;
          why = checked.timedOut ? `validation timed out after ${formatDuration(timeoutMs!)}` : exitCode !== 0 ? 'validation failed' : undefined;
        }
        if (exitCode === 0 || attempt >= maxAttempts) break;
        attempt++;
        const delayMs = backoffDelay(retry?.backoff, (retry?.delaySeconds ?? 1) * 1000, attempt);
        emit({ type: 'retry', time: clock.now(), step: index, attempt, delayMs });
        await clock.sleep(delayMs, signal);
        checkCancel();
      }

      if (exitCode === 0) {
        end('passed', attempt, codes.length + validation.length > 0 ? 0 : undefined);
        completed.push(index);
        const to = route(step, 'success');
        if (to !== undefined && options.only === undefined) goTo(to, 'success');
        current = next;
        continue;
      }

      end('failed', attempt, exitCode, why);
      const onFailure = route(step, 'failure');
      if (onFailure !== undefined && options.only === undefined) {
        // A failure route handles the failure: the run goes on there instead of stopping.
        goTo(onFailure, 'failure');
        current = next;
        continue;
      }
      failedStep = index;
      outcome = 'failed';
      reason = why;
      await offerRollback(index);
      break;
    }
  } catch (err) {
    if (err instanceof Cancelled || signal.aborted) {
      outcome = 'cancelled';
      reason = 'cancelled';
    } else if (err instanceof Stop) {
      outcome = err.outcome;
      reason = err.reason;
    } else throw err;
  }

  emit({
    type: 'run-end', time: clock.now(), outcome, durationMs: clock.now() - start,
    ...(failedStep !== undefined ? { failedStep } : {}), ...(reason ? { reason } : {}),
  });
  return { outcome, statuses, variables: Object.fromEntries(values), ...(refused !== undefined ? { refused } : {}) };

  /** `checkOnly`: each step's validation, in document order; a failing one fails the run and the next is checked. */
  async function checkValidations(): Promise<void> {
    const last = Math.min(steps.length - 1, options.only ?? options.to ?? steps.length - 1);
    for (let index = options.only ?? options.from ?? 0; index <= last; index++) {
      checkCancel();
      const step = steps[index];
      const raw = runnable(step.validation?.commands);
      const t0 = clock.now();
      emit({ type: 'step-start', time: t0, step: index, title: step.title, attempt: 1, phase: 'run' });
      const end = (status: StepStatus, exitCode?: number, why?: string): void => {
        statuses.set(index, status);
        emit({
          type: 'step-end', time: clock.now(), step: index, title: step.title, status, phase: 'run',
          ...(exitCode !== undefined ? { exitCode } : {}), durationMs: clock.now() - t0, attempt: 1, ...(why ? { reason: why } : {}),
        });
      };
      if (raw.length === 0) {
        end('skipped', undefined, 'no validation command');
        continue;
      }
      let codes: ResolvedScript[];
      try {
        codes = await resolve(raw);
      } catch (err) {
        if (!(err instanceof UnsafeSubstitutionError)) throw err;
        end('failed', undefined, err.message);
        failedStep ??= index;
        continue;
      }
      await approve(index, riskReasons(index, codes, false, step.validation?.commands ?? []));
      const timeoutMs = stepTimeout(step);
      const { exitCode, timedOut } = await exec(index, 'validation', codes, timeoutMs === undefined ? undefined : t0 + timeoutMs);
      if (exitCode === 0) end('passed', 0);
      else {
        end('failed', exitCode, timedOut ? `validation timed out after ${formatDuration(timeoutMs!)}` : 'validation failed');
        failedStep ??= index;
      }
    }
    if (failedStep !== undefined) {
      outcome = 'failed';
      reason = 'a validation failed';
    }
  }

  /** Rolls back the failed step, then (on request) the completed ones, newest first; stops at a failing one. */
  async function offerRollback(index: number): Promise<void> {
    // The completed steps in reverse order of completion, each once (a route may have run one twice).
    const done = [...new Set([...completed].reverse())].filter((i) => runnable(steps[i].rollback?.commands).length > 0);
    // Nothing to roll back: no question to ask.
    if (runnable(steps[index].rollback?.commands).length === 0 && done.length === 0) return;
    let choice: RollbackChoice;
    if (options.autoRollback === 'all') choice = 'all';
    else if (options.autoRollback) choice = 'failed';
    else choice = prompts.rollback ? await prompts.rollback(steps[index], done.map((i) => steps[i])) : 'none';
    // Stop while the question is open means "leave as is": the run stays failed (not cancelled), so the Run
    // panel still offers Retry, Skip and Roll back.
    if (choice === 'none' || signal.aborted) return;
    if (!(await rollbackStep(index))) return;
    if (choice !== 'all') return;
    for (const i of done) if (!(await rollbackStep(i))) return;
  }
}

function maskEvent(e: RunEvent, mask: (s: string) => string): RunEvent {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) out[k] = typeof v === 'string' && k !== 'type' ? mask(v) : v;
  return out as RunEvent;
}

export interface DryRunCommand {
  kind: 'command' | 'validation' | 'rollback';
  code: string;
}

export interface DryRunStep {
  index: number;
  title: string;
  commands: DryRunCommand[];
  /** Why the run would ask for an approval before this step. */
  approvals: string[];
  /** Why the run would fail this step without running it (a value that cannot be substituted safely). */
  problems?: string[];
  /** The prompts the step would show: 'manual: Done / Skip / Abort', 'decision: a | b'. */
  prompts: string[];
  retry?: { maxAttempts: number; delaysMs: number[] };
  routes: { on: 'success' | 'failure'; to: string }[];
}

export interface DryRunPlan {
  steps: DryRunStep[];
  /** The placeholders the run asks for, in order; secret ones are asked in a password box. */
  variables: { name: string; secret: boolean }[];
}

/**
 * What a run would do, in document order, executing nothing: each step's resolved commands (secrets masked),
 * the approvals and prompts it would need, its retries and routes. Placeholders are asked for when a
 * `variable` prompt is given (so the commands show resolved), otherwise left as written.
 */
export async function dryRun(
  workflow: StepsResult,
  options: Pick<RunOptions, 'riskyPatterns' | 'variables' | 'shellVariables'> = {},
  variable?: RunPrompts['variable'],
): Promise<DryRunPlan> {
  const patterns = options.riskyPatterns ?? DEFAULT_RISKY_PATTERNS;
  const shellVars = options.shellVariables ?? SHELL_VARIABLES;
  const values = new Map<string, string>(Object.entries(options.variables ?? {}));
  const variables: DryRunPlan['variables'] = [];
  const secrets: string[] = [];
  for (const [k, v] of values) if (isSecretName(k)) secrets.push(v);
  const plan: DryRunStep[] = [];
  for (const [index, step] of workflow.steps.entries()) {
    const groups: [DryRunCommand['kind'], string[]][] = [
      ['command', isManual(step) ? [] : runnable(step.commands)],
      ['validation', runnable(step.validation?.commands)],
      ['rollback', runnable(step.rollback?.commands)],
    ];
    const commands: DryRunCommand[] = [];
    const approvals: string[] = [];
    const problems: string[] = [];
    const blocksOf: Record<DryRunCommand['kind'], readonly CommandInfo[]> = {
      command: isManual(step) ? [] : step.commands,
      validation: step.validation?.commands ?? [],
      rollback: step.rollback?.commands ?? [],
    };
    for (const [kind, codes] of groups) {
      for (const r of destructiveReasons(blocksOf[kind])) approvals.push(`${kind === 'rollback' ? 'rollback: ' : ''}${r}`);
      for (const code of codes) {
        for (const name of placeholders(code, shellVars)) {
          if (variables.some((v) => v.name === name)) continue;
          const secret = isSecretName(name);
          variables.push({ name, secret });
          if (values.has(name) || !variable) continue;
          const value = await variable(name, secret);
          if (value === undefined) continue;
          values.set(name, value);
          if (secret) secrets.push(value);
        }
        let resolved: ResolvedScript = { code, bindings: [] };
        try {
          resolved = substitute(code, values, shellVars);
        } catch (err) {
          if (!(err instanceof UnsafeSubstitutionError)) throw err;
          problems.push(`${kind === 'command' ? '' : `${kind}: `}${err.message}`);
        }
        commands.push({ kind, code: displayScript(resolved) });
        const p = riskyMatch(readable(resolved), patterns);
        if (p) approvals.push(`${kind === 'rollback' ? 'rollback: ' : ''}a command matches the risky pattern "${p}"`);
      }
    }
    if (step.approval && groups[0][1].length > 0) approvals.unshift(step.approval);
    if (step.refusal) problems.unshift(`cannot run here: ${step.refusal}`);
    const prompts: string[] = [];
    if (isManual(step)) prompts.push('manual: Done / Skip / Abort');
    if (isDecision(step)) prompts.push(`decision: ${(step.branches ?? []).map((b) => b.to).join(' | ')}`);
    const routes: DryRunStep['routes'] = [];
    const s = route(step, 'success');
    const f = route(step, 'failure');
    if (s !== undefined) routes.push({ on: 'success', to: s.to });
    if (f !== undefined) routes.push({ on: 'failure', to: f.to });
    const entry: DryRunStep = { index, title: step.title, commands, approvals: [...new Set(approvals)], prompts, routes };
    if (problems.length > 0) entry.problems = problems;
    const r = step.yaml?.retry;
    if (r && (r.maxAttempts ?? 1) > 1) {
      const delaysMs: number[] = [];
      for (let a = 2; a <= (r.maxAttempts ?? 1); a++) delaysMs.push(backoffDelay(r.backoff, (r.delaySeconds ?? 1) * 1000, a));
      entry.retry = { maxAttempts: r.maxAttempts ?? 1, delaysMs };
    }
    plan.push(entry);
  }
  const mask = masker(secrets);
  for (const st of plan) for (const c of st.commands) c.code = mask(c.code);
  return { steps: plan, variables };
}
