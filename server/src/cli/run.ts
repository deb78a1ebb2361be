/**
 * `wfs run` and `wfs check`: a workflow's steps run in a terminal or in CI through the same engine as the
 * editor (server/src/run/engine.ts), with a process executor instead of VS Code's terminal. What differs is only
 * the front end: prompts in the terminal (Inquirer's) or none at all (non-interactive: a missing value,
 * decision or approval stops the run with exit code 2), progress lines, and output streamed as it comes with
 * secrets masked. The run log is the editor's, so a run started here shows in the Runs view of a checkout.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { StepInfo, StepsResult } from '../protocol';
import type { WorkflowService } from '../service';
import { FileReadError, READ_LIMITS, readBoundedText } from '../files/boundedRead';
import { systemClock } from '../run/clock';
import {
  DEFAULT_RISKY_PATTERNS,
  dryRun,
  formatDuration,
  runWorkflow,
  type CommandOptions,
  type RunEvent,
  type RunOptions,
  type RunPrompts,
  type StepStatus,
} from '../run/engine';
import { approverName, runHeader } from '../run/header';
import { ProcessExecutor } from '../run/processExecutor';
import { partEnd, runFileName, RunLogWriter } from '../run/runLog';
import type { RunLogRecord, RunScope } from '../run/runTypes';
import { stepsResult } from '../run/steps';
import { parseDotEnv } from '../run/variables';
import { UsageError } from './args';
import { relativePath } from './discover';
import { FatalError, parseWorkflowFile, runCli, type CliIo } from './main';
import { createWorkflowService } from '../service';
import { loadBashParser, loadedBashParser } from '../shell/bashParser';
import { terminalPrompts, type TerminalPrompts } from './prompts';
import { isRunCommand, parseRunArgs, RUN_HELP, type RunArgs } from './runArgs';
import { runsCommand } from './runs';

export interface RunIo extends CliIo {
  stdinIsTTY: boolean;
  /** Calls `handler` on each Ctrl+C (SIGINT) until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
  /** The terminal's questions; tests pass their own. */
  prompts?: TerminalPrompts;
}

/** The exit codes of `wfs run` and `wfs check`. */
export const EXIT = { passed: 0, failed: 1, refused: 2, interrupted: 130 } as const;

/** The default folder of run logs, relative to the current folder (the editor's default in its workspace folder). */
export const DEFAULT_LOG_DIR = '.workflow-runs';

interface Loaded {
  workflow: StepsResult;
  absPath: string;
  shownPath: string;
}

/** Reads and parses the workflow as `wfs lint` would (the same config), and gives its steps as the editor gets them. */
function loadWorkflow(args: RunArgs, io: RunIo, service: WorkflowService): Loaded {
  const { absPath, shownPath, uri, model, options } = parseWorkflowFile(args.file!, io, service);
  const workflow = stepsResult(uri, model, undefined, options);
  if (workflow.steps.length === 0) throw new FatalError(`${shownPath}: no steps to run (wfs lint ${shownPath} says why a section is not a step)`);
  for (const [flag, n] of [['--step', args.step], ['--from', args.from], ['--to', args.to]] as const) {
    if (n !== undefined && n >= workflow.steps.length) throw new UsageError(`${flag} ${n + 1}: ${shownPath} has ${workflow.steps.length} step(s)`);
  }
  return { workflow, absPath, shownPath };
}

/** Placeholder values: the .env file, then `--var` (which wins). */
function givenVariables(args: RunArgs, io: RunIo): Record<string, string> {
  const values: Record<string, string> = {};
  if (args.envFile !== undefined) {
    const path = resolve(io.cwd, args.envFile);
    try {
      Object.assign(values, parseDotEnv(readBoundedText(path, READ_LIMITS.envFile)));
    } catch (e) {
      if (e instanceof FileReadError) throw new FatalError(`cannot read --env-file ${args.envFile}: ${e.message}`);
      throw e;
    }
  }
  for (const v of args.vars) {
    const value = v.value ?? io.env[v.name];
    if (value === undefined) throw new UsageError(`--var ${v.name}: there is no environment variable ${v.name} (or pass --var ${v.name}=VALUE)`);
    values[v.name] = value;
  }
  return values;
}

