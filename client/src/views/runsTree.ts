/**
 * How the Runs view words the run log, free of VS Code: one node per workflow (its run count, success rate and
 * mean duration), under it its runs newest first (start time, outcome, duration, an icon per outcome). The date
 * format is injected so tests do not depend on the machine's time zone and locale. Logs may be hostile, so every
 * text taken from one is clipped, and a tooltip lists a few approvals, not thousands.
 */
import { MAX_RECORDS_PER_STEP, workflowMetrics, type RunRecord, type WorkflowMetrics } from '../../../server/src/run/runLog';

/** Codicon ids; the adapter makes them ThemeIcons. */
export type RunIcon = 'pass' | 'error' | 'circle-slash' | 'warning' | 'sync~spin';

export interface RunNode {
  kind: 'run';
  /** The log file: the item's id and the argument of `wfs.openRun`. */
  file: string;
  label: string;
  description: string;
  tooltip: string;
  icon: RunIcon;
  run: RunRecord;
}

export interface RunsWorkflowNode {
  kind: 'workflow';
  /** The workflow's path relative to its workspace folder: runs are grouped by it. */
  key: string;
  label: string;
  description: string;
  tooltip: string;
  metrics: WorkflowMetrics;
  runs: RunNode[];
}

export type RunsNode = RunsWorkflowNode | RunNode;

export interface RunsTreeOptions {
  /** Formats a run's start time; defaults to the local date and time. */
  formatTime?: (time: number) => string;
  /**
   * A run whose node cannot be built (it should not happen: the parser checks every field) is left out, from
   * its workflow's metrics too, and passed here, so one bad log cannot empty the view.
   */
  onError?: (run: RunRecord, error: unknown) => void;
}

/** The longest text from a log (a workflow name, a step title, a reason) a label or tooltip line shows. */
export const MAX_SHOWN_TEXT = 200;
/** How many approvals a run's tooltip lists; the rest are counted. */
export const MAX_TOOLTIP_APPROVALS = 10;
/** The longest tooltip, whatever the log holds. */
export const MAX_TOOLTIP_LENGTH = 4_000;

/** `text` cut to `max` characters with an ellipsis (a cut never splits a surrogate pair). */
export function clip(text: string, max = MAX_SHOWN_TEXT): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

const ICONS: Record<RunRecord['outcome'], RunIcon> = {
  passed: 'pass',
  failed: 'error',
  cancelled: 'circle-slash',
  interrupted: 'warning',
  running: 'sync~spin',
};

/** `450 ms`, `12.3 s`, `1m 04s`, `2h 05m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function runIcon(run: RunRecord): RunIcon {
  return ICONS[run.outcome];
}

/** `passed · 12.3 s`, `failed at step 2 · 3.1 s` (steps counted from 1), `interrupted`, `running`. */
export function runDescription(run: RunRecord): string {
  if (run.outcome === 'running' || run.outcome === 'interrupted') return run.outcome;
  const outcome = run.outcome === 'failed' && run.failedStep !== undefined ? `failed at step ${run.failedStep + 1}` : run.outcome;
  return run.durationMs !== undefined ? `${outcome} · ${formatDuration(run.durationMs)}` : outcome;
}

export function runTooltip(run: RunRecord, formatTime: (time: number) => string): string {
  const { header } = run;
  const lines = [clip(header.workflow), `Started: ${formatTime(run.startTime)}`, `Outcome: ${run.outcome}`];
  if (run.durationMs !== undefined) lines.push(`Duration: ${formatDuration(run.durationMs)}`);
  if (run.failedStep !== undefined) {
    const step = header.steps[run.failedStep];
    lines.push(`Failed step: ${run.failedStep + 1}${step ? `. ${clip(step.title)}` : ''}`);
  }
  if (run.reason) lines.push(`Reason: ${clip(run.reason)}`);
  if (header.scope !== 'workflow' && header.from !== undefined) {
    lines.push(header.scope === 'step' ? `Ran step ${header.from + 1} only` : `Ran from step ${header.from + 1}`);
  }
  for (const a of run.approvals.slice(0, MAX_TOOLTIP_APPROVALS)) {
    lines.push(clip(`Step ${a.step + 1} ${a.approved ? 'approved' : 'declined'}${a.approver ? ` by ${a.approver}` : ''}: ${a.reason}`));
  }
  const more = run.approvals.length - MAX_TOOLTIP_APPROVALS;
  if (more > 0) lines.push(`… and ${more} more approval${more === 1 ? '' : 's'} (open the run to see each step's)`);
  if (run.manualInterventions) lines.push(`Manual interventions: ${run.manualInterventions}`);
  if (run.droppedRecords) lines.push(`${run.droppedRecords} record(s) left out: over ${MAX_RECORDS_PER_STEP} for one step`);
  lines.push(`Log: ${run.file}`);
  return clip(lines.join('\n'), MAX_TOOLTIP_LENGTH);
}

