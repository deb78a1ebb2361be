/**
 * What shell.destructive-without-rollback and shell.destructive-without-validation share: the first command of each
 * step that the destructive-command table matches.
 */
import type { Field, Step, WorkflowModel } from '../model';
import type { LintOptions } from '../options';
import { destructiveMatch, destructiveTable, type DestructiveMatch } from '../shell/destructive';
import { commandsOf } from '../shell/scripts';
import type { RuleReport } from './types';

export interface DestructiveStep {
  step: Step;
  match: DestructiveMatch;
  start: number;
  end: number;
}

const found = new WeakMap<WorkflowModel, { table: readonly unknown[]; steps: DestructiveStep[] }>();

/** Each step with a command that changes state, and its first such command (once per model: two rules ask). */
export function destructiveSteps(model: WorkflowModel, options: LintOptions): DestructiveStep[] {
  if (!model.shell) return [];
  const table = destructiveTable(options.destructiveCommands);
  const hit = found.get(model);
  if (hit && hit.table === table) return hit.steps;
  const steps = findDestructiveSteps(model, table);
  found.set(model, { table, steps });
  return steps;
}

function findDestructiveSteps(model: WorkflowModel, table: ReturnType<typeof destructiveTable>): DestructiveStep[] {
  const out: DestructiveStep[] = [];
  for (const step of model.steps) {
    for (const block of step.commands) {
      const found = commandsOf(model, block).map((c) => ({ c, match: destructiveMatch(c.command, table) })).find((x) => x.match);
      if (found?.match) {
        out.push({ step, match: found.match, start: found.c.start, end: found.c.end });
        break;
      }
    }
  }
  return out;
}

/** A field that says something: text besides emphasis and punctuation, or a command. */
export function hasContent(field: Field | undefined): boolean {
  return !!field && (field.value.replace(/[\s*_`:]/g, '') !== '' || field.commands.length > 0);
}

/** The report for a destructive step without the field; its data lets the step rules' quick fix add the field. */
export function destructiveReport(d: DestructiveStep, field: 'Rollback' | 'Validation', model: WorkflowModel): RuleReport {
  const nl = model.text.indexOf('\n', d.start);
  const end = nl >= 0 && nl < d.end ? nl : d.end;
  const what = field === 'Rollback' ? 'how to undo it' : 'how to check it worked';
  return {
    message: `Step "${d.step.title}" runs \`${shorten(d.match.command)}\`, which changes state (\`${d.match.entry}\` in the destructive-command table), and has no ${field}: write down ${what}.`,
    start: d.start,
    end: model.text.charCodeAt(end - 1) === 13 ? end - 1 : end,
    data: { step: d.step.title, titleStart: d.step.titleStart, end: d.step.end, field, command: d.match.command, entry: d.match.entry },
  };
}

function shorten(s: string): string {
  const line = s.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
