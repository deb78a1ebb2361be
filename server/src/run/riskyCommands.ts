/**
 * Which commands need an approval before they run besides the destructive-command table: the risky patterns
 * (`wfs.run.riskyPatterns`) and how a command is matched against them. Pure.
 */
import { readShell } from './shellWords';

/**
 * None by default: the destructive-command table, read on the grammar's commands, covers rm, DROP TABLE, kubectl
 * delete and terraform apply, and does not fire on them inside quoted text (`echo "rm -rf is bad"`).
 */
export const DEFAULT_RISKY_PATTERNS: readonly string[] = [];

/**
 * Risky patterns. A string pattern is a sequence of words matched case-insensitively against the words of a command
 * as bash reads them (`r""m -rf x` is `rm -rf x`), and against the words of the text inside them, so
 * `sh -c "rm -rf x"`, `eval "r""m -rf x"` and `psql -c "DROP TABLE t"` match too: approvals are cheap, a missed one
 * is not. Indirection is not followed: `$cmd -rf x`, an alias, a function or a script that runs `rm -rf`. Its first
 * word may stand anywhere (`sudo rm`, `xargs rm`, `/bin/rm`); each next plain
 * word must follow, with only options between (`kubectl -n prod --context=a delete`, `terraform -chdir=x apply`:
 * a token starting with `-`, and one value after an option without `=`). An option word (`-rf`, `--force`) is a
 * set of flags that the options anywhere in the rest of that simple command must hold, in any order and split or
 * joined: `-rf` matches `-fr`, `-Rf`, `-rfv`, `-r -f` and `--recursive --force` (a long option also counts as its
 * first letter). A RegExp is tested on the command text as it is.
 */
type RiskyMatcher = (code: string, words: string[][]) => boolean;

const riskyMatchers = new Map<string, RiskyMatcher>();

function riskyMatcher(p: string | RegExp): RiskyMatcher {
  if (p instanceof RegExp) return (code) => p.test(code);
  let m = riskyMatchers.get(p);
  if (!m) {
    // The pattern's words are read like a command's, so quotes or `\` in a pattern cannot keep it from matching;
    // a quoted run of words (`"DROP TABLE"`) is those words.
    const tokens = readShell(p.toLowerCase()).commands.flat().flatMap((w) => w.split(/\s+/)).filter((w) => w !== '');
    const plain = tokens.filter((t) => !isOption(t));
    const options = tokens.filter(isOption);
    m = (_code, commands) => tokens.length > 0 && commands.some((words) => matchesCommand(words, plain, options));
    riskyMatchers.set(p, m);
  }
  return m;
}

function isOption(token: string): boolean {
  return /^-{1,2}[^-\s]/.test(token);
}

/** The flags an option stands for: `-rf` is r and f; `--force=yes` is force and f; `-chdir=x` is c, h, d, i, r. */
function optionFlags(option: string): string[] {
  const eq = option.indexOf('=');
  const name = eq === -1 ? option : option.slice(0, eq);
  if (name.startsWith('--')) return [name.slice(2), name[2]];
  return [...name.slice(1)];
}

/** How deep text inside text is read again: a quoted argument holding a quoted argument, and so on. */
const MAX_NESTING = 4;

/** A word that may hold a command of its own when another program reads it (`eval`, `sh -c`, `ssh host`, `psql -c`). */
const COMMAND_LIKE = /[\s;&|()<>$`'"\\]/;

/**
 * The words of a script, per simple command, lower-cased, as bash reads them (`shellWords`): quotes removed and
 * the pieces of a word joined (`r""m`, `-r"f"`), escapes and line continuations applied. Then, read again the same
 * way, the text a command may hand to another reader: each quoted piece, `$(...)`, backquotes, here-document bodies
 * and each word with blanks or shell syntax in it (`eval "r""m -rf x"` hands `rm -rf x` to eval). In that
 * nested text a line end is a blank, so a SQL statement over several lines still reads as one.
 */
function commandWords(code: string): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  const read = (text: string, nesting: number): void => {
    const key = `${nesting > 0 ? 'nested' : 'script'}:${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { commands, embedded } = readShell(text, { lineEndsCommand: nesting === 0 });
    for (const words of commands) out.push(words.map((w) => w.toLowerCase()));
    if (nesting >= MAX_NESTING) return;
    for (const e of embedded) if (e.trim() !== '') read(e, nesting + 1);
    for (const words of commands) for (const w of words) if (COMMAND_LIKE.test(w)) read(w, nesting + 1);
  };
  read(code, 0);
  return out;
}

/** A word of the command matches a plain pattern word: equal, or delimited by punctuation (`/bin/rm`, `sql:drop`). */
function wordIs(word: string, want: string): boolean {
  for (let at = word.indexOf(want); at >= 0; at = word.indexOf(want, at + 1)) {
    const before = at === 0 ? '' : word[at - 1];
    const after = word[at + want.length] ?? '';
    if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) return true;
  }
  return false;
}

/** Whether the options of a command hold a pattern's option: all letters of `-rf`; `--force` or its letter `f`. */
function holds(have: ReadonlySet<string>, option: string): boolean {
  const flags = optionFlags(option);
  return option.startsWith('--') ? flags.some((f) => have.has(f)) : flags.every((f) => have.has(f));
}

function matchesCommand(words: string[], plain: string[], options: string[]): boolean {
  // A pattern of options only (`--force`) is met by any simple command holding them.
  if (plain.length === 0) return options.every((o) => holds(new Set(words.filter(isOption).flatMap(optionFlags)), o));
  for (let start = 0; start < words.length; start++) {
    if (!wordIs(words[start], plain[0])) continue;
    let at = start + 1;
    let ok = true;
    for (const want of plain.slice(1)) {
      // Options (and one value after an option written without `=`) may stand between the words.
      let k = at;
      let valueAllowed = false;
      while (k < words.length && !wordIs(words[k], want)) {
        if (isOption(words[k])) valueAllowed = !words[k].includes('=');
        else if (valueAllowed) valueAllowed = false;
        else break;
        k++;
      }
      if (k >= words.length || !wordIs(words[k], want)) {
        ok = false;
        break;
      }
      at = k + 1;
    }
    if (!ok) continue;
    const have = new Set(words.slice(start + 1).filter(isOption).flatMap(optionFlags));
    if (options.every((o) => holds(have, o))) return true;
  }
  return false;
}

/** The risky pattern a command matches, as written in the settings, or undefined. */
export function riskyMatch(code: string, patterns: readonly (string | RegExp)[]): string | undefined {
  if (patterns.length === 0) return undefined;
  const words = commandWords(code);
  for (const p of patterns) if (riskyMatcher(p)(code, words)) return String(p);
  return undefined;
}

