/**
 * Placeholders in step commands (`<VAR>`, `${VAR}`, `{{var}}`), secret names, substitution and masking. Pure.
 */
import { quoteFor, scanShell } from './shellQuote';

/**
 * `<VAR>` only in capitals, so `<div>` in a heredoc or `<file` redirections are not placeholders;
 * `${VAR}` only in its plain form (`${VAR:-x}` is shell); `{{ var }}` but not GitHub's `${{ ... }}`.
 */
const PLACEHOLDER = /<([A-Z][A-Z0-9_]*)>|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|(?<!\$)\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/y;

/**
 * `${NAME}` is also ordinary shell syntax: names the shell sets or commonly exports are left to it, and so are
 * names the script assigns itself (see `assignedNames`).
 */
export const SHELL_VARIABLES: ReadonlySet<string> = new Set([
  'HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'TERM', 'HOSTNAME',
  'UID', 'EUID', 'PPID', 'RANDOM', 'LINENO', 'SECONDS', 'IFS', 'BASH_SOURCE', 'FUNCNAME', 'OSTYPE', 'CI', 'EDITOR',
]);

export function isSecretName(name: string): boolean {
  return /TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL/i.test(name);
}

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
 * The script with every placeholder replaced by its value, quoted for where it stands, so a value is always one
 * literal word part (a value `'; rm -rf /; '` is echoed, never run). Names without a value are left as written.
 */
export function substitute(code: string, values: ReadonlyMap<string, string>, shellVariables: ReadonlySet<string> = SHELL_VARIABLES): string {
  const local = assignedNames(code);
  let out = '';
  let copied = 0;
  scanShell(code, (offset, context) => {
    const m = matchAt(code, offset, shellVariables, local);
    const value = m && values.get(m.name);
    if (!m || value === undefined) return 0;
    out += code.slice(copied, offset) + quoteFor(context, value);
    copied = offset + m.length;
    return m.length;
  });
  return out + code.slice(copied);
}

/**
 * Replaces secret values with *** in text the engine emits. Also the escaped forms the quoting produces,
 * so a secret containing a quote is masked inside the resolved command too. Longest first, so a secret that
 * contains another is masked whole.
 */
export function masker(secrets: Iterable<string>): (text: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    forms.add(quoteFor('single', s));
    forms.add(quoteFor('heredoc', s));
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const f of sorted) out = out.split(f).join('***');
    return out;
  };
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
