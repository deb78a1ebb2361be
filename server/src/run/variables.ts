/**
 * Placeholders in step commands (`<VAR>`, `${VAR}`, `{{var}}`) and their substitution; `.env` files. Pure.
 */
import { hexEscapes, refusal, scanShell, shellQuote, type HeredocBody, type QuoteContext } from './shellQuote';
import { isSecretName } from './secretNames';

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
  // The names are optional so that a `read` whose options lead nowhere ends its match there: otherwise every
  // `-read` among those options scanned them again.
  for (const m of code.matchAll(/\bread\s+(?:-\w+\s+)*((?:[A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)?)/g)) for (const n of m[1].split(/\s+/)) if (n) out.add(n);
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

/** Line endings as bash must see them: a `\r` left in a step (a CRLF document) ends no here-document. */
export function normalizeScript(code: string): string {
  return code.includes('\r') ? code.replace(/\r\n?/g, '\n') : code;
}

/** A step block ready to run: placeholders replaced by references to shell variables that hold the values. */
export interface ResolvedScript {
  /** The block with each placeholder replaced by a reference (`"${__wfs_NAME}"`, or `${__wfs_NAME}` in quotes). */
  code: string;
  /** The variables the block references, in order of first use, each with the placeholder it stands for. */
  bindings: readonly Binding[];
}

export interface Binding {
  variable: string;
  name: string;
  value: string;
}

/**
 * How a reference is written where the placeholder stood, so that it expands to exactly the value, as one word:
 * outside quotes it is double-quoted; in '...' and $'...' the quotes are closed, the reference double-quoted and
 * the quotes reopened; in "...", here-documents, arithmetic and names it is the bare `${name}`.
 */
function reference(context: QuoteContext, variable: string): string {
  const ref = `\${${variable}}`;
  switch (context) {
    case 'none':
      return `"${ref}"`;
    case 'single':
      return `'"${ref}"'`;
    case 'ansi':
      return `'"${ref}"$'`;
    default:
      return ref;
  }
}

/**
 * Bash evaluates the value of a variable again where it reads arithmetic (`(( ))`, `declare -i` variables, `[[ -eq
 * ]]`, indexed-array subscripts and elements) or a name (`declare -n`, `${!ref}`, `unset`, `printf -v`, `read`):
 * there an array subscript is expanded, and `a[$(cmd)]` runs `cmd`. A reference cannot prevent that, and no
 * scan can know every such place (`declare -i n` can stand far from `n=<X>`), so a value that could run a command
 * that way is refused wherever it goes: a `[` followed by `$(`, `${`, `$[` or a backquote.
 */
export function evaluatesToCommand(value: string): boolean {
  const open = value.indexOf('[');
  if (open < 0) return false;
  const rest = value.slice(open + 1);
  return rest.includes('`') || /\$[({[]/.test(rest);
}

/**
 * The block with every placeholder that has a value replaced by a reference to a shell variable holding that value
 * (see `reference`); names without a value are left as written. The values never become script text: `runnableScript`
 * sets the variables from hexadecimal escapes, so whatever bash makes of the block, a value is expanded as data and
 * never parsed as commands, and a mistake of the scan below yields literal text or a refusal, not execution.
 *
 * The scan still decides how a reference is written, so that the value arrives byte for byte, and refuses (throws
 * `UnsafeSubstitutionError`) where it cannot: inside backquotes and some `${...}` forms, right after a `$`, after a
 * construct it cannot follow; where bash evaluates arithmetic or reads a variable name, a value other than a number
 * or an identifier; anywhere, a value that could run a command if evaluated (`evaluatesToCommand`), and a NUL.
 * A here-document whose delimiter is quoted (<<'EOF') expands nothing: when its body holds a placeholder, it is
 * written unquoted (<<EOF) with its own `\`, `$` and backquotes escaped, so the body reads the same and the
 * reference expands.
 *
 * Bounds: this is bash's reading of the block. A command that parses its argument again (`eval`, `sh -c`, `ssh`,
 * `trap`, `$(( ))` of a variable, `python -c`, `psql -c`) receives the value as data and may treat it as code; that
 * is the author's to avoid (see the README's Security section).
 */
export function substitute(code: string, values: ReadonlyMap<string, string>, shellVariables: ReadonlySet<string> = SHELL_VARIABLES): ResolvedScript {
  code = normalizeScript(code);
  const local = assignedNames(code);
  const edits: { start: number; end: number; text: string }[] = [];
  const bindings: Binding[] = [];
  const variables = new Map<string, string>();
  const used: Used[] = [];
  const variableFor = (name: string, value: string): string => {
    let variable = variables.get(name);
    if (variable === undefined) {
      const base = `__wfs_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
      variable = base;
      for (let n = 2; bindings.some((b) => b.variable === variable); n++) variable = `${base}_${n}`;
      variables.set(name, variable);
      bindings.push({ variable, name, value });
    }
    return variable;
  };
  const bodies: HeredocBody[] = [];
  scanShell(
    code,
    (offset, context) => {
      const m = matchAt(code, offset, shellVariables, local);
      const value = m && values.get(m.name);
      if (!m || value === undefined) return 0;
      const ctx = context();
      const why = refusal(ctx, value) ?? valueRefusal(value);
      if (why !== undefined || ctx.kind === 'refuse') throw new UnsafeSubstitutionError(m.name, why ?? 'refused');
      edits.push({ start: offset, end: offset + m.length, text: reference(ctx.kind, variableFor(m.name, value)) });
      used.push({ at: offset, length: m.length, name: m.name });
      return m.length;
    },
    (body) => bodies.push(body),
  );
  for (const body of bodies.filter((b) => b.literal)) {
    const inside = used.filter((u) => u.at >= body.start && u.at < body.end);
    if (inside.length === 0) continue;
    if (!/^[A-Za-z0-9_.-]+$/.test(body.delimiter)) {
      throw new UnsafeSubstitutionError(namesOf(inside), `the here-document's delimiter "${body.delimiter}" cannot be written unquoted, which a value in its body needs`);
    }
    edits.push({ start: body.word.start, end: body.word.end, text: body.delimiter });
    let k = 0;
    for (let i = body.start; i < body.end; i++) {
      while (k < inside.length && inside[k].at + inside[k].length <= i) k++;
      if (k < inside.length && i >= inside[k].at) continue;
      if (code[i] === '\\' || code[i] === '$' || code[i] === '`') edits.push({ start: i, end: i, text: '\\' });
    }
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let copied = 0;
  for (const e of edits) {
    out += code.slice(copied, e.start) + e.text;
    copied = e.end;
  }
  out += code.slice(copied);
  // Where an offset of the block is in the output: after every edit that ends before it (an insertion at the
  // offset itself comes after it).
  const toOut = (at: number): number => {
    let shift = 0;
    for (const e of edits) if (e.end < at || (e.end === at && e.start < e.end)) shift += e.text.length - (e.end - e.start);
    return at + shift;
  };
  checkBodies(out, bodies, used, toOut);
  return { code: out, bindings };
}

interface Used {
  at: number;
  length: number;
  name: string;
}

const namesOf = (used: Used[]): string => [...new Set(used.map((u) => u.name))].join(', ');

/** Why a value is refused wherever it stands, or undefined. */
function valueRefusal(value: string): string | undefined {
  if (value.includes('\0')) return 'a NUL character cannot be passed to bash';
  if (evaluatesToCommand(value)) return 'bash runs the command in `name[$(...)]` wherever it evaluates a value as arithmetic or a variable name, which this value holds';
  return undefined;
}

/**
 * A last check of the written block: no line of a here-document body that holds a reference may end the body
 * (be the delimiter; inside $(...) also start with it), so the body still ends where the scan saw it end.
 */
function checkBodies(out: string, bodies: HeredocBody[], used: Used[], toOut: (at: number) => number): void {
  for (const body of bodies) {
    const inside = used.filter((u) => u.at >= body.start && u.at < body.end);
    if (inside.length === 0) continue;
    for (const raw of out.slice(toOut(body.start), toOut(body.end)).split('\n')) {
      const line = body.stripTabs ? raw.replace(/^\t+/, '') : raw;
      if (line === body.delimiter || (body.inSubstitution && line.startsWith(body.delimiter))) {
        throw new UnsafeSubstitutionError(namesOf(inside), `a line of the here-document would end it early ("${body.delimiter}")`);
      }
    }
  }
}

/**
 * The text that runs: the variables set, then the block. The assignments are put before the block's first line,
 * on that same line, so bash's line numbers in its messages match the block's.
 */
export function runnableScript(script: ResolvedScript): string {
  if (script.bindings.length === 0) return script.code;
  return `${script.bindings.map((b) => `${b.variable}=$'${hexEscapes(b.value)}'`).join(' ')}; ${script.code}`;
}

/**
 * The block as a person reads it (the Run panel, the dry run, the run log): each variable assigned its value in
 * single quotes on a line of its own, then the block. A secret value shows as `***`.
 */
export function displayScript(script: ResolvedScript, secret: (name: string) => boolean = isSecretName): string {
  const lines = script.bindings.map((b) => `${b.variable}=${secret(b.name) ? '***' : shellQuote(b.value)}`);
  return [...lines, script.code].join('\n');
}

/**
 * The variables of a `.env` file: `NAME=value` lines, optionally `export NAME=value`; values may be single-quoted
 * (literal), double-quoted (`\n`, `\"` and `\\` escapes) or bare (an unquoted ` #` starts a comment). Blank lines,
 * comments and lines that are not assignments are skipped. No `$VAR` expansion: values are taken as written.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*((?:\S.*)?)$/.exec(raw);
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
      value = value.replace(/\s#[^]*$/, '').trim();
    }
    out[m[1]] = value;
  }
  return { ...out };
}