/** Whether the run may ask: a terminal on both sides, not CI, not --non-interactive. */
function isInteractive(args: RunArgs, io: RunIo): boolean {
  const ci = io.env.CI;
  return !args.nonInteractive && io.stdinIsTTY && io.stdoutIsTTY && !(ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0');
}

/** The folder commands run in: the document's `cwd`/`working_directory` (relative to the current folder), else the current folder. */
function commandFolder(workflow: StepsResult, io: RunIo): string {
  const configured = workflow.cwd;
  const folder = !configured ? io.cwd : isAbsolute(configured) ? configured : join(io.cwd, configured);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // Missing: said below.
  }
  if (!isFolder) throw new FatalError(`the working folder ${folder} does not exist (the document's cwd or working_directory)`);
  return folder;
}

const STYLE = { dim: ['\x1b[2m', '\x1b[22m'], bold: ['\x1b[1m', '\x1b[22m'], red: ['\x1b[31m', '\x1b[39m'], green: ['\x1b[32m', '\x1b[39m'], yellow: ['\x1b[33m', '\x1b[39m'] } as const;

/** A line writer with colors when asked for. */
function painter(color: boolean): (style: keyof typeof STYLE, text: string) => string {
  return (style, text) => (color ? `${STYLE[style][0]}${text}${STYLE[style][1]}` : text);
}

/**
 * Output shown as it comes, masked line by line: a line is held until it ends (or the command does), so a secret
 * split between two chunks is still masked whole; each line of a multi-line secret is masked on its own.
 */
class LiveOutput {
  private pending = '';
  constructor(private readonly write: (text: string) => void) {}

  add(text: string, mask: (text: string) => string): void {
    const all = this.pending + text;
    const end = all.lastIndexOf('\n');
    if (end < 0) {
      // A line that never ends (a progress bar) is shown once it is long.
      if (all.length > 64 * 1024) {
        this.write(mask(all));
        this.pending = '';
      } else this.pending = all;
      return;
    }
    this.write(mask(all.slice(0, end + 1)));
    this.pending = all.slice(end + 1);
  }

  end(mask: (text: string) => string): void {
    if (this.pending) this.write(`${mask(this.pending)}\n`);
    this.pending = '';
  }
}

/** Commands that read shell blocks. */
const SHELL_COMMANDS: ReadonlySet<string | undefined> = new Set(['lint', 'steps', 'export', 'graph', 'run', 'check']);

/**
 * `wfs` with every command: `run`, `check` and `runs` here (they run and wait on processes), the others through
 * runCli. Never throws; the exit code is the answer.
 */
export async function runWfs(argv: readonly string[], io: RunIo, createService: () => WorkflowService = () => createWorkflowService({ cacheSize: 1, shellParser: loadedBashParser })): Promise<number> {
  const command = argv[0];
  // The bash grammar loads asynchronously; the service asks for it synchronously, so it is loaded first.
  if (SHELL_COMMANDS.has(command)) {
    await loadBashParser().catch((e: unknown) => io.stderr(`wfs: the bash parser could not be loaded (${e instanceof Error ? e.message : String(e)}); shell blocks are not checked.\n`));
  }
  if (!isRunCommand(command)) return runCli(argv, io, createService);
  try {
    const args = parseRunArgs(command, argv.slice(1));
    if (args.command === 'runs') return args.help ? (io.stdout(RUN_HELP), 0) : runsCommand(args, io);
    return await runCommand(args, io, createService());
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`wfs: ${e.message}\nRun "wfs ${command} --help" for usage.\n`);
      return EXIT.refused;
    }
    if (e instanceof FatalError) {
      io.stderr(`wfs: ${e.message}\n`);
      return EXIT.refused;
    }
    io.stderr(`wfs: internal error: ${e instanceof Error ? e.message.split('\n', 1)[0] : String(e)}\n`);
    if (argv.includes('--debug') && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT.refused;
  }
}

