/**
 * The run controller: what happens when a person clicks "Run workflow", "Run step", "Run from here", "Mark done",
 * "Dry run", or a button of the Run panel. It asks the server for the steps (`workflow/steps`), resolves where
 * the commands run and with which variables, and drives the pure engine (engine.ts) with a terminal (behind the
 * CommandExecutor interface), VS Code prompts, the Run panel and the run log.
 *
 * Nothing runs in an untrusted workspace: every entry point checks `workspace.isTrusted` first.
 */
import { statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import * as vscode from 'vscode';
import type { StepInfo, StepsResult } from '../../../server/src/protocol';
import type { WorkflowClient } from '../client';
import { dryRun, isManual, runnable, runWorkflow, DEFAULT_RISKY_PATTERNS, type RollbackChoice, type RunEvent, type RunOptions, type RunPrompts } from '../../../server/src/run/engine';
import type { PanelAction } from './panelMessages';
import { FileReadError, isInside, READ_LIMITS, readBoundedText, realPathOf } from '../../../server/src/files/boundedRead';
import { logRootRefusal, markInterrupted, processIsLive, readRunLog, runFileName, RunLogWriter, type RunRecord } from '../../../server/src/run/runLog';
import { RunPanel } from './runPanel';
import { applyRecord, dryRunView, initialView, setWaiting, viewFromRecords, type RunView } from './runState';
import type { RunHeader, RunLogRecord, RunScope } from '../../../server/src/run/runTypes';
import { TerminalExecutor } from './terminalExecutor';
import { stepIndex } from './lenses';
import { runStatusText } from './statusText';
import { parseDotEnv } from '../../../server/src/run/variables';

type Waiting = NonNullable<RunView['waiting']>['kind'];

/** Finished runs kept for their panels (Retry, Show Run Panel); older ones whose panel is closed are let go. */
const KEPT_FINISHED_RUNS = 20;

interface ActiveRun {
  header: RunHeader;
  workflow: StepsResult;
  view: RunView;
  panel: RunPanel;
  writer: RunLogWriter;
  executor: TerminalExecutor;
  cwd: string | undefined;
  abort: AbortController;
  running: boolean;
  variables: Record<string, string>;
  /** The prompt the run waits on that the panel or Stop can also answer. */
  pending?: { step: number; kind: Waiting; answer: (value: unknown) => void };
  startTime: number;
  /** A manual step already answered Done (the "Mark done" lens started this run): its prompt is not shown. */
  doneBeforeAsked?: number;
  /** The outcome before a panel action continued the run (a rollback keeps a failed run failed). */
  lastOutcome?: string;
}

export interface RunControllerEvents {
  /** A run started, changed outcome or ended: the Runs view refreshes. */
  onRunsChanged(): void;
}

export class RunController implements vscode.Disposable {
  private readonly active = new Map<string, ActiveRun>();
  /** Documents whose run is being prepared (steps requested, not started yet): a second click must wait. */
  private readonly starting = new Set<string>();
  private readonly history = new Map<string, RunPanel>();
  /** Log folders refused (outside the workspace and the storage), each said once in the output channel. */
  private readonly refusedRoots = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: WorkflowClient,
    private readonly output: vscode.LogOutputChannel,
    private readonly events: RunControllerEvents,
  ) {
    this.status.command = 'wfs.showRunPanel';
    this.status.name = 'Workflow Studio run';
  }

  /** The status bar item of the run going on (hidden when none is). */
  private readonly status = vscode.window.createStatusBarItem('wfs.run', vscode.StatusBarAlignment.Left, 40);

  /** The run's view to its panel, and the status bar to the newest run going on. */
  private show(run: ActiveRun): void {
    run.panel.update(run.view);
    const going = [...this.active.values()].reverse().find((r) => r.running) ?? (run.running ? run : undefined);
    const words = going && runStatusText(going.view);
    if (!words) {
      this.status.hide();
      return;
    }
    this.status.text = words.text;
    this.status.tooltip = words.tooltip;
    this.status.command = { title: 'Show Run Panel', command: 'wfs.showRunPanel', arguments: [going.header.runId] };
    this.status.show();
  }

  /**
   * The folders run logs go to: each workspace folder's log folder, or the extension's storage. A folder whose
   * real path leaves the workspace folders and the storage (a symlinked `.workflow-runs`, an absolute
   * `wfs.run.log.folder`) is left out, and said once in the output channel.
   */
  logRoots(): string[] {
    const roots: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) roots.push(this.logRootFor(folder.uri));
    // Runs of documents outside every workspace folder are kept in the storage folder: list them too.
    roots.push(this.storageRoot());
    return [...new Set(roots)].filter((root) => this.refusal(root) === undefined);
  }

  private storageBase(): string {
    return (this.context.storageUri ?? this.context.globalStorageUri).fsPath;
  }

  private storageRoot(): string {
    return join(this.storageBase(), 'runs');
  }

  /** Why no run log may be read or written under `root` (said once), or undefined when they may. */
  private refusal(root: string): string | undefined {
    const allowed = [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath), this.storageBase()];
    const refusal = logRootRefusal(root, allowed);
    if (refusal !== undefined && !this.refusedRoots.has(root)) {
      this.refusedRoots.add(root);
      this.output.warn(`Run logs: ${refusal}. Workflow Studio neither reads nor writes run logs there.`);
    }
    return refusal;
  }

  private logRootFor(uri: vscode.Uri): string {
    const config = vscode.workspace.getConfiguration('wfs.run.log', uri);
    if (config.get<string>('location', 'workspace') === 'extensionStorage') return this.storageRoot();
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return this.storageRoot();
    const configured = config.get<string>('folder', '.workflow-runs') || '.workflow-runs';
    return isAbsolute(configured) ? configured : join(folder.uri.fsPath, configured);
  }

  /**
   * Marks runs left unfinished by an earlier session "interrupted" (the Runs view calls it before it first
   * reads). Not in Restricted Mode: nothing is written in an untrusted workspace; such runs show as
   * interrupted when opened, without a change on disk.
   */
  markInterruptedRuns(): void {
    if (!vscode.workspace.isTrusted) {
      this.output.info('Restricted Mode: unfinished runs are not marked interrupted in their logs (nothing is written in an untrusted workspace).');
      return;
    }
    const live = new Set(this.active.keys());
    for (const root of this.logRoots()) {
      try {
        const marked = markInterrupted(root, (header) => processIsLive(header, vscode.env.sessionId, live, hostname()), Date.now());
        if (marked.length > 0) this.output.info(`Marked ${marked.length} unfinished run(s) in ${root} as interrupted.`);
      } catch (e) {
        this.output.warn(`Could not check the run logs in ${root}: ${(e as Error).message}`);
      }
    }
  }

  private trusted(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window
      .showWarningMessage('Workflow Studio runs nothing in Restricted Mode: trust this workspace to run its workflows.', 'Manage Workspace Trust')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }

  private async steps(uri: vscode.Uri): Promise<StepsResult | undefined> {
    const result = await this.client.steps(uri);
    if (!result || result.steps.length === 0) {
      void vscode.window.showInformationMessage(`Workflow Studio found no steps to run in ${vscode.workspace.asRelativePath(uri)}.`);
      return undefined;
    }
    return result;
  }

  private cwdFor(uri: vscode.Uri, workflow: StepsResult): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const base = folder?.uri.fsPath ?? vscode.Uri.joinPath(uri, '..').fsPath;
    const configured = workflow.cwd ?? vscode.workspace.getConfiguration('wfs.run', uri).get<string>('cwd', '');
    if (!configured) return base;
    return isAbsolute(configured) ? configured : join(base, configured);
  }

  private envVariables(uri: vscode.Uri): Record<string, string> {
    const file = vscode.workspace.getConfiguration('wfs.run', uri).get<string>('envFile', '');
    if (!file) return {};
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const path = isAbsolute(file) ? file : join(folder?.uri.fsPath ?? '', file);
    try {
      return parseDotEnv(readBoundedText(path, READ_LIMITS.envFile));
    } catch (e) {
      if (e instanceof FileReadError && e.reason === 'missing') this.output.warn(`wfs.run.envFile: ${path} does not exist; every placeholder is asked for.`);
      else this.output.warn(`wfs.run.envFile: cannot read ${path}: ${(e as Error).message}; every placeholder is asked for.`);
      return {};
    }
  }

  private runOptions(uri: vscode.Uri): Pick<RunOptions, 'riskyPatterns' | 'autoRollback' | 'approver'> {
    const config = vscode.workspace.getConfiguration('wfs.run', uri);
    const auto = config.get<string>('autoRollback', 'off');
    const patterns = config.get<string[]>('riskyPatterns', [...DEFAULT_RISKY_PATTERNS]);
    let approver = process.env.USER ?? 'unknown';
    try {
      approver = userInfo().username;
    } catch {
      // No user database entry (some containers): the environment's name stands.
    }
    return {
      riskyPatterns: Array.isArray(patterns) ? patterns.filter((p) => typeof p === 'string' && p.trim() !== '') : [...DEFAULT_RISKY_PATTERNS],
      autoRollback: auto === 'all' ? 'all' : auto === 'failed' ? true : false,
      approver,
    };
  }

  /** Run the whole workflow, one step, or the steps from one on. */
  async run(uri: vscode.Uri, scope: RunScope, index?: number, title?: string, markedDone = false): Promise<string | undefined> {
    if (!this.trusted() || this.isBusy(uri)) return undefined;
    const key = uri.toString();
    this.starting.add(key);
    let workflow: StepsResult | undefined;
    try {
      workflow = await this.steps(uri);
    } finally {
      this.starting.delete(key);
    }
    if (!workflow) return undefined;
    if (index !== undefined) {
      const resolved = stepIndex(workflow, index, title);
      if (resolved === undefined) {
        void vscode.window.showWarningMessage(`The document changed: step ${index + 1}${title ? ` "${title}"` : ''} is not where the code lens was. Nothing ran; click the lens again.`);
        return undefined;
      }
      index = resolved;
    }
    if (this.isBusy(uri)) return undefined;
    const time = Date.now();
    const header = this.header(uri, workflow, runFileName(time), scope, index);
    const root = this.logRootFor(uri);
    // Creating and appending never throw: a log that cannot be written is reported once, and the run goes on.
    const onError = (e: Error): void => this.output.error(`Run log ${root}: ${e.message}. The run goes on; later events are not recorded.`);
    const refusal = this.refusal(root);
    const writer = refusal === undefined ? RunLogWriter.create(root, header, time, { onError }) : RunLogWriter.disabled(root, header, time, new Error(refusal), { onError });
    header.runId = writer.runId;
    if (writer.hasFailed) {
      void vscode.window.showWarningMessage(`Workflow Studio cannot write the run log in ${root}; this run will not be in the history.`);
    }
    const cwd = this.cwdFor(uri, workflow);
    if (cwd && !isFolder(cwd)) {
      void vscode.window.showErrorMessage(`Workflow Studio cannot run "${workflow.title ?? uri.path}": its working folder ${cwd} does not exist (the document's cwd or wfs.run.cwd).`);
      return undefined;
    }
    this.prune();
    const run: ActiveRun = {
      header,
      workflow,
      view: initialView(header, time, 'run'),
      panel: undefined as unknown as RunPanel,
      writer,
      executor: new TerminalExecutor({ name: `Run: ${header.workflow}`, cwd, log: this.output }),
      cwd,
      abort: new AbortController(),
      running: true,
      variables: this.envVariables(uri),
      startTime: time,
      ...(markedDone && index !== undefined ? { doneBeforeAsked: index } : {}),
    };
    run.panel = new RunPanel(this.context.extensionUri, run.view, { onAction: (action) => this.onPanelAction(run, action) });
    run.panel.reveal();
    this.active.set(header.runId, run);
    this.output.info(`Run ${header.runId}: ${header.workflow} (${scope}${index !== undefined ? ` from step ${index + 1}` : ''}), in ${cwd ?? 'the default folder'}.`);
    this.events.onRunsChanged();
    await this.execute(run, scope === 'step' ? { only: index } : scope === 'from' ? { from: index } : {});
    return header.runId;
  }

  /** Runs the engine for this run (first time or a continuation) and waits for it. */
  private async execute(run: ActiveRun, extra: Pick<RunOptions, 'only' | 'from' | 'rollback'>): Promise<void> {
    run.running = true;
    run.abort = new AbortController();
    const uri = vscode.Uri.parse(run.header.uri);
    const partStart = Date.now();
    try {
      const result = await runWorkflow(
        run.workflow,
        {
          executor: run.executor,
          prompts: this.prompts(run),
          clock: { now: () => Date.now(), sleep: (ms, signal) => sleep(ms, signal) },
          emit: (event) => this.record(run, event, extra.rollback !== undefined),
        },
        { ...this.runOptions(uri), ...extra, cwd: run.cwd, signal: run.abort.signal, variables: run.variables },
      );
      run.variables = result.variables;
    } catch (e) {
      // The engine turns step failures into events; anything else is a bug: record it as a failed run.
      this.output.error(`Run ${run.header.runId}: ${(e as Error).stack ?? String(e)}`);
      this.record(run, { type: 'run-end', time: Date.now(), outcome: 'failed', durationMs: Date.now() - partStart, reason: (e as Error).message }, false);
    } finally {
      run.running = false;
      run.pending = undefined;
      run.executor.cleanUp();
      run.view = setWaiting(run.view, undefined);
      this.show(run);
      this.events.onRunsChanged();
    }
  }

  /** One engine event: to the log (event by event), the panel's view and the output channel. */
  private record(run: ActiveRun, event: RunEvent, rollbackOnly: boolean): void {
    if (event.type === 'run-start') return; // The header (or a resume record) was written already.
    let rec: RunLogRecord = event;
    if (event.type === 'run-end') {
      // A run continues from the panel in segments: its duration counts from the first start; rolling back a
      // failed run leaves it failed (the rollback's own success is on the step).
      // Each part's own duration (the engine's): the log's reader adds the parts up, so idle time between a failure
      // and a Retry does not count.
      const durationMs = event.durationMs;
      const outcome = rollbackOnly && event.outcome === 'passed' && run.lastOutcome === 'failed' ? 'failed' : event.outcome;
      rec = { ...event, outcome, durationMs, ...(rollbackOnly && outcome === 'failed' && event.outcome === 'passed' ? { reason: 'rolled back' } : {}) };
      run.lastOutcome = outcome;
      this.output.info(`Run ${run.header.runId}: ${outcome}${rec.reason ? ` (${rec.reason})` : ''} (this part took ${(durationMs / 1000).toFixed(1)} s).`);
    } else if (event.type === 'step-end') {
      this.output.info(`Run ${run.header.runId}: step ${event.step + 1} "${event.title}" ${event.status}${event.exitCode !== undefined ? ` (exit ${event.exitCode})` : ''}.`);
    }
    this.append(run, rec);
  }

  private append(run: ActiveRun, rec: RunLogRecord): void {
    run.writer?.append(rec);
    run.view = applyRecord(run.view, rec);
    this.show(run);
  }

  /** The engine's questions, as VS Code prompts; the Run panel and Stop can answer those that wait on a person. */
  private prompts(run: ActiveRun): RunPrompts {
    const wait = <T>(step: number, kind: Waiting, ask: () => Thenable<T | undefined>, fallback: T): Promise<T> =>
      new Promise<T>((resolve) => {
        let done = false;
        const answer = (value: unknown): void => {
          if (done) return;
          done = true;
          if (run.pending?.answer === answer) run.pending = undefined;
          run.view = setWaiting(run.view, undefined);
          this.show(run);
          resolve(value as T);
        };
        run.pending = { step, kind, answer };
        run.view = setWaiting(run.view, { step, kind });
        this.show(run);
        void Promise.resolve(ask()).then((v) => {
          if (v !== undefined) answer(v);
          else if (kind !== 'manual') answer(fallback);
          // A dismissed manual notification leaves the step waiting: the Run panel's buttons and the "Mark done"
          // lens still answer it.
        });
      });
    const label = (step: StepInfo): string => `step ${step.index + 1} "${step.title}"`;
    return {
      approve: async (step, reason) => {
        const choice = await wait(step.index, 'approval', () =>
          vscode.window.showWarningMessage(`Approve ${label(step)} of "${run.header.workflow}"?`, { modal: true, detail: `It needs an approval because ${reason}. Your approval is recorded in the run log.` }, 'Approve'),
        '' as string);
        return choice === 'Approve';
      },
      manual: (step) =>
        run.doneBeforeAsked === step.index ? Promise.resolve('done' as const) :
        wait(step.index, 'manual', async () => {
          const choice = await vscode.window.showInformationMessage(`Manual ${label(step)}: do it, then choose Done.`, 'Done', 'Skip', 'Abort');
          return choice === 'Done' ? 'done' : choice === 'Skip' ? 'skip' : choice === 'Abort' ? 'abort' : undefined;
        }, 'abort' as const),
      decide: (step, branches) =>
        wait(step.index, 'decision', () => vscode.window.showQuickPick(branches, { title: `Decision at ${label(step)}`, placeHolder: 'Which branch does the run take?', ignoreFocusOut: true }), undefined as string | undefined),
      variable: (name, secret) =>
        wait(run.view.steps.find((s) => s.status === 'running')?.index ?? 0, 'variable', () =>
          vscode.window.showInputBox({
            title: `${run.header.workflow}: value of ${name}`,
            prompt: secret ? `${name} looks secret: it is never written to the run log, the Run panel or the history.` : `Used for <${name}>, \${${name}} and {{${name}}} in this run.`,
            password: secret,
            ignoreFocusOut: true,
          }), undefined as string | undefined),
      rollback: (failed, completed) =>
        wait(failed.index, 'rollback', async () => {
          const actions = ['Roll Back Step', ...(completed.length > 0 ? ['Roll Back All'] : []), 'Leave As Is'];
          const choice = await vscode.window.showErrorMessage(
            `${label(failed)} failed. The run stopped.${(failed.rollback?.commands.length ?? 0) > 0 ? ' Roll it back?' : ''}`,
            ...actions,
          );
          return choice === 'Roll Back Step' ? 'failed' : choice === 'Roll Back All' ? 'all' : 'none';
        }, 'none' as RollbackChoice),
    };
  }

  private onPanelAction(run: ActiveRun, action: PanelAction): void {
    switch (action.type) {
      case 'ready':
        this.show(run);
        return;
      case 'stop':
        this.stop(run.header.runId);
        return;
      case 'open-step':
        void this.openStep(run.header.uri, run.header.steps[action.step]?.line ?? 0);
        return;
      case 'manual':
        if (run.pending?.kind === 'manual' && run.pending.step === action.step) run.pending.answer(action.choice);
        return;
      case 'rollback':
        // The run is asking whether to roll back this step: the button answers the question.
        if (run.pending?.kind === 'rollback' && run.pending.step === action.step) {
          run.pending.answer('failed');
          return;
        }
        void this.resume(run, action.type, action.step);
        return;
      case 'retry':
      case 'skip':
        void this.resume(run, action.type, action.step);
        return;
    }
  }

  /** Continues a finished run from the panel: retry the failed step, skip it, or roll a step back. */
  private async resume(run: ActiveRun, action: 'retry' | 'skip' | 'rollback', step: number): Promise<void> {
    if (run.running || !this.trusted()) return;
    const uri = vscode.Uri.parse(run.header.uri);
    if (this.isBusy(uri)) return;
    // Retry runs the step as the document says now (the person may have fixed the command), as long as the
    // document still has the same steps; otherwise a new run is the honest thing.
    run.running = true;
    let fresh: StepsResult | null = null;
    try {
      fresh = await this.client.steps(uri);
    } catch (e) {
      this.output.warn(`Run ${run.header.runId}: cannot read the steps again (${(e as Error).message}); continuing with those the run started with.`);
    } finally {
      run.running = false;
    }
    if (fresh) {
      const same = fresh.steps.length === run.workflow.steps.length && fresh.steps.every((s, i) => s.title === run.workflow.steps[i].title);
      if (!same) {
        void vscode.window.showWarningMessage(`The steps of "${run.header.workflow}" changed since this run started: start a new run instead.`);
        return;
      }
      run.workflow = fresh;
    }
    this.append(run, { type: 'resume', time: Date.now(), action, step });
    const single = run.header.scope === 'step';
    if (action === 'rollback') return this.execute(run, { rollback: [step] });
    if (action === 'retry') return this.execute(run, single ? { only: step } : { from: step });
    // Skip: the step counts as skipped (the resume record says so); the run goes on after it.
    if (single || step + 1 >= run.workflow.steps.length) {
      this.append(run, { type: 'run-end', time: Date.now(), outcome: 'passed', durationMs: 0, reason: `step ${step + 1} skipped` });
      this.events.onRunsChanged();
      return;
    }
    return this.execute(run, { from: step + 1 });
  }

  /** Whether a run of this document is starting or running; if so, says so and offers to show or stop it. */
  private isBusy(uri: vscode.Uri): boolean {
    const key = uri.toString();
    const busy = [...this.active.values()].find((r) => r.header.uri === key && r.running);
    if (!busy && !this.starting.has(key)) return false;
    if (busy) {
      void vscode.window.showWarningMessage(`"${busy.header.workflow}" is already running.`, 'Show Run', 'Stop It').then((choice) => {
        if (choice === 'Show Run') busy.panel.reveal();
        if (choice === 'Stop It') this.stop(busy.header.runId);
      });
    }
    return true;
  }

  /** Lets go of finished runs beyond the newest few whose panel is closed (their terminal stays). */
  private prune(): void {
    const finished = [...this.active.values()].filter((r) => !r.running);
    for (const run of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED_RUNS))) {
      if (run.panel.isOpen) continue;
      run.executor.dispose();
      run.panel.dispose();
      this.active.delete(run.header.runId);
    }
  }

  /** Stop: the running command gets Ctrl+C, then its process group is killed; a waiting prompt is answered "abort". */
  stop(runId?: string): void {
    const run = runId ? this.active.get(runId) : [...this.active.values()].reverse().find((r) => r.running);
    if (!run || !run.running) return;
    run.abort.abort();
    const pending = run.pending;
    if (pending) pending.answer(pending.kind === 'manual' ? 'abort' : pending.kind === 'rollback' ? 'none' : undefined);
  }

  /** "Mark done" on a manual step: answers the run waiting on it, or records it as a one-step run. */
  async markDone(uri: vscode.Uri, index: number, title?: string): Promise<void> {
    const waiting = [...this.active.values()].find((r) => r.header.uri === uri.toString() && r.pending?.kind === 'manual' && r.pending.step === index);
    if (waiting && (title === undefined || waiting.workflow.steps[index]?.title === title)) {
      waiting.pending!.answer('done');
      return;
    }
    // No run waits on it: the person did the step on their own. Record it (its validation runs) without asking.
    await this.run(uri, 'step', index, title, true);
  }

  /** Dry run: the resolved commands, approvals and prompts, in the Run panel; nothing runs, nothing is logged. */
  async dryRun(uri: vscode.Uri, index?: number, title?: string): Promise<RunView | undefined> {
    const workflow = await this.steps(uri);
    if (!workflow) return undefined;
    if (index !== undefined) {
      const resolved = stepIndex(workflow, index, title);
      if (resolved === undefined) {
        void vscode.window.showWarningMessage(`The document changed: step ${index + 1}${title ? ` "${title}"` : ''} is not where the code lens was. Click the lens again.`);
        return undefined;
      }
      index = resolved;
    }
    const options = this.runOptions(uri);
    const variables = this.envVariables(uri);
    const plan = await dryRun(workflow, { riskyPatterns: options.riskyPatterns, variables }, (name, secret) =>
      Promise.resolve(
        vscode.window.showInputBox({ title: `Dry run: value of ${name}`, prompt: 'Leave empty (Escape) to show the placeholder as written.', password: secret, ignoreFocusOut: true }),
      ),
    );
    if (index !== undefined) plan.steps = plan.steps.filter((s) => s.index === index);
    const time = Date.now();
    const header = this.header(uri, workflow, `dry-run-${runFileName(time)}`, index === undefined ? 'workflow' : 'step', index);
    const view = dryRunView(header, plan, time);
    this.readOnlyPanel(view);
    this.output.info(`Dry run of ${header.workflow}: ${plan.steps.length} step(s), ${plan.steps.reduce((n, s) => n + s.commands.length, 0)} command(s); nothing was run.`);
    return view;
  }

  /** Reopens a run's panel: the live one when the run is this session's, else read-only from its log. */
  openRun(file: string): void {
    const own = [...this.active.values()].find((r) => r.writer?.file === file);
    if (own) {
      own.panel.reveal();
      return;
    }
    let record: RunRecord | undefined;
    let why = 'it is gone, or holds no run';
    try {
      // Only a log of the log folders (the command may be given any path).
      const real = realPathOf(file);
      if (!this.logRoots().some((root) => isInside(realPathOf(root), real))) throw new Error('it is not in a run log folder');
      record = readRunLog(file);
    } catch (e) {
      why = (e as Error).message;
    }
    if (!record) {
      void vscode.window.showWarningMessage(`Workflow Studio cannot read the run log ${file}: ${why}.`);
      return;
    }
    this.history.get(file)?.dispose();
    // A log still open whose writer is gone: shown as interrupted (the next start-up marks it on disk). A run another
    // window or machine is still writing shows as running.
    const activeIds = new Set([...this.active.keys()]);
    const view = viewFromRecords(record.records, true, {
      interrupted: record.outcome === 'running' && !processIsLive(record.header, vscode.env.sessionId, activeIds, hostname()),
    });
    const panel = this.readOnlyPanel(view);
    this.history.set(file, panel);
    // A history panel has no run to outlive: closing it ends it.
    panel.onDidClose(() => {
      panel.dispose();
      if (this.history.get(file) === panel) this.history.delete(file);
    });
  }

  /** Reveals the panel of the newest run of this session (a command and the status of a run). */
  showPanel(runId?: string): void {
    const run = runId ? this.active.get(runId) : [...this.active.values()].pop();
    if (run) run.panel.reveal();
    else void vscode.window.showInformationMessage('No workflow has run in this window yet.');
  }

  /** The header of a run (or dry run) of this document's steps. */
  private header(uri: vscode.Uri, workflow: StepsResult, runId: string, scope: RunScope, index: number | undefined): RunHeader {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return {
      runId,
      workflow: workflow.title ?? uri.path.slice(uri.path.lastIndexOf('/') + 1),
      uri: uri.toString(),
      relativePath: folder ? relative(folder.uri.fsPath, uri.fsPath).split('\\').join('/') : uri.fsPath,
      steps: workflow.steps.map((s) => ({
        index: s.index,
        title: s.title,
        line: s.titleRange.start.line,
        hasRollback: runnable(s.rollback?.commands).length > 0,
        manual: isManual(s),
      })),
      scope,
      ...(index !== undefined ? { from: index } : {}),
      pid: process.pid,
      session: vscode.env.sessionId,
      host: hostname(),
    };
  }

  /** A panel that only shows (a dry run, a past run): its step links work, nothing else does. */
  private readOnlyPanel(view: RunView): RunPanel {
    const panel = new RunPanel(this.context.extensionUri, view, {
      onAction: (action) => {
        if (action.type === 'open-step') void this.openStep(view.uri, view.steps[action.step]?.line ?? 0);
      },
    });
    panel.reveal();
    return panel;
  }

  /**
   * The Run panel's link to a step: shows it in the document, and leaves the focus in the panel the person
   * clicked. Taking it to the editor raced with VS Code's own notice that the panel got the focus (it polls the
   * webview and can come later): the panel's group then became active again over an editor that had the keyboard,
   * and the editor's line and column left the status bar.
   */
  private async openStep(uri: string, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
    const pos = new vscode.Position(Math.min(line, doc.lineCount - 1), 0);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    for (const run of this.active.values()) {
      if (run.running) run.abort.abort();
      run.writer?.close();
      run.executor.dispose();
      run.panel.dispose();
    }
    for (const panel of this.history.values()) panel.dispose();
    this.status.dispose();
  }
}

/** A retry's backoff: ends early (rejecting) when the run is stopped. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('cancelled'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
