/**
 * `wfs steps`: the steps of each document as the model reads them, so a reader can see why a heading is or is not
 * a step. The data is `workflow/steps`' (features/steps.ts) with 1-based lines; the human form is one block per
 * step, the JSON form an array with one entry per file.
 */
import type { WorkflowModel } from '../service/model';
import type { StepCommandData, StepData, StepFieldData, StepsData } from '../service/features/steps';
import { stepLabel } from '../service/stepKind';
import { lineAt } from '../service/text';

export interface StepsCommand {
  /** The block's language as written ('' for an untagged block). */
  lang: string;
  line: number;
  code: string;
  inline: boolean;
  /** Whether the runner executes it (a shell block); a PowerShell or SQL block is the reader's to run. */
  runnable: boolean;
  /** The commands in it that change state (the destructive-command table): the runner asks before they run. */
  destructive?: { command: string; entry: string }[];
}

export interface StepsField {
  line: number;
  text: string;
  commands: StepsCommand[];
}

export interface StepsEntry {
  index: number;
  number?: string;
  title: string;
  line: number;
  /** Where it is written: heading, list, paragraph, table, yaml or skill. */
  source: string;
  kind: StepData['kind'];
  /** Why the model reads it as a step. */
  reason?: string;
  mode?: string;
  actor?: string;
  approval?: string;
  /** Why the runner refuses it (a block for a shell it does not run). */
  refusal?: string;
  commands: StepsCommand[];
  validation?: StepsField;
  rollback?: StepsField;
}

export interface StepsReport {
  filePath: string;
  format: string;
  title?: string;
  steps: StepsEntry[];
}

export function toStepsReport(filePath: string, model: WorkflowModel, data: StepsData): StepsReport {
  const line = (offset: number): number => lineAt(model.lineStarts, offset) + 1;
  const command = (c: StepCommandData): StepsCommand => ({
    lang: c.lang,
    line: line(c.start),
    code: c.code,
    inline: c.inline,
    runnable: c.runnable,
    ...(c.destructive ? { destructive: c.destructive.map((d) => ({ command: d.command, entry: d.entry })) } : {}),
  });
  const field = (f: StepFieldData): StepsField => ({ line: line(f.start), text: f.text, commands: f.commands.map(command) });
  const steps = data.steps.map((s): StepsEntry => {
    const entry: StepsEntry = { index: s.index, title: s.title, line: line(s.start), source: s.source, kind: s.kind, commands: s.commands.map(command) };
    const number = s.numberText ?? (s.number !== undefined ? String(s.number) : undefined);
    if (number !== undefined) entry.number = number;
    if (s.reason) entry.reason = s.reason;
    if (s.mode) entry.mode = s.mode;
    if (s.actor) entry.actor = s.actor;
    if (s.approval) entry.approval = s.approval;
    if (s.refusal) entry.refusal = s.refusal;
    if (s.validation) entry.validation = field(s.validation);
    if (s.rollback) entry.rollback = field(s.rollback);
    return entry;
  });
  const report: StepsReport = { filePath, format: data.format, steps };
  if (data.title) report.title = data.title;
  return report;
}

/**
 * One block per file: its path, format and step count, then each step with its line, kind and why it is one, its
 * commands (language, line, first line of code) and its validation and rollback.
 */
export function formatStepsHuman(reports: readonly StepsReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    const count = r.steps.length === 1 ? '1 step' : `${r.steps.length} steps`;
    out.push(`${r.filePath}  (${r.format}${r.title ? `, "${r.title}"` : ''}): ${count}`);
    if (r.steps.length === 0) out.push(r.format === 'reference' ? '  not a workflow: a README, index or reference page has no steps' : '  this workflow has no steps');
    for (const s of r.steps) {
      const label = stepLabel({ title: s.title, numberText: s.number });
      const kind = s.kind === 'manual' ? `manual${s.actor ? ` (actor: ${s.actor})` : s.mode === 'manual' ? '' : ': nothing in it runs here'}` : s.kind;
      out.push(`  ${label}`);
      out.push(`    line ${s.line}, ${s.source}, ${kind}${s.reason ? ` — ${s.reason}` : ''}`);
      for (const c of s.commands) out.push(`    run      ${describe(c)}`);
      out.push(`    validate ${s.validation ? describeField(s.validation) : 'none'}`);
      out.push(`    rollback ${s.rollback ? describeField(s.rollback) : 'none'}`);
      if (s.approval) out.push(`    approval ${s.approval}`);
      if (s.refusal) out.push(`    refused  ${s.refusal}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function describe(c: StepsCommand): string {
  const first = c.code.split('\n', 1)[0];
  const more = c.code.includes('\n') ? ` (+${c.code.split('\n').length - 1} lines)` : '';
  const lang = c.lang || (c.inline ? 'inline' : 'untagged');
  return `line ${c.line}  ${lang}${c.runnable ? '' : ', not run here'}: ${first}${more}`;
}

function describeField(f: StepsField): string {
  if (f.commands.length > 0) return f.commands.map(describe).join('; ');
  const first = f.text.split('\n', 1)[0];
  return `line ${f.line}: ${first.length > 80 ? first.slice(0, 79) + '…' : first || '(empty)'}`;
}