/** `wfs run` and `wfs check`. Never throws for a run's failure; usage and file errors are thrown for runCli. */
export async function runCommand(args: RunArgs, io: RunIo, service: WorkflowService): Promise<number> {
  if (args.help) {
    io.stdout(RUN_HELP);
    return 0;
  }
  const { workflow, absPath, shownPath } = loadWorkflow(args, io, service);
  const variables = givenVariables(args, io);
  const interactive = isInteractive(args, io);
  const color = args.color ?? (io.stdoutIsTTY && !io.env.NO_COLOR);
  const paint = painter(color);
  const json = args.format === 'json';
  const riskyPatterns = args.riskyPatterns.length > 0 ? args.riskyPatterns : [...DEFAULT_RISKY_PATTERNS];
  const prompts = interactive ? (io.prompts ?? terminalPrompts()) : undefined;

  if (args.dryRun) return dryRunCommand(workflow, args, io, variables, riskyPatterns, prompts, paint);

  const cwd = commandFolder(workflow, io);
  const check = args.command === 'check';
  const scope: RunScope = args.step !== undefined ? 'step' : args.from !== undefined ? 'from' : 'workflow';
  const time = Date.now();
  const header = runHeader(workflow, {
    runId: runFileName(time),
    uri: workflow.uri,
    relativePath: relativePath(io.cwd, absPath).split('\\').join('/') || absPath,
    scope,
    from: args.step ?? args.from,
    session: `wfs-${process.pid}`,
  });
  // A check is not a run of the workflow: it writes no log, so the Runs view's metrics stay those of real runs.
  const logRoot = resolve(io.cwd, args.logDir ?? DEFAULT_LOG_DIR);
  let writer: RunLogWriter | undefined;
  if (!check && !args.noLog) {
    writer = RunLogWriter.create(logRoot, header, time, { onError: (e) => io.stderr(`wfs: run log: ${e.message}; the run goes on, later events are not recorded\n`) });
    header.runId = writer.runId;
  }

  // What happened, for the exit code and the summary.
  let refused: string | undefined;
  let interrupted = false;
  const completed: number[] = [];
  const abort = new AbortController();
  const live = new LiveOutput((text) => io.stdout(text));
  const executor = new ProcessExecutor({
    onOutput: json ? undefined : (text, _stream, command: CommandOptions) => live.add(text, command.mask ?? ((t) => t)),
    onOutputEnd: json ? undefined : (command) => live.end(command.mask ?? ((t) => t)),
  });
  const total = args.step !== undefined ? 1 : Math.min(workflow.steps.length, (args.to ?? workflow.steps.length - 1) + 1) - (args.from ?? 0);
  let position = 0;
  const stepNumber = (step: number): string => `[${step + 1}/${workflow.steps.length}]`;
  const started = Date.now();
  const elapsed = (): string => formatDuration(Date.now() - started);

  // The rollback after Ctrl+C is a part of its own; its end keeps the run cancelled (see partEnd).
  let rollbackPart = false;
  const emit = (raw: RunEvent): void => {
    const event: RunEvent = raw.type === 'run-end' ? partEnd(raw, rollbackPart, rollbackPart ? 'cancelled' : undefined) as RunEvent : raw;
    if (event.type !== 'run-start') writer?.append(event as RunLogRecord);
    if (event.type === 'step-end' && event.phase === 'run' && event.status === 'passed') completed.push(event.step);
    if (json) {
      io.stdout(`${JSON.stringify(event.type === 'run-start' ? { type: 'run-start', time: event.time, ...header } : event)}\n`);
      return;
    }
    switch (event.type) {
      case 'run-start':
        io.stdout(`${paint('bold', `${check ? 'Checking' : 'Running'} ${shownPath}`)}${workflow.title ? ` "${workflow.title}"` : ''}: ${total} of ${workflow.steps.length} step(s)${writer && !writer.hasFailed ? paint('dim', `, log ${relativePath(io.cwd, writer.file) || writer.file}`) : ''}\n`);
        break;
      case 'step-start':
        if (event.phase === 'run') position++;
        if (event.phase === 'rollback') io.stdout(`${paint('bold', `↩ Rolling back ${stepNumber(event.step)} ${event.title}`)}${paint('dim', ` (${elapsed()})`)}\n`);
        else io.stdout(`${paint('bold', `▶ ${stepNumber(event.step)} ${event.title}`)}${paint('dim', ` (step ${Math.min(position, total)} of ${total}, ${elapsed()})`)}\n`);
        break;
      case 'command':
        io.stdout(`${paint('dim', event.code.split('\n').map((l) => `  ${event.kind === 'command' ? '$' : event.kind === 'validation' ? '?' : '↩'} ${l}`).join('\n'))}\n`);
        break;
      case 'retry':
        io.stdout(paint('yellow', `  retry: attempt ${event.attempt} in ${formatDuration(event.delayMs)}\n`));
        break;
      case 'route':
        io.stdout(paint('dim', `  on ${event.on}: go to "${event.to}"\n`));
        break;
      case 'approval':
        io.stdout(paint('dim', `  approval ${event.approved ? 'given' : 'declined'}${event.approver ? ` by ${event.approver}` : ''}: ${event.reason}\n`));
        break;
      case 'step-end': {
        const mark = event.status === 'passed' || event.status === 'rolled-back' ? paint('green', '✔') : event.status === 'failed' ? paint('red', '✖') : paint('yellow', '–');
        const why = [event.exitCode !== undefined && event.exitCode !== 0 ? `exit ${event.exitCode}` : '', event.reason ?? ''].filter(Boolean).join(', ');
        io.stdout(`${mark} ${stepNumber(event.step)} ${event.title}: ${event.status}${why ? ` (${why})` : ''} in ${formatDuration(event.durationMs)}\n`);
        break;
      }
      default:
        break;
    }
  };

  const answers = check || interactive ? undefined : nonInteractivePrompts(args, (why) => (refused ??= why));
  const runPrompts: RunPrompts = answers ?? interactivePrompts(prompts!, args, () => abort.abort(), (why) => (refused ??= why));
  const stopOnInterrupt = io.onInterrupt(() => {
    if (!interrupted) io.stderr('\nwfs: interrupted: stopping the running command (Ctrl+C again to quit at once)\n');
    interrupted = true;
    abort.abort();
  });
  const options: RunOptions = {
    cwd,
    signal: abort.signal,
    riskyPatterns,
    variables,
    approver: `${approverName(io.env)}${args.yes ? ' (--yes)' : ''}`,
    autoRollback: args.rollback === 'auto' ? 'all' : false,
    ...(args.timeoutSeconds !== undefined ? { stepTimeoutMs: args.timeoutSeconds * 1000 } : {}),
    ...(args.step !== undefined ? { only: args.step } : {}),
    ...(args.from !== undefined ? { from: args.from } : {}),
    ...(args.to !== undefined ? { to: args.to } : {}),
    ...(check ? { checkOnly: true } : {}),
  };
  const deps = { executor, prompts: check ? (answers ?? nonInteractivePrompts(args, (why) => (refused ??= why))) : runPrompts, clock: systemClock, emit };
  try {
    let result = await runWorkflow(workflow, deps, options);
    if (interrupted && !check) {
      // Ctrl+C: the command's process group is stopped and the run recorded as cancelled. The steps that completed
      // may have changed things: offer to roll them back, newest first.
      const done = [...new Set([...completed].reverse())].filter((i) => (workflow.steps[i].rollback?.commands.length ?? 0) > 0);
      if (done.length > 0 && (await offerRollback(done, workflow, args, prompts, interactive, io))) {
        interrupted = false;
        const again = new AbortController();
        const stop = io.onInterrupt(() => again.abort());
        try {
          writer?.append({ type: 'resume', time: Date.now(), action: 'rollback', step: done[0] });
          rollbackPart = true;
          result = await runWorkflow(workflow, { ...deps, prompts: answers ?? interactivePrompts(prompts!, args, () => again.abort(), () => undefined) }, {
            ...options, signal: again.signal, variables: result.variables, rollback: done, checkOnly: false,
          });
        } finally {
          stop();
        }
        interrupted = true;
      }
    }
    writer?.close();
    if (result.refused !== undefined) refused ??= result.refused;
    const code = interrupted ? EXIT.interrupted : refused !== undefined ? EXIT.refused : result.outcome === 'passed' ? EXIT.passed : result.outcome === 'failed' ? EXIT.failed : EXIT.refused;
    if (!json) summary(io, paint, check, code, result.statuses, workflow, refused, writer, elapsed());
    else if (refused !== undefined) io.stderr(`wfs: ${refused}\n`);
    return code;
  } finally {
    stopOnInterrupt();
    executor.dispose();
  }
}

