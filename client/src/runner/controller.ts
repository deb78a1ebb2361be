/**
 * The run controller: what happens when a person clicks "Run workflow", "Run step", "Run from here", "Mark done",
 * "Dry run", or a button of the Run panel. It coordinates the modules that each do one job: it asks the server
 * for the steps (`workflow/steps`), reads the settings (runSettings.ts), starts a run session (runSession.ts:
 * the engine with the terminal executor, the VS Code prompts of vscodePrompts.ts, the panel and the log),
 * continues it from the panel, and keeps the status item (runStatusItem.ts) and the history (runHistory.ts)
 * up to date.
 *
 * Nothing runs in an untrusted workspace: every entry point checks `workspace.isTrusted` first.
 */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import * as vscode from 'vscode';
import type { StepsResult } from '../../../server/src/protocol';
import type { WorkflowClient } from '../client';
import { dryRun } from '../../../server/src/run/engine';
import { runHeader } from '../../../server/src/run/header';
import { runFileName, RunLogWriter } from '../../../server/src/run/runLog';
import type { RunHeader, RunScope } from '../../../server/src/run/runTypes';
import type { PanelAction } from './panelMessages';
import { RunHistory } from './runHistory';
import { openStep, RunPanel } from './runPanel';
import { RunSession, type RunPart } from './runSession';
import { envFileVariables, runCwd, runSettings } from './runSettings';
import { dryRunView, initialView, type RunView } from './runState';
import { RunStatusItem } from './runStatusItem';
import { TerminalExecutor } from './terminalExecutor';
import { stepIndex } from './lenses';
import { vscodePrompts } from './vscodePrompts';

/** Finished runs kept for their panels (Retry, Show Run Panel); older ones whose panel is closed are let go. */
const KEPT_FINISHED_RUNS = 20;

export interface RunControllerEvents {
  /** A run started, changed outcome or ended: the Runs view refreshes. */
  onRunsChanged(): void;
}

