/**
 * One run of the editor, from its first start to its last continuation from the Run panel: the steps it runs, its
 * terminal, its panel, its log, the values given so far, and the prompt it waits on. It drives the engine and
 * records each event in the log (event by event), in the panel's view and in the output channel. The controller
 * decides when a run starts or continues; the session only runs it.
 */
import * as vscode from 'vscode';
import type { StepsResult } from '../../../server/src/protocol';
import { systemClock } from '../../../server/src/run/clock';
import { runWorkflow, type RunEvent, type RunOptions, type RunPrompts } from '../../../server/src/run/engine';
import { partEnd, type RunLogWriter } from '../../../server/src/run/runLog';
import type { RunHeader, RunLogRecord } from '../../../server/src/run/runTypes';
import type { RunPanel } from './runPanel';
import { applyRecord, setWaiting, type RunView } from './runState';
import type { TerminalExecutor } from './terminalExecutor';

export type Waiting = NonNullable<RunView['waiting']>['kind'];

/** What a run continued from the panel does: run one step, run from one, or roll back these. */
export type RunPart = Pick<RunOptions, 'only' | 'from' | 'rollback'>;

export interface RunSessionInit {
  header: RunHeader;
  workflow: StepsResult;
  view: RunView;
  writer: RunLogWriter;
  executor: TerminalExecutor;
  cwd: string | undefined;
  variables: Record<string, string>;
  /** A manual step already answered Done (the "Mark done" lens started this run): its prompt is not shown. */
  doneBeforeAsked?: number;
}

export interface RunSessionHost {
  output: vscode.LogOutputChannel;
  /** The run's view changed: redraw its panel and the status item. */
  changed(session: RunSession): void;
}

export class RunSession {
  readonly header: RunHeader;
  workflow: StepsResult;
  view: RunView;
  panel!: RunPanel;
  readonly writer: RunLogWriter;
  readonly executor: TerminalExecutor;
  readonly cwd: string | undefined;
  variables: Record<string, string>;
  readonly doneBeforeAsked: number | undefined;
  abort = new AbortController();
  running = true;
  /** The prompt the run waits on that the panel or Stop can also answer. */
  pending?: { step: number; kind: Waiting; answer: (value: unknown) => void };
  /** The outcome before a panel action continued the run (a rollback keeps a failed run failed). */
  private lastOutcome?: string;

  constructor(init: RunSessionInit, private readonly host: RunSessionHost) {
    this.header = init.header;
    this.workflow = init.workflow;
    this.view = init.view;
    this.writer = init.writer;
    this.executor = init.executor;
    this.cwd = init.cwd;
    this.variables = init.variables;
    this.doneBeforeAsked = init.doneBeforeAsked;
  }

  get runId(): string {
    return this.header.runId;
  }

  /** Runs the engine for this run (first time or a continuation) and waits for it. */
  async execute(part: RunPart, prompts: RunPrompts, settings: Omit<RunOptions, 'only' | 'from' | 'rollback' | 'cwd' | 'signal' | 'variables'>): Promise<void> {
    this.running = true;
    this.abort = new AbortController();
    const partStart = Date.now();
    try {
      const result = await runWorkflow(
        this.workflow,
        {
          executor: this.executor,
          prompts,
          clock: systemClock,
          emit: (event) => this.record(event, part.rollback !== undefined),
        },
        { ...settings, ...part, cwd: this.cwd, signal: this.abort.signal, variables: this.variables },
      );
      this.variables = result.variables;
      if (result.refused) void vscode.window.showErrorMessage(`Workflow Studio did not run "${this.header.workflow}": ${result.refused}. Nothing ran.`);
    } catch (e) {
      // The engine turns step failures into events; anything else is a bug: record it as a failed run.
      this.host.output.error(`Run ${this.runId}: ${(e as Error).stack ?? String(e)}`);
      this.record({ type: 'run-end', time: Date.now(), outcome: 'failed', durationMs: Date.now() - partStart, reason: (e as Error).message }, false);
    } finally {
      this.running = false;
      this.pending = undefined;
      this.executor.cleanUp();
      this.view = setWaiting(this.view, undefined);
      this.host.changed(this);
    }
  }

  /** One engine event: to the log (event by event), the panel's view and the output channel. */
  private record(event: RunEvent, rollbackOnly: boolean): void {
    if (event.type === 'run-start') return; // The header (or a resume record) was written already.
    let rec: RunLogRecord = event;
    if (event.type === 'run-end') {
      // Each part's own duration (the engine's): the log's reader adds the parts up, so idle time between a failure
      // and a Retry does not count. Rolling back a failed run leaves it failed (the rollback's own success is on
      // the step).
      const end = partEnd(event, rollbackOnly, this.lastOutcome === 'failed' ? 'failed' : undefined);
      rec = end;
      this.lastOutcome = end.outcome;
      this.host.output.info(`Run ${this.runId}: ${end.outcome}${end.reason ? ` (${end.reason})` : ''} (this part took ${(event.durationMs / 1000).toFixed(1)} s).`);
    } else if (event.type === 'step-end') {
      this.host.output.info(`Run ${this.runId}: step ${event.step + 1} "${event.title}" ${event.status}${event.exitCode !== undefined ? ` (exit ${event.exitCode})` : ''}.`);
    }
    this.append(rec);
  }

  /** A record of the run: to its log and its view. */
  append(rec: RunLogRecord): void {
    this.writer.append(rec);
    this.view = applyRecord(this.view, rec);
    this.host.changed(this);
  }

  /** Shows what the run waits for (or nothing) in its view. */
  setWaiting(waiting: RunView['waiting']): void {
    this.view = setWaiting(this.view, waiting);
    this.host.changed(this);
  }

  /** Stop: the running command gets Ctrl+C, then its process group is killed; a waiting prompt is answered "abort". */
  stop(): void {
    if (!this.running) return;
    this.abort.abort();
    const pending = this.pending;
    if (pending) pending.answer(pending.kind === 'manual' ? 'abort' : pending.kind === 'rollback' ? 'none' : undefined);
  }

  dispose(): void {
    if (this.running) this.abort.abort();
    this.writer.close();
    this.executor.dispose();
    this.panel.dispose();
  }
}