function summary(
  io: RunIo,
  paint: ReturnType<typeof painter>,
  check: boolean,
  code: number,
  statuses: Map<number, StepStatus>,
  workflow: StepsResult,
  refused: string | undefined,
  writer: RunLogWriter | undefined,
  took: string,
): void {
  const failed = [...statuses].filter(([, s]) => s === 'failed').map(([i]) => `${i + 1} "${workflow.steps[i].title}"`);
  if (check) {
    const checked = [...statuses.values()].filter((s) => s === 'passed' || s === 'failed').length;
    const line = failed.length === 0 ? `${checked} validation(s) pass` : `${failed.length} of ${checked} validation(s) fail: step ${failed.join(', step ')}`;
    io.stdout(`${code === 0 ? paint('green', line) : paint('red', line)} (${took})\n`);
  } else {
    const words = code === EXIT.passed ? paint('green', 'Run passed') : code === EXIT.interrupted ? paint('yellow', 'Run interrupted') : code === EXIT.refused ? paint('red', 'Run refused') : paint('red', `Run failed${failed.length ? ` at step ${failed[0]}` : ''}`);
    io.stdout(`${words} in ${took}.${writer && !writer.hasFailed ? ` Log: ${relativePath(io.cwd, writer.file) || writer.file}` : ''}\n`);
  }
  if (refused !== undefined) io.stderr(`wfs: ${refused}\n`);
}

