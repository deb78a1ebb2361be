/**
 * The runner's budget: the overhead between one step's end and the next step's start, median over a workflow of
 * 50 steps whose command is `true` (target: under 50 ms). It runs the real engine with the real run log writer
 * (a JSON line per event, written synchronously) and the Run panel's reducer, and a real bash per command through
 * the same script files the terminal runs (ProcessExecutor). The terminal round trip itself (shell integration
 * reporting the end of a command) is part of a step's duration, not of the gap between steps, and is not
 * measured here: it needs a running VS Code. Bundled by bench/build.mjs to dist/run-bench.js.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StepInfo, StepsResult } from '../server/src/protocol';
import { runWorkflow, type CommandOptions, type RunEvent } from '../server/src/run/engine';
import { ProcessExecutor } from '../server/src/run/processExecutor';
import { RunLogWriter, runFileName } from '../server/src/run/runLog';
import { applyRecord, initialView } from '../client/src/runner/runState';
import type { RunHeader, RunLogRecord } from '../server/src/run/runTypes';
import { stats } from './stats';

const STEPS = 50;
const BUDGET_MS = 50;
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

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'wfs-run-bench-'));
  const inner = new ProcessExecutor();
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
  try {
    const wf = workflow();
    const time = Date.now();
    const header: RunHeader = {
      runId: runFileName(time), workflow: wf.title!, uri: wf.uri, relativePath: 'fifty.md',
      steps: wf.steps.map((s) => ({ index: s.index, title: s.title, line: s.titleRange.start.line, hasRollback: false, manual: false })),
      scope: 'workflow', pid: process.pid, session: 'bench',
    };
    const writer = RunLogWriter.create(root, header, time);
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
    });
    const total = performance.now() - begin;
    writer.close();
    if (result.outcome !== 'passed') throw new Error(`the bench run ${result.outcome}`);
    const gaps = ends.slice(0, -1).map((end, i) => starts[i + 1] - end);
    const commandGaps = commandEnds.slice(0, -1).map((end, i) => commandCalls[i + 1] - end);
    const between = stats(commandGaps);
    const median = between.median;
    const row = (label: string, value: string): void => console.log(`${'runner 50 × true'.padEnd(20)}${label.padEnd(56)}${value}`);
    row('step-end event → next step-start event, median', `${stats(gaps).median.toFixed(3)} ms`);
    row('command ended → next command started, median', `${median.toFixed(3)} ms`);
    row('command ended → next command started, p95', `${between.p95.toFixed(3)} ms`);
    row('one command (bash `true` via the script files), median', `${stats(commandTimes).median.toFixed(1)} ms`);
    row('whole run (50 steps)', `${total.toFixed(0)} ms`);
    const pass = median < BUDGET_MS;
    console.log(`${pass ? 'PASS' : 'FAIL'}  runner: between steps (command end → next command start) median ${median.toFixed(3)} ms < ${BUDGET_MS}`);
    if (!pass) process.exitCode = 1;
  } finally {
    inner.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
