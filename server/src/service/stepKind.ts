/**
 * How a step is named and what it asks of whoever runs it, decided once for the service, `wfs steps`, the Steps
 * view and the run engine. The label: "3. Deploy", "1.1 Tag the release", "A. Roll back" (an alternative's mark).
 * The kind: a decision
 * (a YAML `decision` step with routes), a person's step (marked manual, a human actor, or nothing in it that runs
 * here: prose, a block of comments, a language the runner does not run), or commands to run.
 */
import { RUNNABLE_LANGS } from './parse/vocabulary';

export type StepKind = 'command' | 'manual' | 'decision';

/** The parts of a step the kind depends on (the model's steps, `workflow/steps` data and the protocol's all fit). */
export interface StepShape {
  mode?: string;
  actor?: string;
  commands: readonly { lang: string; code: string }[];
  validation?: { commands: readonly { lang: string; code: string }[] };
  yaml?: { type?: string };
}

/** Whether a block is one the runner executes: a runnable language and some code. */
export function isRunnableCommand(c: { lang: string; code: string }): boolean {
  return RUNNABLE_LANGS.has(c.lang.toLowerCase()) && c.code.trim() !== '';
}

export function stepKind(step: StepShape): StepKind {
  if (step.yaml?.type?.toLowerCase() === 'decision' && step.commands.length === 0) return 'decision';
  if (step.mode === 'manual' || /\bhuman\b/i.test(step.actor ?? '')) return 'manual';
  if (!step.commands.some(isRunnableCommand) && !(step.validation?.commands ?? []).some(isRunnableCommand)) return 'manual';
  return 'command';
}

/**
 * The step's label: its number and title as `wfs steps` and the Steps view show them. A number that ends in its
 * own punctuation (`2.`, `3)`) or has levels (`1.1`) is shown as written; a bare number gets a dot. An anonymous
 * step (a YAML item with no name) is "(unnamed step)".
 */
export function stepLabel(step: { title: string; number?: number; numberText?: string }): string {
  const number = step.numberText ?? (step.number !== undefined ? String(step.number) : '');
  const title = step.title || '(unnamed step)';
  if (!number) return title;
  return /[.:)]$|\d\.\d/.test(number) ? `${number} ${title}` : `${number}. ${title}`;
}
