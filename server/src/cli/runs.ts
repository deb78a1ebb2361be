/**
 * `wfs runs [file]`: the run history of the log folder (the editor's and `wfs run`'s logs alike): per workflow,
 * its runs, pass rate, mean duration, last status and last failure, read with the Runs view's own reader
 * (bounded, hostile logs dropped). Nothing is written: a run left unfinished shows as interrupted when the
 * process that wrote it is gone, without being marked on disk.
 */
import { hostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { formatDuration } from '../run/engine';
import { listRuns, processIsLive, workflowFolderName, workflowMetrics, type RunRecord } from '../run/runLog';
import type { CliIo } from './main';
import { relativePath } from './discover';
import { DEFAULT_LOG_DIR } from './run';
import type { RunArgs } from './runArgs';

interface RunSummary {
  file: string;
  start: string;
  outcome: string;
  durationMs?: number;
  scope: string;
  failedStep?: number;
  reason?: string;
}

interface WorkflowHistory {
  workflow: string;
  relativePath: string;
  runs: number;
  passRate?: number;
  meanDurationMs?: number;
  manualInterventions: number;
  last?: RunSummary;
  lastFailure?: RunSummary;
  recent: RunSummary[];
}

/** How many runs of each workflow the human format lists. */
const RECENT = 5;

export function runsCommand(args: RunArgs, io: CliIo): number {
  const root = resolve(io.cwd, args.logDir ?? DEFAULT_LOG_DIR);
  const unreadable: string[] = [];
  let runs = listRuns(root, undefined, (file, e) => unreadable.push(`${relativePath(io.cwd, file) || file}: ${(e as Error).message}`));
  if (args.file !== undefined) {
    const folder = workflowFolderName(args.file);
    runs = runs.filter((r) => basename(dirname(r.file)) === folder);
  }
  const byWorkflow = new Map<string, RunRecord[]>();
  for (const run of runs) {
    const key = run.header.relativePath;
    byWorkflow.set(key, [...(byWorkflow.get(key) ?? []), run]);
  }
  const summarize = (r: RunRecord): RunSummary => {
    const live = r.outcome !== 'running' || processIsLive(r.header, `wfs-${process.pid}`, new Set(), hostname());
    const s: RunSummary = { file: relativePath(io.cwd, r.file) || r.file, start: new Date(r.startTime).toISOString(), outcome: live ? r.outcome : 'interrupted', scope: r.header.scope };
    if (r.durationMs !== undefined) s.durationMs = r.durationMs;
    if (r.failedStep !== undefined) s.failedStep = r.failedStep + 1;
    if (r.reason !== undefined) s.reason = r.reason;
    return s;
  };
  const histories: WorkflowHistory[] = [...byWorkflow].map(([path, list]) => {
    const metrics = workflowMetrics(list);
    const h: WorkflowHistory = { workflow: list[0].header.workflow, relativePath: path, runs: list.length, manualInterventions: metrics.manualInterventions, recent: list.slice(0, RECENT).map(summarize) };
    if (metrics.successRate !== undefined) h.passRate = metrics.successRate;
    if (metrics.meanDurationMs !== undefined) h.meanDurationMs = metrics.meanDurationMs;
    h.last = summarize(list[0]);
    const failure = list.find((r) => r.outcome === 'failed');
    if (failure) h.lastFailure = summarize(failure);
    return h;
  });
  for (const u of unreadable) io.stderr(`wfs: skipped ${u}\n`);
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify({ logDir: relativePath(io.cwd, root) || root, workflows: histories }, null, 2)}\n`);
    return 0;
  }
  if (histories.length === 0) {
    io.stdout(`No runs in ${relativePath(io.cwd, root) || root}${args.file !== undefined ? ` for ${args.file}` : ''}.\n`);
    return 0;
  }
  for (const h of histories) {
    const rate = h.passRate !== undefined ? `${Math.round(h.passRate * 100)} % passed` : 'none finished';
    const mean = h.meanDurationMs !== undefined ? `, mean ${formatDuration(Math.round(h.meanDurationMs))}` : '';
    io.stdout(`${h.workflow} (${h.relativePath}): ${h.runs} run(s), ${rate}${mean}, ${h.manualInterventions} manual intervention(s)\n`);
    if (h.last) io.stdout(`  last: ${describe(h.last)}\n`);
    if (h.lastFailure && h.lastFailure.file !== h.last?.file) io.stdout(`  last failure: ${describe(h.lastFailure)}\n`);
    for (const r of h.recent) io.stdout(`    ${describe(r)}  ${r.file}\n`);
  }
  return 0;
}

function describe(r: RunSummary): string {
  const parts = [r.start, r.outcome];
  if (r.durationMs !== undefined) parts.push(formatDuration(r.durationMs));
  if (r.failedStep !== undefined) parts.push(`at step ${r.failedStep}`);
  if (r.reason !== undefined) parts.push(r.reason);
  return parts.join(', ');
}