export class RunController implements vscode.Disposable {
  private readonly active = new Map<string, RunSession>();
  /** Documents whose run is being prepared (steps requested, not started yet): a second click must wait. */
  private readonly starting = new Set<string>();
  private readonly status = new RunStatusItem();
  private readonly history: RunHistory;
  private readonly viewEmitter = new vscode.EventEmitter<RunView>();
  /** A run's view changed (the graph view shows its statuses from the same events as the Run panel). */
  readonly onDidChangeRunView = this.viewEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: WorkflowClient,
    private readonly output: vscode.LogOutputChannel,
    private readonly events: RunControllerEvents,
  ) {
    this.history = new RunHistory(context, output);
  }

  /** The run's view to its panel, and the status bar to the newest run going on. */
  private show(run: RunSession): void {
    run.panel.update(run.view);
    this.viewEmitter.fire(run.view);
    this.status.show([...this.active.values()].reverse().find((r) => r.running) ?? (run.running ? run : undefined));
  }

  /** The folders run logs are read from (the Runs view). */
  logRoots(): string[] {
    return this.history.logRoots();
  }

  /** Marks runs left unfinished by an earlier session "interrupted" (the Runs view calls it before it first reads). */
  markInterruptedRuns(): void {
    this.history.markInterruptedRuns(new Set(this.active.keys()));
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

  /** The step a lens was drawn for, where it is now; undefined (and said) when the document moved it. */
  private lensStep(workflow: StepsResult, index: number, title: string | undefined, then: string): number | undefined {
    const resolved = stepIndex(workflow, index, title);
    if (resolved === undefined) {
      void vscode.window.showWarningMessage(`The document changed: step ${index + 1}${title ? ` "${title}"` : ''} is not where the code lens was. ${then}`);
    }
    return resolved;
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
      index = this.lensStep(workflow, index, title, 'Nothing ran; click the lens again.');
      if (index === undefined) return undefined;
    }
    if (this.isBusy(uri)) return undefined;
    const time = Date.now();
    const header = this.header(uri, workflow, runFileName(time), scope, index);
    const root = this.history.logRootFor(uri);
    // Creating and appending never throw: a log that cannot be written is reported once, and the run goes on.
    const onError = (e: Error): void => this.output.error(`Run log ${root}: ${e.message}. The run goes on; later events are not recorded.`);
    const refusal = this.history.refusal(root);
    const writer = refusal === undefined ? RunLogWriter.create(root, header, time, { onError }) : RunLogWriter.disabled(root, header, time, new Error(refusal), { onError });
    header.runId = writer.runId;
    if (writer.hasFailed) {
      void vscode.window.showWarningMessage(`Workflow Studio cannot write the run log in ${root}; this run will not be in the history.`);
    }
    const cwd = runCwd(uri, workflow);
    if (cwd && !isFolder(cwd)) {
      void vscode.window.showErrorMessage(`Workflow Studio cannot run "${workflow.title ?? uri.path}": its working folder ${cwd} does not exist (the document's cwd or wfs.run.cwd).`);
      return undefined;
    }
    this.prune();
    const run = new RunSession(
      {
        header,
        workflow,
        view: initialView(header, time, 'run'),
        writer,
        executor: new TerminalExecutor({ name: `Run: ${header.workflow}`, cwd, log: this.output }),
        cwd,
        variables: envFileVariables(uri, this.output),
        ...(markedDone && index !== undefined ? { doneBeforeAsked: index } : {}),
      },
      { output: this.output, changed: (session) => this.show(session) },
    );
    run.panel = new RunPanel(this.context.extensionUri, run.view, { onAction: (action) => this.onPanelAction(run, action) });
    run.panel.reveal();
    this.active.set(header.runId, run);
    this.output.info(`Run ${header.runId}: ${header.workflow} (${scope}${index !== undefined ? ` from step ${index + 1}` : ''}), in ${cwd ?? 'the default folder'}.`);
    this.events.onRunsChanged();
    await this.execute(run, scope === 'step' ? { only: index } : scope === 'from' ? { from: index } : {});
    return header.runId;
  }

  /** Runs (or continues) a session with this document's settings, then lets the Runs view know. */
  private async execute(run: RunSession, part: RunPart): Promise<void> {
    await run.execute(part, vscodePrompts(run), runSettings(vscode.Uri.parse(run.header.uri)));
    this.events.onRunsChanged();
  }

  private onPanelAction(run: RunSession, action: PanelAction): void {
    switch (action.type) {
      case 'ready':
        this.show(run);
        return;
      case 'stop':
        this.stop(run.runId);
        return;
      case 'open-step':
        void openStep(run.header.uri, run.header.steps[action.step]?.line ?? 0);
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
  private async resume(run: RunSession, action: 'retry' | 'skip' | 'rollback', step: number): Promise<void> {
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
      this.output.warn(`Run ${run.runId}: cannot read the steps again (${(e as Error).message}); continuing with those the run started with.`);
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
    run.append({ type: 'resume', time: Date.now(), action, step });
    const single = run.header.scope === 'step';
    if (action === 'rollback') return this.execute(run, { rollback: [step] });
    if (action === 'retry') return this.execute(run, single ? { only: step } : { from: step });
    // Skip: the step counts as skipped (the resume record says so); the run goes on after it.
    if (single || step + 1 >= run.workflow.steps.length) {
      run.append({ type: 'run-end', time: Date.now(), outcome: 'passed', durationMs: 0, reason: `step ${step + 1} skipped` });
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
        if (choice === 'Stop It') this.stop(busy.runId);
      });
    }
    return true;
  }

  /** Lets go of finished runs beyond the newest few whose panel is closed (their terminal stays). */
  private prune(): void {
    const finished = [...this.active.values()].filter((r) => !r.running);
    for (const run of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED_RUNS))) {
      if (run.panel.isOpen) continue;
      run.dispose();
      this.active.delete(run.runId);
    }
  }

  /** Stop: the running command gets Ctrl+C, then its process group is killed; a waiting prompt is answered "abort". */
  stop(runId?: string): void {
    const run = runId ? this.active.get(runId) : [...this.active.values()].reverse().find((r) => r.running);
    run?.stop();
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
      index = this.lensStep(workflow, index, title, 'Click the lens again.');
      if (index === undefined) return undefined;
    }
    const settings = runSettings(uri);
    const variables = envFileVariables(uri, this.output);
    const plan = await dryRun(workflow, { riskyPatterns: settings.riskyPatterns, variables }, (name, secret) =>
      Promise.resolve(
        vscode.window.showInputBox({ title: `Dry run: value of ${name}`, prompt: 'Leave empty (Escape) to show the placeholder as written.', password: secret, ignoreFocusOut: true }),
      ),
    );
    if (index !== undefined) plan.steps = plan.steps.filter((s) => s.index === index);
    const time = Date.now();
    const header = this.header(uri, workflow, `dry-run-${runFileName(time)}`, index === undefined ? 'workflow' : 'step', index);
    const view = dryRunView(header, plan, time);
    RunPanel.readOnly(this.context.extensionUri, view);
    this.output.info(`Dry run of ${header.workflow}: ${plan.steps.length} step(s), ${plan.steps.reduce((n, s) => n + s.commands.length, 0)} command(s); nothing was run.`);
    return view;
  }

  /** Reopens a run's panel: the live one when the run is this session's, else read-only from its log. */
  openRun(file: string): void {
    const own = [...this.active.values()].find((r) => r.writer.file === file);
    if (own) own.panel.reveal();
    else this.history.open(file, new Set(this.active.keys()));
  }

  /** A run's view for the graph: the live one of this session, else read from its log (undefined: said why). */
  runView(file: string): RunView | undefined {
    const own = [...this.active.values()].find((r) => r.writer.file === file);
    return own ? own.view : this.history.readView(file, new Set(this.active.keys()));
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
    const relativePath = folder ? relative(folder.uri.fsPath, uri.fsPath).split('\\').join('/') : uri.fsPath;
    return runHeader(workflow, { runId, uri: uri.toString(), relativePath, scope, from: index, session: vscode.env.sessionId });
  }

  dispose(): void {
    for (const run of this.active.values()) run.dispose();
    this.history.dispose();
    this.status.dispose();
    this.viewEmitter.dispose();
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