/** `3 runs · 67% passed · mean 1m 04s`; only the count while no run has finished. */
export function workflowDescription(metrics: WorkflowMetrics): string {
  const parts = [`${metrics.runs} run${metrics.runs === 1 ? '' : 's'}`];
  if (metrics.successRate !== undefined) parts.push(`${percent(metrics.successRate)} passed`);
  if (metrics.meanDurationMs !== undefined) parts.push(`mean ${formatDuration(metrics.meanDurationMs)}`);
  return parts.join(' · ');
}

export function workflowTooltip(label: string, key: string, metrics: WorkflowMetrics): string {
  const lines = [clip(label), clip(key), `Runs: ${metrics.runs} (${metrics.finished} finished)`];
  lines.push(
    metrics.successRate !== undefined
      ? `Success rate: ${percent(metrics.successRate)} (${metrics.passed} of ${metrics.finished} finished runs passed)`
      : 'Success rate: no finished run yet',
  );
  if (metrics.meanDurationMs !== undefined) lines.push(`Mean duration: ${formatDuration(metrics.meanDurationMs)}`);
  lines.push(`Manual interventions: ${metrics.manualInterventions} (manual steps answered, approvals, continued runs)`);
  return lines.join('\n');
}

function runNode(run: RunRecord, formatTime: (time: number) => string): RunNode {
  return {
    kind: 'run',
    file: run.file,
    label: formatTime(run.startTime),
    description: runDescription(run),
    tooltip: runTooltip(run, formatTime),
    icon: runIcon(run),
    run,
  };
}

/** Groups runs by workflow; workflows ordered by their newest run, runs newest first. */
export function buildRunsTree(runs: readonly RunRecord[], options: RunsTreeOptions = {}): RunsWorkflowNode[] {
  const formatTime = options.formatTime ?? ((time: number) => new Date(time).toLocaleString());
  const sorted = [...runs].sort((a, b) => b.startTime - a.startTime);
  const groups = new Map<string, RunNode[]>();
  for (const run of sorted) {
    let key: string;
    let node: RunNode;
    try {
      key = run.header.relativePath;
      node = runNode(run, formatTime);
    } catch (e) {
      options.onError?.(run, e);
      continue;
    }
    const group = groups.get(key);
    if (group) group.push(node);
    else groups.set(key, [node]);
  }
  // A Map keeps insertion order: the first run of each group is its newest, met in newest-first order.
  return [...groups].map(([key, nodes]) => {
    const metrics = workflowMetrics(nodes.map((n) => n.run));
    const label = clip(nodes[0].run.header.workflow || key);
    return {
      kind: 'workflow',
      key,
      label,
      description: workflowDescription(metrics),
      tooltip: workflowTooltip(label, key, metrics),
      metrics,
      runs: nodes,
    };
  });
}

/** What the view shows of a workflow node and its runs, as a string: equal strings draw the same rows. */
function workflowNodeKey(node: RunsWorkflowNode): string {
  return JSON.stringify([node.key, node.label, node.description, node.tooltip, node.runs.map((r) => [r.file, r.label, r.description, r.tooltip, r.icon])]);
}

/** What the whole view shows, as a string (see `ViewContent`). */
export function runsTreeKey(nodes: readonly RunsWorkflowNode[]): string {
  return nodes.map(workflowNodeKey).join('\n');
}

/**
 * Brings the shown workflow nodes up to date with `next` in place and returns those that changed, so the view
 * refreshes only them: a run going on redraws its own workflow, and a row of another one stays clickable and
 * expandable meanwhile. Returns undefined when workflows came, went or changed order: then the whole view redraws.
 */
export function mergeRunsTree(shown: RunsWorkflowNode[], next: readonly RunsWorkflowNode[]): RunsWorkflowNode[] | undefined {
  if (shown.length !== next.length || shown.some((node, i) => node.key !== next[i].key)) return undefined;
  const changed: RunsWorkflowNode[] = [];
  shown.forEach((node, i) => {
    if (workflowNodeKey(node) === workflowNodeKey(next[i])) return;
    Object.assign(node, next[i]);
    changed.push(node);
  });
  return changed;
}