/** The questions of a run that must not wait (CI, no terminal, --non-interactive): what was not given stops it. */
function nonInteractivePrompts(args: RunArgs, refuse: (why: string) => void): RunPrompts {
  const label = (step: StepInfo): string => `step ${step.index + 1} "${step.title}"`;
  return {
    approve: async (step, reason) => {
      if (args.yes) return true;
      refuse(`${label(step)} needs an approval (${reason}); pass --yes to approve it`);
      return false;
    },
    manual: async (step) => {
      refuse(`${label(step)} is done by a person; run it in a terminal (without --non-interactive), or skip it with --from ${step.index + 2}`);
      return 'abort';
    },
    decide: async (step, branches) => {
      const chosen = decisionVar(step, args);
      if (chosen !== undefined && branches.includes(chosen)) return chosen;
      const name = step.yaml?.id ?? step.yaml?.name ?? step.title;
      refuse(
        chosen !== undefined
          ? `--var ${name}=${chosen}: ${label(step)} has no branch "${chosen}" (its branches: ${branches.join(', ')})`
          : `${label(step)} is a decision; pass --var ${name}=<${branches.join('|')}>`,
      );
      return undefined;
    },
    variable: async (name) => {
      refuse(`no value for ${name}; pass --var ${name}=VALUE, --var ${name} (from the environment) or --env-file`);
      return undefined;
    },
    rollback: async () => 'none',
  };
}

/** The branch `--var <step id or name>=<branch>` gives a decision step. */
function decisionVar(step: StepInfo, args: RunArgs): string | undefined {
  for (const key of [step.yaml?.id, step.yaml?.name]) {
    const v = key !== undefined ? args.vars.find((x) => x.name === key) : undefined;
    if (v?.value !== undefined) return v.value;
  }
  return undefined;
}

