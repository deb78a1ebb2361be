/**
 * The destructive-command table: commands that change state (delete, overwrite, deploy, restart), as data, matched
 * on the words of each simple command as the grammar reads them (quotes removed), so `echo "rm -rf x"` is an echo
 * and `kubectl -n prod delete ns prod` is a delete. Teams add entries in `.wfs.json` (`shell.destructiveCommands`).
 */
import { baseName, type ShellCommand } from './analyze';

export interface DestructiveCommandSpec {
  /**
   * The command's name, then words that must follow in order (options and one option value may stand between
   * them), and options it must hold anywhere: `kubectl delete`, `git push --force`. `*` in a word matches any run
   * of characters (`mkfs*`, `delete-*`); a word `**` skips any number of words (`aws ** delete-*`).
   */
  match: string;
  /** SQL statements that make the command destructive when they appear in its `-c`/`-e` argument or its input (a here-document). */
  sql?: string[];
}

export const DESTRUCTIVE_COMMANDS: readonly DestructiveCommandSpec[] = Object.freeze([
  { match: 'rm' },
  { match: 'mv' },
  { match: 'dd' },
  { match: 'mkfs*' },
  { match: 'kubectl delete' },
  { match: 'kubectl apply' },
  { match: 'kubectl rollout' },
  { match: 'kubectl scale' },
  { match: 'helm upgrade' },
  { match: 'helm uninstall' },
  { match: 'terraform apply' },
  { match: 'terraform destroy' },
  { match: 'psql', sql: ['DROP', 'TRUNCATE', 'DELETE'] },
  { match: 'mysql', sql: ['DROP', 'TRUNCATE', 'DELETE'] },
  { match: 'git push --force' },
  { match: 'git push -f' },
  { match: 'git push --force-with-lease' },
  { match: 'docker rm' },
  { match: 'docker container rm' },
  { match: 'docker system prune' },
  { match: 'systemctl stop' },
  { match: 'systemctl restart' },
  { match: 'aws ** delete-*' },
  { match: 'gcloud ** delete' },
]);

/** Commands that only read: the hover says so, and they never need an approval. */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  'ls', 'cat', 'less', 'head', 'tail', 'grep', 'egrep', 'find', 'echo', 'printf', 'pwd', 'whoami', 'id', 'date', 'df', 'du', 'ps', 'top',
  'stat', 'file', 'wc', 'diff', 'which', 'type', 'env', 'dig', 'nslookup', 'ping', 'curl', 'jq', 'true', 'test', '[',
  'kubectl get', 'kubectl describe', 'kubectl logs', 'kubectl top', 'kubectl version', 'kubectl config', 'git status', 'git log', 'git diff',
  'git show', 'git fetch', 'helm list', 'helm status', 'helm history', 'terraform plan', 'terraform show', 'terraform validate', 'docker ps',
  'docker logs', 'docker inspect', 'systemctl status', 'journalctl',
]);

export interface DestructiveMatch {
  /** The table entry, as written (`kubectl delete`). */
  entry: string;
  /** The command's words, for messages (`kubectl delete ns prod`). */
  command: string;
}

interface CompiledSpec {
  entry: string;
  name: string;
  words: string[];
  options: string[];
  /** Statement words, upper-cased. */
  sql?: ReadonlySet<string>;
}

const compiled = new WeakMap<readonly DestructiveCommandSpec[], CompiledSpec[]>();

/**
 * A table word against a command's word, case-insensitively: `*` is any run of characters, everything else is
 * literal. A scan that goes back only to the last `*` (no regular expression built from config text).
 */
