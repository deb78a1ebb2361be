/**
 * Placeholders in step commands (`<VAR>`, `${VAR}`, `{{var}}`) and their substitution; `.env` files. Pure.
 */
import { quoteFor, refusal, scanShell, type HeredocBody } from './shellQuote';

// Secret names and masking have modules of their own; these names stay importable from here.
export { isSecretName } from './secretNames';
export { masker } from './masking';

/**
 * `<VAR>` only in capitals, so `<div>` in a heredoc or `<file` redirections are not placeholders;
 * `${VAR}` only in its plain form (`${VAR:-x}` is shell); `{{ var }}` but not GitHub's `${{ ... }}`. A placeholder
 * never spans lines, so it never straddles the end of a here-document body.
 */
const PLACEHOLDER = /<([A-Z][A-Z0-9_]*)>|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|(?<!\$)\{\{[ \t]*([A-Za-z_][\w.-]*)[ \t]*\}\}/y;

/** A placeholder whose value cannot be put where it stands without becoming more than data: the step must not run. */
export class UnsafeSubstitutionError extends Error {
  constructor(readonly variable: string, readonly why: string) {
    super(`cannot safely substitute ${variable} here: ${why}`);
    this.name = 'UnsafeSubstitutionError';
  }
}

/**
 * `${NAME}` is also ordinary shell syntax: names the shell sets or commonly exports are left to it, and so are
 * names the script assigns itself (see `assignedNames`).
 */
export const SHELL_VARIABLES: ReadonlySet<string> = new Set([
  'HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'TERM', 'HOSTNAME',
  'UID', 'EUID', 'PPID', 'RANDOM', 'LINENO', 'SECONDS', 'IFS', 'BASH_SOURCE', 'FUNCNAME', 'OSTYPE', 'CI', 'EDITOR',
]);

/** Names a script gives a value itself (`NAME=`, `export NAME=`, `for NAME in`, `read NAME`): not placeholders. */
export function assignedNames(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/(?:^|[\s;&|(])(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?([A-Za-z_]\w*)\+?=/g)) out.add(m[1]);
  for (const m of code.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)) out.add(m[1]);
  for (const m of code.matchAll(/\bread\s+(?:-\w+\s+)*([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)/g)) for (const n of m[1].split(/\s+/)) out.add(n);
  return out;
}

interface Match {
  name: string;
  length: number;
}

function matchAt(code: string, offset: number, skip: ReadonlySet<string>, local: Set<string>): Match | undefined {
  PLACEHOLDER.lastIndex = offset;
  const m = PLACEHOLDER.exec(code);
  if (!m) return undefined;
  if (m[2] !== undefined && (skip.has(m[2]) || local.has(m[2]))) return undefined;
  return { name: m[1] ?? m[2] ?? m[3], length: m[0].length };
}

/** The placeholder names of a script, in order of first appearance. */
export function placeholders(code: string, shellVariables: ReadonlySet<string> = SHELL_VARIABLES): string[] {
  const local = assignedNames(code);
  const names: string[] = [];
  scanShell(code, (offset) => {
    const m = matchAt(code, offset, shellVariables, local);
    if (!m) return 0;
    if (!names.includes(m.name)) names.push(m.name);
    return m.length;
  });
  return names;
}

/**
 * The script with every placeholder replaced by its value, written for where it stands (see `quoteFor`), so a value
 * is always one literal piece of data: `'; rm -rf /; '` or `x"; echo PWNED; "` is text, never a command, inside
 * '...', "...", $(...), "$(...)" and here-documents alike. Names without a value are left as written.
 *
 * Throws `UnsafeSubstitutionError` rather than produce a script whose meaning a value could change:
 * - where the scanner refuses (inside backquotes, a ${...} pattern, after a construct it cannot follow);
 * - where bash evaluates text as arithmetic or a variable name, unless the value is a number or an identifier;
 * - in a here-document body, when the value (a newline from a `.env` file, or text making up a whole line) would
 *   form the delimiter line and so end the body early, running the lines after it as commands. A multi-line value
 *   is fine otherwise: the check is on the lines bash will read, not on the value alone.
 *
 * Bounds: this is bash's reading of the script. A command that parses its argument again (`eval`, `sh -c`, `ssh`,
 * `python -c`, `psql -c`) receives the value as data and may treat it as code; that is the author's to quote.
 */
export function substitute(code: string, values: ReadonlyMap<string, string>, shellVariables: ReadonlySet<string> = SHELL_VARIABLES): string {
  const local = assignedNames(code);
  let out = '';
  let copied = 0;
  // Offsets of the script and of the output that line up (after each substitution), to map heredoc bodies over.
  const anchors: [number, number][] = [[0, 0]];
  const done: { at: number; name: string }[] = [];
  const bodies: HeredocBody[] = [];
  scanShell(
    code,
    (offset, context) => {
      const m = matchAt(code, offset, shellVariables, local);
      const value = m && values.get(m.name);
      if (!m || value === undefined) return 0;
      const ctx = context();
      const why = refusal(ctx, value);
      if (why !== undefined || ctx.kind === 'refuse') throw new UnsafeSubstitutionError(m.name, why ?? 'refused');
      out += code.slice(copied, offset) + quoteFor(ctx.kind, value);
      copied = offset + m.length;
      anchors.push([copied, out.length]);
      done.push({ at: offset, name: m.name });
      return m.length;
    },
    (body) => bodies.push(body),
  );
  out += code.slice(copied);
  const toOut = (at: number): number => {
    let k = anchors.length - 1;
    while (anchors[k][0] > at) k--;
    return anchors[k][1] + (at - anchors[k][0]);
  };
  for (const body of bodies) {
    const names = done.filter((d) => d.at >= body.start && d.at < body.end).map((d) => d.name);
    if (names.length === 0) continue;
    if (endsHeredoc(out.slice(toOut(body.start), toOut(body.end)), body)) {
      throw new UnsafeSubstitutionError(
        [...new Set(names)].join(', '),
        `the value would make a line reading "${body.delimiter}" and end the here-document early, running the lines after it`,
      );
    }
  }
  return out;
}

/**
 * Whether a heredoc body's text holds a line bash would take for its delimiter. Checks each line as written and, in
 * an unquoted body, as joined by `\` line continuations (bash compares the joined line); leading tabs go with <<-.
 */
function endsHeredoc(text: string, body: HeredocBody): boolean {
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const strip = (line: string): string => (body.stripTabs ? line.replace(/^\t+/, '') : line);
  let joined = '';
  for (const raw of lines) {
    const line = strip(raw);
    if (line === body.delimiter) return true;
    const continued = !body.literal && /(^|[^\\])(\\\\)*\\$/.test(line);
    joined += continued ? line.slice(0, -1) : line;
    if (continued) continue;
    if (joined === body.delimiter) return true;
    joined = '';
  }
  return joined === body.delimiter;
}

/**
 * The variables of a `.env` file: `NAME=value` lines, optionally `export NAME=value`; values may be single-quoted
 * (literal), double-quoted (`\n`, `\"` and `\\` escapes) or bare (an unquoted ` #` starts a comment). Blank lines,
 * comments and lines that are not assignments are skipped. No `$VAR` expansion: values are taken as written.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    let value = m[2];
    if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      value = end > 0 ? value.slice(1, end) : value.slice(1);
    } else if (value.startsWith('"')) {
      let v = '';
      let i = 1;
      for (; i < value.length && value[i] !== '"'; i++) {
        if (value[i] === '\\' && i + 1 < value.length) {
          const next = value[++i];
          v += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        } else v += value[i];
      }
      value = v;
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[m[1]] = value;
  }
  return { ...out };
}
