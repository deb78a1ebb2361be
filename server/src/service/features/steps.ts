/**
 * The steps of a workflow as the runners need them, each resolved once: its kind (commands, a person's, a
 * decision, parallel branches, a loop), each block with its language and whether it runs here, validation,
 * rollback, retries, routes as step indices, why it needs an approval, why the runner must refuse it, and the
 * placeholders it asks for. In offsets (run/steps.ts makes them ranges for `workflow/steps` and `wfs run`).
 * Pure: built from the model only, so the client, the CLI and the engine hold no logic about what a step is.
 */
import type { Command, Field, FormatId, Step, WorkflowModel } from '../model';
import { placeholders } from '../../run/variables';
import { blockRefusal, FAILURE_ROUTE_KEYS, isRunnableCommand, needsApproval, stepKind, SUCCESS_ROUTE_KEYS, type StepKind } from '../stepKind';
import { classifyTarget, durationSeconds } from '../parse/yamlDefinition';
import { workflowFacts } from './catalog';
import type { LintOptions } from '../options';
import { destructiveMatch, destructiveTable, type DestructiveCommandSpec } from '../shell/destructive';
import { commandsOf } from '../shell/scripts';

/**
 * A command block: the model's own Command (offsets, code without fences or container indentation), whether it
 * runs here, and the commands in it that change state (the destructive-command table, read with the bash grammar).
 */
export type StepCommandData = Command & { runnable: boolean; destructive?: { command: string; entry: string }[] };

export type { StepKind };

/** Where a route leads: the step's name as written, and its index (null: the end of the run, or no such step). */
export interface RouteData {
  to: string;
  index: number | null;
}

export interface StepFieldData {
  text: string;
  start: number;
  end: number;
  commands: StepCommandData[];
}

export interface StepData {
  index: number;
  number?: number;
  numberText?: string;
  title: string;
  start: number;
  end: number;
  titleStart: number;
  titleEnd: number;
  source: Step['source'];
  /** What the step asks of whoever runs it (see stepKind). */
  kind: StepKind;
  /** Why the model reads it as a step ("a numbered heading among numbered headings"). */
  reason?: string;
  /** Why the runner refuses this step (a block it cannot run here); the editor reports the same. */
  refusal?: string;
  /** Why running it needs an explicit approval (the workflow's risk level); risky commands are matched at run time. */
  approval?: string;
  /** Where the run goes on when the step passes and when it fails (YAML routes). */
  routes?: { success?: RouteData; failure?: RouteData };
  /** A decision's branches, in order, each once. */
  branches?: RouteData[];
  /** The placeholders its runnable blocks ask for, in order of first appearance. */
  placeholders: string[];
  mode?: Step['mode'];
  actor?: string;
  duration?: string;
  /** How long one attempt may take, in seconds (`timeout` in YAML, a `**Timeout**:` line). */
  timeoutSeconds?: number;
  commands: StepCommandData[];
  validation?: StepFieldData;
  rollback?: StepFieldData;
  yaml?: {
    name: string;
    id?: string;
    type?: string;
    conditions: { kind: string; target: string; start: number; end: number }[];
    retry?: { maxAttempts?: number; backoff?: string; delaySeconds?: number; start: number; end: number };
    fallback?: string;
  };
  skill?: { id: string; start: number; end: number };
}

export interface StepsData {
  format: FormatId;
  title?: string;
  /** Lower-cased risk level from the index entry or the front matter. */
  risk?: string;
  /** The working folder the document asks its commands to run in (`cwd` or `working_directory`), as written. */
  cwd?: string;
  steps: StepData[];
}

function command(model: WorkflowModel, table: readonly DestructiveCommandSpec[], c: Command): StepCommandData {
  const data: StepCommandData = { lang: c.lang, code: c.code, start: c.start, end: c.end, contentStart: c.contentStart, contentEnd: c.contentEnd, inline: c.inline, runnable: isRunnableCommand(c) };
  const destructive = data.runnable ? destructiveCommands(model, c, table) : [];
  if (destructive.length > 0) data.destructive = destructive;
  return data;
}

/** The commands of a block the table matches, each once. */
function destructiveCommands(model: WorkflowModel, c: Command, table: readonly DestructiveCommandSpec[]): { command: string; entry: string }[] {
  const out: { command: string; entry: string }[] = [];
  for (const { command: cmd } of commandsOf(model, c)) {
    const m = destructiveMatch(cmd, table);
    if (m && !out.some((o) => o.command === m.command)) out.push({ command: m.command, entry: m.entry });
  }
  return out;
}

