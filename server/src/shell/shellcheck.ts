/**
 * Optional shellcheck findings: when the setting (`wfs.shellcheck.enabled`, or `"shellcheck": true` in `.wfs.json`)
 * is on and a `shellcheck` binary is on PATH, each shell block's script is given to it once (results cached by the
 * script's text) and its findings are handed to the service, whose rule `shell.shellcheck` maps them to the document.
 */
import { spawnSync } from 'node:child_process';
import type { LintOptions, WorkflowModel } from '../service';
import type { ShellcheckFinding } from '../service/options';

/** A run longer than this is stopped: a hung linter must not hold up diagnostics. */
const TIMEOUT_MS = 10_000;
/** Its JSON is read up to this size. */
const MAX_OUTPUT = 4 * 1024 * 1024;

const cache = new Map<string, ShellcheckFinding[]>();
let missing: string | undefined;

/** The findings of a script (an empty list when shellcheck is missing or fails; `missingShellcheck` says why). */
export function shellcheckScript(code: string, binary = 'shellcheck'): ShellcheckFinding[] {
  const key = `${binary}\0${code}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = spawnSync(binary, ['--format=json1', '--shell=bash', '-'], { input: code, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT });
  if (r.error) {
    missing = `${binary} could not be run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`;
    return [];
  }
  missing = undefined;
  const findings = parseFindings(r.stdout);
  cache.set(key, findings);
  if (cache.size > 2000) cache.delete(cache.keys().next().value as string);
  return findings;
}

/** Why the last run found nothing to run, if it did not. */
export function missingShellcheck(): string | undefined {
  return missing;
}

/** shellcheck's `json1` output (columns count a tab as one, like our offsets); anything else gives no findings. */
export function parseFindings(stdout: string): ShellcheckFinding[] {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return [];
  }
  const comments = (data as { comments?: unknown }).comments;
  if (!Array.isArray(comments)) return [];
  const out: ShellcheckFinding[] = [];
  for (const c of comments as Record<string, unknown>[]) {
    const { line, endLine, column, endColumn, level, code, message } = c;
    if (![line, endLine, column, endColumn, code].every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0) || typeof message !== 'string') continue;
    out.push({ line: line as number, endLine: endLine as number, column: column as number, endColumn: endColumn as number, level: typeof level === 'string' ? level : 'warning', code: code as number, message });
  }
  return out;
}

/** The options with the shellcheck findings of the model's shell blocks, when the options ask for them. */
export function withShellcheck(options: LintOptions, model: WorkflowModel, binary?: string): LintOptions {
  if (!options.shellcheck || !model.shell || model.shell.scripts.length === 0) return options;
  const findings: Record<string, ShellcheckFinding[]> = Object.create(null) as Record<string, ShellcheckFinding[]>;
  for (const s of model.shell.scripts) if (!Object.hasOwn(findings, s.code)) findings[s.code] = shellcheckScript(s.code, binary);
  return { ...options, shellcheckFindings: findings };
}
