/**
 * The files a command block runs from. Pure (node:fs only), so the terminal executor and the benchmark's process
 * executor share it and unit tests run the very scripts the terminal runs.
 *
 * Why files: a multi-line block typed into a terminal is unreliable. With shell integration only the last line's
 * exit code is reported, and a heredoc makes the shell echo continuation prompts so VS Code never matches the
 * execution (measured in code-server 1.100). So the block is written to `<n>.sh` and the terminal gets ONE line,
 * `bash '<n>.wrap.sh'`, whatever the user's shell is:
 *
 * - `<n>.sh` is the block as written, run with `bash -e` (set -e: the first failing line fails the step; heredocs
 *   and `python3 -c "..."` quoting survive because nothing is retyped);
 * - `<n>.wrap.sh` records its process id (so Stop can kill the process group), opens and deletes the block, runs it
 *   in the step's working folder, then writes the exit code to `<n>.exit` (to a temporary name, then renamed, so a
 *   reader never sees half a number). The exit file is how the fallback (no shell integration) gets the exit code, and a backstop when
 *   the shell integration's end event does not arrive.
 *
 * The block's first line sets the placeholder values (hexadecimal escapes, see `runnableScript`), so it can hold
 * secrets: the folder is private (mkdtemp, 0700), files are 0600, and each execution's files are deleted when it
 * ends.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellQuote } from './shellQuote';

export interface ScriptFiles {
  /** The one line to type into the terminal. */
  commandLine: string;
  script: string;
  wrapper: string;
  /** Appears (complete) when the block has ended; holds its exit code. */
  exitFile: string;
  pidFile: string;
}

/** A private folder for one run's scripts. */
export function createScriptFolder(prefix = 'wfs-run-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Sets a UTF-8 LC_CTYPE unless the locale is UTF-8 already, or C/POSIX (single bytes: nothing to misread). */
export const UTF8_CTYPE =
  'case "${LC_ALL:-${LC_CTYPE:-${LANG:-C}}}" in *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*|C|POSIX) ;; ' +
  '*) if [ -n "${LC_ALL:-}" ]; then export LANG="$LC_ALL"; unset LC_ALL; fi; export LC_CTYPE=C.UTF-8 ;; esac';

/** The wrapper's text: pid, cd, the block under `bash -e`, the exit code written atomically. */
export function wrapperText(paths: { script: string; exitFile: string; pidFile: string }, cwd: string | undefined, label?: string, display?: string): string {
  const q = shellQuote;
  const fail = `{ printf '%s' 1 > ${q(paths.exitFile + '.tmp')}; mv -f -- ${q(paths.exitFile + '.tmp')} ${q(paths.exitFile)}; exit 1; }`;
  return [
    '# Written by Workflow Studio: runs one step block and records its exit code.',
    `printf '%s' "$$" > ${q(paths.pidFile)}`,
    // Which step this is, dimmed, so the terminal reads as a log of the run (the script itself is not echoed: its
    // first line sets the substituted values, secrets among them).
    label ? `printf '\\033[2m# %s\\033[0m\\n' ${q(label.replace(/[\x00-\x1f\x7f]/g, ' '))}` : '',
    // Then the commands it runs, as the run log records them (values by reference, secrets masked), so an operator
    // sees what ran and not only a script's path. Control characters of the document are shown as blanks.
    display ? `printf '\\033[2m%s\\033[0m\\n' ${q(withoutFinalNewlines(display).replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' '))}` : '',
    cwd ? `cd -- ${q(cwd)} || ${fail}` : '',
    // The block is opened, then deleted, then run from the open file: substituted values are on disk only for
    // the moment between writing and starting, even if VS Code crashes mid-step.
    `if ! exec 3< ${q(paths.script)}; then ${fail}; fi`,
    `rm -f -- ${q(paths.script)}`,
    // The block is UTF-8, like the document it comes from. In a GBK, Big5 or Shift-JIS locale a byte of a
    // multibyte character can take the `\` after it, changing what the block means: bash reads it as UTF-8.
    UTF8_CTYPE,
    'bash -e /dev/fd/3',
    'code=$?',
    `printf '%s' "$code" > ${q(paths.exitFile + '.tmp')} && mv -f -- ${q(paths.exitFile + '.tmp')} ${q(paths.exitFile)}`,
    'exit "$code"',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Writes the block and its wrapper as execution number `n` of the folder. */
export function writeScripts(folder: string, n: number, code: string, cwd: string | undefined, label?: string, display?: string): ScriptFiles {
  const script = join(folder, `${n}.sh`);
  const wrapper = join(folder, `${n}.wrap.sh`);
  const exitFile = join(folder, `${n}.exit`);
  const pidFile = join(folder, `${n}.pid`);
  writeFileSync(script, code.endsWith('\n') ? code : `${code}\n`, { mode: 0o600 });
  writeFileSync(wrapper, `${wrapperText({ script, exitFile, pidFile }, cwd, label, display)}\n`, { mode: 0o600 });
  // A leading space keeps the line out of bash's history when HISTCONTROL ignores spaces; nothing secret is on
  // it anyway (the values are in the files).
  return { commandLine: ` bash ${shellQuote(wrapper)}`, script, wrapper, exitFile, pidFile };
}

/** The exit code once the exit file is complete, else undefined. */
export function readExitCode(files: ScriptFiles): number | undefined {
  let text: string;
  try {
    text = readFileSync(files.exitFile, 'utf8').trim();
  } catch {
    return undefined;
  }
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

export function readPid(files: ScriptFiles): number | undefined {
  try {
    const text = readFileSync(files.pidFile, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

export function removeScripts(files: ScriptFiles): void {
  for (const f of [files.script, files.wrapper, files.exitFile, `${files.exitFile}.tmp`, files.pidFile]) rmSync(f, { force: true });
}

/** Ends the wrapper's process group (an interactive shell gives each job its own), or the process alone. */
export function killScript(files: ScriptFiles, signal: NodeJS.Signals = 'SIGKILL'): boolean {
  const pid = readPid(files);
  if (pid === undefined) return false;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
      return true;
    } catch {
      // Not a group leader (no job control), or gone already: try the process, then give up.
    }
  }
  return false;
}

/** Removes `ESC ] 633 ; ... BEL` (shell integration) and other OSC sequences, and CSI colour codes, from output. */
export function stripTerminalSequences(text: string): string {
  return text
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
    .replace(/\x1b\[[0-9;?]*[\x20-\x2f]*[\x40-\x7e]/g, '')
    .replace(/\r(?!\n)/g, '');
}

/** The text without the line breaks that end it (a scan: `/\n+$/` would rescan every run of them). */
export function withoutFinalNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end--;
  return text.slice(0, end);
}