export function wordMatches(pattern: string, word: string): boolean {
  const p = pattern.toLowerCase();
  const w = word.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < w.length) {
    if (i < p.length && p[i] !== '*' && p[i] === w[j]) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

function compile(table: readonly DestructiveCommandSpec[]): CompiledSpec[] {
  let specs = compiled.get(table);
  if (specs) return specs;
  specs = table.map((spec) => {
    const tokens = spec.match.trim().split(/\s+/);
    const c: CompiledSpec = {
      entry: spec.match.trim(),
      name: tokens[0],
      words: tokens.slice(1).filter((t) => !t.startsWith('-')),
      options: tokens.slice(1).filter((t) => t.startsWith('-')),
    };
    if (spec.sql && spec.sql.length > 0) c.sql = new Set(spec.sql.flatMap((w) => w.toUpperCase().split(/\s+/)).filter((w) => w !== ''));
    return c;
  });
  compiled.set(table, specs);
  return specs;
}

const matches = new WeakMap<readonly DestructiveCommandSpec[], WeakMap<ShellCommand, DestructiveMatch | null>>();

/** The entry of the table a command matches, or undefined (kept per command: analyses outlive document versions). */
export function destructiveMatch(command: ShellCommand, table: readonly DestructiveCommandSpec[] = DESTRUCTIVE_COMMANDS): DestructiveMatch | undefined {
  let known = matches.get(table);
  if (!known) matches.set(table, (known = new WeakMap()));
  let m = known.get(command);
  if (m === undefined) known.set(command, (m = matchTable(command, table) ?? null));
  return m ?? undefined;
}

function matchTable(command: ShellCommand, table: readonly DestructiveCommandSpec[]): DestructiveMatch | undefined {
  const words = command.words.map((w) => w.text);
  if (words.length === 0) return undefined;
  const name = baseName(words[0]);
  const args = words.slice(1);
  const positional = args.filter((w) => !w.startsWith('-'));
  for (const spec of compile(table)) {
    if (!wordMatches(spec.name, name)) continue;
    if (!matchWords(spec.words, positional, 0, 0)) continue;
    if (!spec.options.every((o) => holdsOption(args, o))) continue;
    if (spec.sql && !sqlIn(spec.sql, args, command.input)) continue;
    return { entry: spec.entry, command: words.join(' ') };
  }
  return undefined;
}

/** Words in order; one word (an option's value) may stand before each, and `**` skips any number. */
function matchWords(pattern: readonly string[], words: readonly string[], p: number, w: number): boolean {
  if (p === pattern.length) return true;
  const want = pattern[p];
  if (want === '**') {
    for (let k = w; k <= words.length; k++) if (matchWords(pattern, words, p + 1, k)) return true;
    return false;
  }
  for (let k = w; k < Math.min(words.length, w + 2); k++) if (wordMatches(want, words[k]) && matchWords(pattern, words, p + 1, k + 1)) return true;
  return false;
}

/** `--force` is held by `--force` or `--force=…`; `-f` by `-f` or a cluster of short options holding f (`-fu`). */
function holdsOption(args: readonly string[], option: string): boolean {
  if (option.startsWith('--')) return args.some((a) => a === option || a.startsWith(`${option}=`));
  const letter = option.slice(1);
  return args.some((a) => a === option || (letter.length === 1 && /^-[A-Za-z]+$/.test(a) && a.includes(letter)));
}

/** Statements in the argument of `-c`/`-e`/`--command`/`--execute`, or in the command's input. */
function sqlIn(sql: ReadonlySet<string>, args: readonly string[], input: readonly string[]): boolean {
  const has = (text: string): boolean => text.toUpperCase().split(/[^A-Z_]+/).some((w) => sql.has(w));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === '-c' || a === '-e' || a === '--command' || a === '--execute') && i + 1 < args.length && has(args[i + 1])) return true;
    const eq = /^--(?:command|execute)=/.exec(a);
    if (eq && has(a.slice(eq[0].length))) return true;
  }
  return input.some(has);
}

/** Whether a command only reads (the table of read-only commands: a name, or a name and its subcommand). */
export function isReadOnly(command: ShellCommand): boolean {
  const words = command.words.map((w) => w.text);
  if (words.length === 0) return false;
  const name = baseName(words[0]);
  if (READ_ONLY_COMMANDS.has(name)) return true;
  // The subcommand, with one option value allowed before it (`kubectl -n prod get`).
  return words.slice(1).filter((w) => !w.startsWith('-')).slice(0, 2).some((sub) => READ_ONLY_COMMANDS.has(`${name} ${sub}`));
}

/** The table in force: the built-in entries and those of `.wfs.json`. */
export function destructiveTable(extra: readonly DestructiveCommandSpec[] | undefined): readonly DestructiveCommandSpec[] {
  if (!extra || extra.length === 0) return DESTRUCTIVE_COMMANDS;
  return tables.get(extra) ?? (tables.set(extra, [...DESTRUCTIVE_COMMANDS, ...extra]), tables.get(extra)!);
}
const tables = new WeakMap<readonly DestructiveCommandSpec[], readonly DestructiveCommandSpec[]>();