/**
 * A field's commands: its code blocks, or, when it has none and its whole value is one code span
 * ("**Validation**: `curl -f localhost/health`"), that span as an inline command. Code spans inside prose are
 * names and paths more often than commands, so they are not offered.
 */
function field(model: WorkflowModel, table: readonly DestructiveCommandSpec[], f: Field): StepFieldData {
  const commands = f.commands.map((c) => command(model, table, c));
  if (commands.length === 0) {
    const m = /^(`+)([^`]|[^`][\s\S]*?[^`])\1\.?$/.exec(model.text.slice(f.valueStart, f.valueEnd));
    if (m) {
      const contentStart = f.valueStart + m[1].length;
      const code = m[2].trim();
      const lead = m[2].length - m[2].trimStart().length;
      const inline: Command = {
        lang: 'sh', code, start: f.valueStart, end: contentStart + m[2].length + m[1].length,
        contentStart: contentStart + lead, contentEnd: contentStart + lead + code.length, inline: true,
      };
      commands.push({ ...command(model, table, inline), runnable: code !== '' });
    }
  }
  return { text: f.value, start: f.labelStart, end: Math.max(f.valueEnd, f.labelEnd), commands };
}

/** The model's steps as runner data. Commands of the validation and rollback fields are not step commands. */
export function workflowSteps(model: WorkflowModel, options: Pick<LintOptions, 'destructiveCommands'> = {}): StepsData {
  const facts = workflowFacts(model);
  const table = destructiveTable(options.destructiveCommands);
  const steps = model.steps.map((s, index): StepData => {
    const data: StepData = {
      index,
      title: s.title,
      start: s.start,
      end: s.end,
      titleStart: s.titleStart,
      titleEnd: s.titleEnd,
      source: s.source,
      kind: 'command',
      placeholders: [],
      commands: s.commands.map((c) => command(model, table, c)),
    };
    if (s.number !== undefined) data.number = s.number;
    if (s.numberText !== undefined) data.numberText = s.numberText;
    if (s.mode) data.mode = s.mode;
    if (s.actor) data.actor = s.actor;
    if (s.duration) data.duration = s.duration;
    if (s.validation) data.validation = field(model, table, s.validation);
    if (s.rollback) data.rollback = field(model, table, s.rollback);
    if (s.yaml) {
      const y = s.yaml;
      data.yaml = { name: y.name, conditions: y.conditions.map((c) => ({ kind: c.kind, target: c.target, start: c.start, end: c.end })) };
      if (y.id !== undefined) data.yaml.id = y.id;
      if (y.type !== undefined) data.yaml.type = y.type;
      if (y.retry) data.yaml.retry = { ...y.retry };
      if (y.fallback !== undefined) data.yaml.fallback = y.fallback;
    }
    if (s.skill) data.skill = { ...s.skill };
    const timeout = stepTimeoutSeconds(s);
    if (timeout !== undefined) data.timeoutSeconds = timeout;
    const reason = s.reason ?? (s.source === 'yaml' ? 'an item of the steps list' : s.source === 'skill' ? 'a skill of a **Sequence**' : undefined);
    if (reason) data.reason = reason;
    return data;
  });
  resolveSteps(steps, facts.risk?.toLowerCase());
  const result: StepsData = { format: model.format, steps };
  if (facts.title) result.title = facts.title;
  if (facts.risk) result.risk = facts.risk.toLowerCase();
  const cwd = workingDirectory(model);
  if (cwd) result.cwd = cwd;
  return result;
}

/** `cwd` or `working_directory` from the front matter, or the top level of a YAML definition. */
function workingDirectory(model: WorkflowModel): string | undefined {
  for (const data of [model.frontmatter?.data, model.yaml?.data]) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) continue;
    const d = data as Record<string, unknown>;
    for (const key of ['cwd', 'working_directory']) {
      const v = d[key];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
  }
  return undefined;
}

