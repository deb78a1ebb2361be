/**
 * The words the runners act on, in one place: which code-block languages run here, which are commands for
 * another shell (refused, never skipped), which route keys lead where on success and on failure, what makes a
 * step a person's, and which risk levels need an approval. The service resolves each step with them once
 * (features/steps.ts); the engine, the lenses, the CLI and the views read the result.
 */

/** Languages the runner executes, with bash (an untagged block of a step's commands included). */
export const RUNNABLE_LANGS: ReadonlySet<string> = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'ksh', 'shell-script', 'shellscript']);

/** Command blocks the runner cannot run here, and why: a step with one is refused, never passed having run nothing. */
const NOT_RUNNABLE: Record<string, string> = {
  powershell: 'PowerShell', pwsh: 'PowerShell', ps1: 'PowerShell',
  bat: 'a Windows batch file', cmd: 'a Windows batch file',
  fish: 'fish (not bash)',
  console: 'a console transcript (prompts and output)', 'shell-session': 'a console transcript (prompts and output)', terminal: 'a console transcript (prompts and output)',
};

/** Data and examples shown beside commands (a config file, expected output): not commands, so never refused. */
const EXAMPLES: ReadonlySet<string> = new Set([
  'json', 'jsonc', 'json5', 'yaml', 'yml', 'toml', 'ini', 'xml', 'html', 'csv', 'text', 'txt', 'plaintext', 'plain',
  'log', 'output', 'diff', 'patch', 'markdown', 'md', 'env', 'dotenv', 'properties',
]);

/** Whether the runner executes a block: a runnable language and some code. */
export function isRunnableBlock(block: { lang: string; code: string }): boolean {
  return RUNNABLE_LANGS.has(block.lang.toLowerCase()) && block.code.trim() !== '';
}

/** Why a command block cannot run here (it is not bash), or undefined when it can or is empty. */
export function blockRefusal(block: { lang: string; code: string }): string | undefined {
  const lang = block.lang.toLowerCase();
  if (block.code.trim() === '' || isRunnableBlock(block) || EXAMPLES.has(lang)) return undefined;
  return `its \`${block.lang}\` block is ${NOT_RUNNABLE[lang] ?? `in a language the runner does not run (${block.lang})`}; the runner runs bash`;
}

/** Route keys of a YAML step taken when it passes, and when it fails. */
export const SUCCESS_ROUTE_KEYS: ReadonlySet<string> = new Set(['success', 'on_success', 'next', 'then']);
export const FAILURE_ROUTE_KEYS: ReadonlySet<string> = new Set(['failure', 'on_failure', 'on_error']);

/** A person does the step: it is marked Manual, or its actor is a human. */
export function isManualMarked(step: { mode?: string; actor?: string }): boolean {
  return step.mode === 'manual' || /\bhuman\b/i.test(step.actor ?? '');
}

/** A risk level whose steps need an explicit approval. */
export function needsApproval(risk: string | undefined): boolean {
  return /^(high|critical)\b/i.test(risk ?? '');
}
