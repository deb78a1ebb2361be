/**
 * The steps of a workflow as the runner needs them: each step's runnable commands, its validation and its
 * rollback, in offsets (the LSP layer converts them for `workflow/steps`). Pure: built from the model only,
 * so the client holds no logic about what a step is.
 */
import type { Command, Field, FormatId, Step, WorkflowModel } from '../model';
import { workflowFacts } from './catalog';

/** A runnable command: the model's own Command (offsets, code without fences or container indentation). */
export type StepCommandData = Command;

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

function command(c: Command): StepCommandData {
  return { lang: c.lang, code: c.code, start: c.start, end: c.end, contentStart: c.contentStart, contentEnd: c.contentEnd, inline: c.inline };
}

/**
 * A field's commands: its code blocks, or, when it has none and its whole value is one code span
 * ("**Validation**: `curl -f localhost/health`"), that span as an inline command. Code spans inside prose are
 * names and paths more often than commands, so they are not offered.
 */
function field(model: WorkflowModel, f: Field): StepFieldData {
  const commands = f.commands.map(command);
  if (commands.length === 0) {
    const m = /^(`+)([^`]|[^`][\s\S]*?[^`])\1\.?$/.exec(model.text.slice(f.valueStart, f.valueEnd));
    if (m) {
      const contentStart = f.valueStart + m[1].length;
      const code = m[2].trim();
      const lead = m[2].length - m[2].trimStart().length;
      commands.push({
        lang: 'sh', code, start: f.valueStart, end: contentStart + m[2].length + m[1].length,
        contentStart: contentStart + lead, contentEnd: contentStart + lead + code.length, inline: true,
      });
    }
  }
  return { text: f.value, start: f.labelStart, end: Math.max(f.valueEnd, f.labelEnd), commands };
}

/** The model's steps as runner data. Commands of the validation and rollback fields are not step commands. */
export function workflowSteps(model: WorkflowModel): StepsData {
  const facts = workflowFacts(model);
  const steps = model.steps.map((s, index): StepData => {
    const data: StepData = {
      index,
      title: s.title,
      start: s.start,
      end: s.end,
      titleStart: s.titleStart,
      titleEnd: s.titleEnd,
      source: s.source,
      commands: s.commands.map(command),
    };
    if (s.number !== undefined) data.number = s.number;
    if (s.numberText !== undefined) data.numberText = s.numberText;
    if (s.mode) data.mode = s.mode;
    if (s.actor) data.actor = s.actor;
    if (s.duration) data.duration = s.duration;
    if (s.validation) data.validation = field(model, s.validation);
    if (s.rollback) data.rollback = field(model, s.rollback);
    if (s.yaml) {
      const y = s.yaml;
      data.yaml = { name: y.name, conditions: y.conditions.map((c) => ({ kind: c.kind, target: c.target, start: c.start, end: c.end })) };
      if (y.id !== undefined) data.yaml.id = y.id;
      if (y.type !== undefined) data.yaml.type = y.type;
      if (y.retry) data.yaml.retry = { ...y.retry };
      if (y.fallback !== undefined) data.yaml.fallback = y.fallback;
    }
    if (s.skill) data.skill = { ...s.skill };
    return data;
  });
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