/** A step's own time limit: YAML `timeout`, or a `**Timeout**: 5m` line (seconds, or with a unit); none when unreadable. */
function stepTimeoutSeconds(step: Step): number | undefined {
  if (step.yaml) return step.yaml.timeoutSeconds;
  const field = step.fields.find((f) => f.key === 'timeout');
  const text = field?.value.split('\n', 1)[0].replace(/[`*_]/g, '').trim();
  const seconds = text ? durationSeconds(text) : undefined;
  return seconds !== undefined && seconds > 0 ? seconds : undefined;
}

/** The parts of a step `resolveSteps` reads and writes: the service's StepData and the protocol's StepInfo both fit. */
export interface ResolvableStep {
  kind: StepKind;
  mode?: string;
  actor?: string;
  commands: { lang: string; code: string; runnable: boolean }[];
  validation?: { commands: { lang: string; code: string; runnable: boolean }[] };
  rollback?: { commands: { lang: string; code: string; runnable: boolean }[] };
  yaml?: { name: string; id?: string; type?: string; conditions: { kind: string; target: string }[]; fallback?: string };
  refusal?: string;
  approval?: string;
  routes?: { success?: RouteData; failure?: RouteData };
  branches?: RouteData[];
  placeholders: string[];
}

/** End words that say the run fails: on a success route they stay a route nowhere, which the runner refuses. */
const FAILING_END_WORDS = /^(?:abort|fail(?:ed|ure)?|error|halt|terminate)$/i;

/**
 * What each step is, from its parts, once: the runners only read it. Routes name steps by YAML id, then name;
 * `end` (or a name no step has) leads nowhere, which yaml.unknown-target reports in the editor. Exported for the
 * engine's tests, which build steps by hand and resolve them here.
 */
export function resolveSteps(steps: ResolvableStep[], risk: string | undefined): void {
  const indexOf = (name: string): number | null => {
    const byId = steps.findIndex((s) => s.yaml?.id === name);
    if (byId >= 0) return byId;
    const byName = steps.findIndex((s) => s.yaml?.name === name);
    return byName >= 0 ? byName : null;
  };
  const routeTo = (name: string): RouteData => ({ to: name, index: indexOf(name) });
  const stepNames = new Set<string>();
  for (const s of steps) for (const n of [s.yaml?.id, s.yaml?.name]) if (n !== undefined) stepNames.add(n);
  /**
   * A route as the runners follow it. Route keywords are not step names (yaml.unknown-target's reading):
   * `next_step`, `continue`, `skip`... on success is the default (no route), on failure it goes on with the next
   * step; `end`, `stop`, `done`... on success ends the run; `fail`, `abort`, `retry`, `rollback`... on failure is
   * the default failure handling (no route).
   */
  const routeOf = (position: number, name: string, on: 'success' | 'failure'): RouteData | undefined => {
    const kind = classifyTarget(name, stepNames);
    if (kind === 'next') {
      if (on === 'success') return undefined;
      return position + 1 < steps.length ? { to: name, index: position + 1 } : { to: 'end', index: null };
    }
    if (kind === 'end') {
      if (on === 'failure') return undefined;
      return FAILING_END_WORDS.test(name) ? routeTo(name) : { to: 'end', index: null };
    }
    return routeTo(name);
  };
  for (const [position, step] of steps.entries()) {
    for (const b of [...step.commands, ...(step.validation?.commands ?? []), ...(step.rollback?.commands ?? [])]) b.runnable = isRunnableCommand(b);
    step.kind = stepKind(step);
    const blocks = [...(step.kind === 'manual' ? [] : step.commands), ...(step.validation?.commands ?? []), ...(step.rollback?.commands ?? [])];
    const refusal = blocks.map(blockRefusal).find((r) => r !== undefined);
    if (refusal) step.refusal = refusal;
    if (needsApproval(risk) && step.kind !== 'decision' && step.kind !== 'manual' && step.commands.some((c) => c.runnable)) {
      step.approval = `the workflow's risk level is ${risk}`;
    }
    const names = new Set<string>();
    for (const b of blocks) if (b.runnable) for (const name of placeholders(b.code)) names.add(name);
    step.placeholders = [...names];
    if (step.yaml) {
      const conditions = step.yaml.conditions;
      const success = conditions.find((c) => SUCCESS_ROUTE_KEYS.has(c.kind))?.target;
      const failure = conditions.find((c) => FAILURE_ROUTE_KEYS.has(c.kind))?.target ?? step.yaml.fallback;
      const onSuccess = success !== undefined ? routeOf(position, success, 'success') : undefined;
      const onFailure = failure !== undefined ? routeOf(position, failure, 'failure') : undefined;
      if (onSuccess !== undefined || onFailure !== undefined) {
        step.routes = {};
        if (onSuccess !== undefined) step.routes.success = onSuccess;
        if (onFailure !== undefined) step.routes.failure = onFailure;
      }
      if (step.kind === 'decision') step.branches = [...new Set(conditions.map((c) => c.target))].map(routeTo);
    }
  }
}