/** The questions in a terminal. Ctrl+C at a question stops the run, as it does during a command. */
function interactivePrompts(ask: TerminalPrompts, args: RunArgs, interrupt: () => void, refuse: (why: string) => void): RunPrompts {
  const label = (step: StepInfo): string => `Step ${step.index + 1} "${step.title}"`;
  const guarded = async <T>(question: () => Promise<T>, onInterrupt: T): Promise<T> => {
    try {
      return await question();
    } catch (e) {
      if (!ask.isInterrupt(e)) throw e;
      interrupt();
      return onInterrupt;
    }
  };
  return {
    approve: async (step, reason) => {
      if (args.yes) return true;
      const ok = await guarded(() => ask.confirm(`${label(step)} needs an approval: ${reason}. Approve it?`, false), false);
      if (!ok) refuse(`the approval of ${label(step).toLowerCase()} was declined`);
      return ok;
    },
    manual: (step) =>
      guarded(
        () => ask.select(`${label(step)} is done by a person. Do it, then:`, [{ name: 'Done', value: 'done' as const }, { name: 'Skip', value: 'skip' as const }, { name: 'Abort', value: 'abort' as const }], 'done'),
        'abort' as const,
      ),
    decide: (step, branches) =>
      guarded(() => ask.select(`${label(step)}: which branch?`, branches.map((b) => ({ name: b, value: b })), decisionVar(step, args) ?? branches[0]), undefined),
    variable: (name, secret) => guarded(() => ask.text(`Value of ${name}${secret ? ' (secret: masked in the output and the log)' : ''}:`, secret), undefined),
    rollback: (failed, done) =>
      args.rollback === 'never'
        ? Promise.resolve('none')
        : guarded(
            () =>
              ask.select(
                `${label(failed)} failed. Roll back?`,
                [
                  ...((failed.rollback?.commands.length ?? 0) > 0 ? [{ name: 'Roll back this step', value: 'failed' as const }] : []),
                  ...(done.length > 0 ? [{ name: `Roll back this step and the ${done.length} completed step(s), newest first`, value: 'all' as const }] : []),
                  { name: 'Leave as is', value: 'none' as const },
                ],
                'none',
              ),
            'none' as const,
          ),
  };
}

/** After Ctrl+C: whether to roll back the completed steps (asked in a terminal; `--rollback auto` says yes). */
async function offerRollback(done: number[], workflow: StepsResult, args: RunArgs, ask: TerminalPrompts | undefined, interactive: boolean, io: RunIo): Promise<boolean> {
  if (args.rollback === 'auto') return true;
  const list = done.map((i) => `${i + 1} "${workflow.steps[i].title}"`).join(', ');
  if (!interactive || !ask || args.rollback === 'never') {
    io.stderr(`wfs: the completed step(s) ${list} were not rolled back (--rollback auto rolls them back)\n`);
    return false;
  }
  try {
    return await ask.confirm(`Roll back the completed step(s) ${list}, newest first?`, false);
  } catch (e) {
    if (ask.isInterrupt(e)) return false;
    throw e;
  }
}

/** `--dry-run`: the plan, and nothing run or logged. */
async function dryRunCommand(
  workflow: StepsResult,
  args: RunArgs,
  io: RunIo,
  variables: Record<string, string>,
  riskyPatterns: string[],
  ask: TerminalPrompts | undefined,
  paint: ReturnType<typeof painter>,
): Promise<number> {
  const plan = await dryRun(workflow, { riskyPatterns, variables }, ask ? (name, secret) => ask.text(`Value of ${name} (empty: show the placeholder as written):`, secret).then((v) => v || undefined) : undefined);
  const first = args.step ?? args.from ?? 0;
  const last = args.step ?? args.to ?? workflow.steps.length - 1;
  plan.steps = plan.steps.filter((s) => s.index >= first && s.index <= last);
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
    return 0;
  }
  for (const s of plan.steps) {
    io.stdout(`${paint('bold', `${s.index + 1}. ${s.title}`)}\n`);
    for (const c of s.commands) io.stdout(`${c.code.split('\n').map((l) => `  ${c.kind === 'command' ? '$' : c.kind === 'validation' ? '?' : '↩'} ${l}`).join('\n')}\n`);
    for (const a of s.approvals) io.stdout(`  needs an approval: ${a}\n`);
    for (const p of s.problems ?? []) io.stdout(paint('red', `  would fail: ${p}\n`));
    for (const p of s.prompts) io.stdout(`  asks: ${p}\n`);
    if (s.retry) io.stdout(`  retries: up to ${s.retry.maxAttempts} attempts, waiting ${s.retry.delaysMs.map((d) => formatDuration(d)).join(', ')}\n`);
    for (const r of s.routes) io.stdout(`  on ${r.on}: ${r.to}\n`);
  }
  const missing = plan.variables.filter((v) => !(v.name in variables));
  if (missing.length > 0) io.stdout(`Placeholders the run would ask for: ${missing.map((v) => `${v.name}${v.secret ? ' (secret)' : ''}`).join(', ')}\n`);
  io.stdout('Dry run: nothing was run and no log was written.\n');
  return 0;
}
