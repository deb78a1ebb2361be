/**
 * The runner's budgets.
 * - Engine overhead between steps, in both executors: the median time from one command's end to the next
 *   command's start over a workflow of 50 steps whose command is `true` (target: under 50 ms). It runs the real
 *   engine with the real run log writer (a JSON line per event, written synchronously) and the Run panel's
 *   reducer, once with the process executor of `wfs run` and once with the editor's TerminalExecutor, whose
 *   terminal is a real bash fed by `sendText` (bench/terminalHost.ts stands in for the `vscode` module; shell
 *   integration off, so the exit-file path). VS Code's own terminal round trip is not measured: it needs a
 *   running VS Code.
 * - `wfs run` of a one-step `true` workflow, process start to exit, at most twice `node -e ''` plus the step
 *   itself (the step's duration from the run's own events), with the CLI built as it ships (minified).
 * Bundled by bench/build.mjs to dist/run-bench.js.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StepInfo, StepsResult } from '../server/src/protocol';
import { runWorkflow, type CommandExecutor, type CommandOptions, type RunEvent } from '../server/src/run/engine';
import { ProcessExecutor } from '../server/src/run/processExecutor';
import { RunLogWriter, runFileName } from '../server/src/run/runLog';
import { applyRecord, initialView } from '../client/src/runner/runState';
import type { RunHeader, RunLogRecord } from '../server/src/run/runTypes';
import { TerminalExecutor } from '../client/src/runner/terminalExecutor';
import { closeTerminals } from './terminalHost';
import { stats } from './stats';

const STEPS = 50;
const BUDGET_MS = 50;
/** Runs of each process in the start-up comparison. */
const STARTS = 10;
const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function workflow(): StepsResult {
  const steps: StepInfo[] = [];
  for (let i = 0; i < STEPS; i++) {
    steps.push({
      index: i, title: `Step ${i + 1}`, range: R, titleRange: { start: { line: i * 4, character: 0 }, end: { line: i * 4, character: 10 } },
      source: 'heading', kind: 'command', placeholders: [], commands: [{ lang: 'bash', code: 'true', range: R, contentRange: R, inline: false, runnable: true }],
    });
  }
  return { uri: 'file:///bench/fifty.md', format: 'frontmatter', title: 'Fifty true steps', steps };
}

/** One run of the 50-step workflow through `inner`; PASS when the median gap between commands is under the budget. */
async function engineOverhead(name: string, inner: CommandExecutor, root: string): Promise<boolean> {
  // Times when each command ended (its process closed and the exit code was read) and when the next was asked
  // for: the gap is everything the runner does between two steps (events, log lines, the panel's view, the
  // next step's scripts).
  const commandEnds: number[] = [];
  const commandCalls: number[] = [];
  const executor = {
    async run(code: string, opts: CommandOptions) {
      commandCalls.push(performance.now());
      const r = await inner.run(code, opts);
      commandEnds.push(performance.now());
      return r;
    },
  };
  const wf = workflow();
  const time = Date.now();
  const header: RunHeader = {
    runId: runFileName(time), workflow: wf.title!, uri: wf.uri, relativePath: 'fifty.md',
    steps: wf.steps.map((s) => ({ index: s.index, title: s.title, line: s.titleRange.start.line, hasRollback: false, manual: false })),
    scope: 'workflow', pid: process.pid, session: 'bench',
  };
  const writer = RunLogWriter.create(join(root, name), header, time);
  let view = initialView({ ...header, runId: writer.runId }, time, 'run');
  const ends: number[] = [];
  const starts: number[] = [];
  const commandTimes: number[] = [];
  let commandStart = 0;
  const emit = (event: RunEvent): void => {
    // The run controller's work for every event: the log line, the panel's view.
    if (event.type !== 'run-start') {
      writer.append(event as RunLogRecord);
      view = applyRecord(view, event as RunLogRecord);
    }
    const now = performance.now();
    if (event.type === 'step-start') starts.push(now);
    if (event.type === 'step-end') ends.push(now);
    if (event.type === 'command') commandStart = now;
    if (event.type === 'step-end') commandTimes.push(now - commandStart);
  };
  const begin = performance.now();
  const result = await runWorkflow(wf, {
    executor,
    emit,
    clock: { now: () => Date.now(), sleep: async () => undefined },
    prompts: {
      approve: async () => true, manual: async () => 'done', decide: async () => undefined, variable: async () => undefined,
    },
  }, { cwd: root });
  const total = performance.now() - begin;
  writer.close();
  if (result.outcome !== 'passed') throw new Error(`the bench run (${name}) ${result.outcome}`);
  const gaps = ends.slice(0, -1).map((end, i) => starts[i + 1] - end);
  const commandGaps = commandEnds.slice(0, -1).map((end, i) => commandCalls[i + 1] - end);
  const between = stats(commandGaps);
  const median = between.median;
  const label = `runner 50 × true, ${name}`;
  const row = (what: string, value: string): void => console.log(`${label.padEnd(38)}${what.padEnd(56)}${value}`);
  row('step-end event → next step-start event, median', `${stats(gaps).median.toFixed(3)} ms`);
  row('command ended → next command started, median', `${median.toFixed(3)} ms`);
  row('command ended → next command started, p95', `${between.p95.toFixed(3)} ms`);
  row('one command (bash `true` via the script files), median', `${stats(commandTimes).median.toFixed(1)} ms`);
  row('whole run (50 steps)', `${total.toFixed(0)} ms`);
  const pass = median < BUDGET_MS;
  console.log(`${pass ? 'PASS' : 'FAIL'}  runner (${name}): between steps (command end → next command start) median ${median.toFixed(3)} ms < ${BUDGET_MS}`);
  return pass;
}

