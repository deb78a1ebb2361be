/**
 * What a step is, decided once for the service, the rules, `wfs steps`, `wfs run` and the editor's runner: the
 * words the runners act on (which blocks run here, which are commands for another shell, route keys, what makes a
 * step a person's, which risk levels need an approval), the step's kind and its label. The service resolves each
 * step with them (features/steps.ts); the engine, the lenses, the CLI and the views read the result.
 *
 * The label: "3. Deploy", "1.1 Tag the release", "A. Roll back" (an alternative's mark). The kind: a decision (a
 * YAML `decision` step with routes), a person's step (marked manual, a human actor, or nothing in it that runs
 * here: prose, a block of comments, code for another tool such as SQL), parallel branches or a loop (run as
 * commands), or commands to run. A block for a shell the runner does not run (PowerShell, cmd, a console
 * transcript) is meant to be run: its step is refused (blockRefusal), never handed to a person or passed.
 */
import { RUNNABLE_LANGS, SHELL_LANGS } from './parse/vocabulary';

export type StepKind = 'command' | 'manual' | 'decision' | 'parallel' | 'loop';

interface Block {
  lang: string;
  code: string;
}

/** The parts of a step the kind depends on (the model's steps, `workflow/steps` data and the protocol's all fit). */
export interface StepShape {
  mode?: string;
  actor?: string;
  commands: readonly Block[];
  validation?: { commands: readonly Block[] };
  yaml?: { type?: string };
}

/** Whether a block is one the runner executes: a runnable language and some code. */
export function isRunnableCommand(c: Block): boolean {
  return RUNNABLE_LANGS.has(c.lang.toLowerCase()) && c.code.trim() !== '';
}

/** How the refusal names a shell the runner does not run; the others of SHELL_LANGS by their tag. */
const SHELL_NAMES: Record<string, string> = {
  powershell: 'PowerShell', pwsh: 'PowerShell', ps1: 'PowerShell', ps: 'PowerShell',
  bat: 'a Windows batch file', batch: 'a Windows batch file', cmd: 'a Windows batch file', dos: 'a Windows batch file',
  fish: 'fish (not bash)',
  console: 'a console transcript (prompts and output)', 'shell-session': 'a console transcript (prompts and output)', terminal: 'a console transcript (prompts and output)',
};

/** Why the runner cannot run a block that is meant to run (a shell other than bash), or undefined. */
export function blockRefusal(block: Block): string | undefined {
  const lang = block.lang.toLowerCase();
  if (block.code.trim() === '' || !SHELL_LANGS.has(lang) || RUNNABLE_LANGS.has(lang)) return undefined;
  return `its \`${block.lang}\` block is ${SHELL_NAMES[lang] ?? `for a shell the runner does not run (${block.lang})`}; the runner runs bash`;
}

/** Route keys of a YAML step taken when it passes, and when it fails. */
export const SUCCESS_ROUTE_KEYS: ReadonlySet<string> = new Set(['success', 'on_success', 'next', 'then']);
export const FAILURE_ROUTE_KEYS: ReadonlySet<string> = new Set(['failure', 'on_failure', 'on_error']);

/** A person does the step by the document's word: it is marked manual, or its actor is a human. */
export function isManualMarked(step: { mode?: string; actor?: string }): boolean {
  return step.mode === 'manual' || /\bhuman\b/i.test(step.actor ?? '');
}

/** A risk level whose steps need an explicit approval. */
export function needsApproval(risk: string | undefined): boolean {
  return /^(high|critical)\b/i.test(risk ?? '');
}

export function stepKind(step: StepShape): StepKind {
  const type = step.yaml?.type?.toLowerCase();
  if (type === 'decision' && step.commands.length === 0) return 'decision';
  if (isManualMarked(step)) return 'manual';
  const blocks = [...step.commands, ...(step.validation?.commands ?? [])];
  if (!blocks.some(isRunnableCommand) && !blocks.some((b) => blockRefusal(b) !== undefined)) return 'manual';
  if (type === 'parallel') return 'parallel';
  if (type === 'loop') return 'loop';
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
