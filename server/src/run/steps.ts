/**
 * The steps of a workflow as the runners read them (`workflow/steps` for the extension, `wfs run` in a terminal):
 * the service's step data with its offsets made ranges (0-based lines, UTF-16 characters). One function, so the
 * language server and the CLI give the engine the very same steps.
 */
import type { CommandInfo, Range, StepFieldInfo, StepInfo, StepsResult } from '../protocol';
import type { WorkflowModel } from '../service/model';
import type { LintOptions } from '../service/options';
import { workflowSteps, type StepCommandData, type StepData, type StepFieldData } from '../service/features/steps';
import { offsetToPosition } from '../service/text';

export function stepsResult(uri: string, model: WorkflowModel, version?: number, options: Pick<LintOptions, 'destructiveCommands'> = {}): StepsResult {
  const data = workflowSteps(model, options);
  const range = (start: number, end: number): Range => ({ start: offsetToPosition(model.lineStarts, start), end: offsetToPosition(model.lineStarts, end) });
  const command = (c: StepCommandData): CommandInfo => {
    const info: CommandInfo = { lang: c.lang, code: c.code, range: range(c.start, c.end), contentRange: range(c.contentStart, c.contentEnd), inline: c.inline, runnable: c.runnable };
    if (c.destructive) info.destructive = c.destructive.map((d) => ({ ...d }));
    return info;
  };
  const field = (f: StepFieldData): StepFieldInfo => ({ text: f.text, range: range(f.start, f.end), commands: f.commands.map(command) });
  const step = (s: StepData): StepInfo => {
    const info: StepInfo = {
      index: s.index,
      title: s.title,
      range: range(s.start, s.end),
      titleRange: range(s.titleStart, s.titleEnd),
      source: s.source,
      kind: s.kind,
      placeholders: [...s.placeholders],
      commands: s.commands.map(command),
    };
    if (s.reason) info.reason = s.reason;
    if (s.refusal !== undefined) info.refusal = s.refusal;
    if (s.approval !== undefined) info.approval = s.approval;
    if (s.routes) info.routes = { ...s.routes };
    if (s.branches) info.branches = s.branches.map((b) => ({ ...b }));
    if (s.number !== undefined) info.number = s.number;
    if (s.numberText !== undefined) info.numberText = s.numberText;
    if (s.mode) info.mode = s.mode;
    if (s.actor) info.actor = s.actor;
    if (s.duration) info.duration = s.duration;
    if (s.timeoutSeconds !== undefined) info.timeoutSeconds = s.timeoutSeconds;
    if (s.validation) info.validation = field(s.validation);
    if (s.rollback) info.rollback = field(s.rollback);
    if (s.yaml) {
      const { retry, conditions, ...rest } = s.yaml;
      info.yaml = { ...rest, conditions: conditions.map((c) => ({ kind: c.kind, target: c.target, range: range(c.start, c.end) })) };
      if (retry) {
        const { start, end, ...policy } = retry;
        info.yaml.retry = { ...policy, range: range(start, end) };
      }
    }
    if (s.skill) info.skill = { id: s.skill.id, range: range(s.skill.start, s.skill.end) };
    return info;
  };
  const result: StepsResult = { uri, format: data.format, steps: data.steps.map(step) };
  if (version !== undefined) result.version = version;
  if (data.title) result.title = data.title;
  if (data.risk) result.risk = data.risk;
  if (data.cwd) result.cwd = data.cwd;
  return result;
}