/** Wall time of a process from spawn to exit, and its standard output. */
function timed(args: string[], cwd: string): { ms: number; stdout: string; status: number | null } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  return { ms: performance.now() - t0, stdout: r.stdout, status: r.status };
}

/** `wfs run` of a one-step `true` workflow against `node -e ''` plus the step's own duration. */
function cliStartup(root: string): boolean {
  const cwd = join(root, 'cli');
  // The CLI as it ships (bench/build.mjs builds it minified, as `npm run package` does).
  const cli = join(__dirname, 'run-bench-cli.js');
  spawnSync('mkdir', ['-p', cwd]);
  writeFileSync(join(cwd, 'one.md'), '# One step\n\n## Steps\n\n### 1. Nothing\n\n```bash\ntrue\n```\n');
  const node: number[] = [];
  const wfs: number[] = [];
  const step: number[] = [];
  // Interleaved, so a busy moment of the machine weighs on both series alike.
  for (let i = 0; i < STARTS; i++) {
    node.push(timed(['-e', ''], cwd).ms);
    const r = timed([cli, 'run', 'one.md', '--non-interactive', '--format', 'json'], cwd);
    if (r.status !== 0) throw new Error(`wfs run exited ${r.status}: ${r.stdout}`);
    wfs.push(r.ms);
    const end = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as RunEvent).find((e) => e.type === 'step-end');
    if (end?.type !== 'step-end') throw new Error('wfs run printed no step-end event');
    step.push(end.durationMs);
  }
  const n = stats(node).median;
  const w = stats(wfs).median;
  const s = stats(step).median;
  const limit = 2 * n + s;
  const label = 'wfs run, one step `true`';
  const row = (what: string, value: string): void => console.log(`${label.padEnd(38)}${what.padEnd(56)}${value}`);
  row("node -e '', process start to exit, median", `${n.toFixed(1)} ms`);
  row('the step itself (its step-end duration), median', `${s.toFixed(1)} ms`);
  row('wfs run, process start to exit, median', `${w.toFixed(1)} ms`);
  const pass = w <= limit;
  console.log(`${pass ? 'PASS' : 'FAIL'}  wfs run of a one-step true workflow: ${w.toFixed(1)} ms <= 2 × ${n.toFixed(1)} + ${s.toFixed(1)} = ${limit.toFixed(1)} ms`);
  return pass;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'wfs-run-bench-'));
  const processExecutor = new ProcessExecutor();
  const terminalExecutor = new TerminalExecutor({ name: 'bench', cwd: root, log: { info: () => undefined } as never });
  try {
    const results = [
      await engineOverhead('process executor', processExecutor, root),
      await engineOverhead('terminal executor', terminalExecutor, root),
      cliStartup(root),
    ];
    if (results.includes(false)) process.exitCode = 1;
  } finally {
    processExecutor.dispose();
    terminalExecutor.dispose();
    closeTerminals();
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
