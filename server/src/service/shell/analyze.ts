/**
 * What one shell script is, read from its syntax tree once: its syntax errors, its simple commands with their words
 * after quote removal, and its `${NAME}` expansions with their quoting. The result is plain data (the tree is freed),
 * cached by the script's text, so an edit re-parses only the block it touches. Offsets are into the script.
 */
import type { ShellNode, ShellParser } from './types';

export interface ShellSyntaxError {
  message: string;
  start: number;
  end: number;
}

/** A word of a command as bash passes it on: quotes removed, escapes applied; expansions kept as written. */
export interface ShellWord {
  text: string;
  start: number;
  end: number;
  /** The word holds an expansion or a command substitution: its value is only known at run time. */
  dynamic: boolean;
}

export interface ShellCommand {
  /** The simple command's span (for a command found inside `sh -c '…'` or `eval`: the span of that argument). */
  start: number;
  end: number;
  /** The command's words, its name first, with `sudo`, `env X=1`, `nohup`, `time`, `xargs` and the like left out. */
  words: ShellWord[];
  /** Text the command reads as input that a reader such as psql runs: here-document and here-string bodies. */
  input: string[];
}

/** A `${NAME}` expansion and whether bash splits its value into words where it stands. */
export interface ShellExpansion {
  name: string;
  start: number;
  end: number;
  /** Inside double quotes, a here-document, an assignment's value, `[[ ]]` or a `case` subject: no word splitting. */
  splitting: boolean;
}

export interface ShellAnalysis {
  errors: ShellSyntaxError[];
  commands: ShellCommand[];
  expansions: ShellExpansion[];
}

/** At most this many syntax errors per block: the first usually explains the rest. */
const MAX_ERRORS = 5;
/** How deep `sh -c "…"` inside `eval "…"` inside … is read again. */
const MAX_NESTING = 3;

/** What closes a construct, for "`if` is never closed" messages. */
const CLOSERS: Readonly<Record<string, string>> = {
  if: 'fi', then: 'fi', elif: 'fi', else: 'fi', case: 'esac', for: 'done', while: 'done', until: 'done', select: 'done', do: 'done',
  '{': '}', '(': ')', '$(': ')', '((': '))', '$((': '))', '[[': ']]', '[': ']', '`': '`', '"': '"', "'": "'", '${': '}',
};

const QUOTES: Readonly<Record<string, string>> = { '"': 'double quote', "'": 'single quote', '`': 'backquote' };

/** Commands that run the command after them: they are left out so that `sudo rm -rf x` is read as `rm -rf x`. */
const WRAPPERS = new Set(['sudo', 'doas', 'env', 'nohup', 'time', 'nice', 'ionice', 'exec', 'command', 'builtin', 'xargs', 'timeout', 'watch', 'stdbuf', 'caffeinate']);
/** Wrappers whose first plain argument is theirs, not the command's (`timeout 30 rm`, `nice -n 5` is an option pair). */
const WRAPPER_TAKES_ONE = new Set(['timeout']);
/** Shells and `eval`: their script argument is read again as shell. */
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);
/** ssh's options that take a value (`ssh -i key -p 22 host cmd`): the host is the first word that is neither. */
const SSH_VALUE_OPTIONS = new Set('BbcDEeFIiJLlmOopQRSWw');

/** The remote command of `ssh [options] host command...`, its words joined as ssh joins them, if it has one. */
function sshScript(own: readonly ShellWord[]): ShellWord | undefined {
  let i = 1;
  for (; i < own.length; i++) {
    const w = own[i].text;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w.length < 2) break;
    for (let k = 1; k < w.length; k++) {
      if (!SSH_VALUE_OPTIONS.has(w[k])) continue;
      // The value is the rest of this word (`-p22`) or the next word (`-p 22`).
      if (k === w.length - 1) i++;
      break;
    }
  }
  const words = own.slice(i + 1);
  if (words.length === 0 || words.some((w) => w.dynamic)) return undefined;
  return { ...words[0], text: words.map((w) => w.text).join(' '), end: words[words.length - 1].end };
}

export function analyzeShell(parser: ShellParser, code: string): ShellAnalysis {
  const analysis: ShellAnalysis = { errors: [], commands: [], expansions: [] };
  const tree = parser.parse(withoutAnglePlaceholders(code));
  if (!tree) return analysis;
  try {
    const root = tree.rootNode;
    if (root.hasError) collectErrors(root, analysis.errors);
    walk(root, analysis, parser, 0, undefined, false);
  } finally {
    tree.delete();
  }
  return analysis;
}

/**
 * The runner's `<NAME>` placeholders as words of the same length (`_NAME_`): bash would read `<NAME>` as two
 * redirections, while the runner puts a quoted value there.
 */
export function withoutAnglePlaceholders(code: string): string {
  return code.includes('<') ? code.replace(/<([A-Z][A-Z0-9_]*)>/g, '_$1_') : code;
}

function collectErrors(node: ShellNode, out: ShellSyntaxError[], parent?: ShellNode): void {
  if (out.length >= MAX_ERRORS) return;
  if (node.isMissing) {
    out.push(missingError(node, parent));
    return;
  }
  if (node.type === 'ERROR') {
    out.push(errorNodeError(node));
    // Missing tokens inside an error are part of the same mistake.
    return;
  }
  if (!node.hasError) return;
  for (const c of node.children) if (c) collectErrors(c, out, node);
}

/** A missing closer (`fi`, `done`, a quote) is reported at what it should close: the opener is where to look. */
function missingError(node: ShellNode, owner: ShellNode | undefined): ShellSyntaxError {
  const want = node.type;
  if (QUOTES[want]) {
    const open = owner?.children.find((c): c is ShellNode => !!c && c.type === want && !c.isMissing) ?? node;
    return { message: `Unclosed ${QUOTES[want]}: bash reads on to the end of the block.`, start: open.startIndex, end: open.endIndex };
  }
  const parent = owner?.children.find((c): c is ShellNode => !!c && CLOSERS[c.type] === want);
  if (parent) return { message: `\`${parent.text}\` is never closed: \`${want}\` is missing.`, start: parent.startIndex, end: parent.endIndex };
  return { message: `\`${want}\` is missing here.`, start: node.startIndex, end: node.endIndex };
}

function errorNodeError(node: ShellNode): ShellSyntaxError {
  const first = firstLeaf(node);
  const closer = CLOSERS[first.type];
  const line = lineEndOf(node);
  if (QUOTES[first.type]) return { message: `Unclosed ${QUOTES[first.type]}: bash reads on to the end of the block.`, start: first.startIndex, end: first.endIndex };
  if (closer && first.startIndex === node.startIndex) {
    return { message: `\`${first.text}\` is never closed: \`${closer}\` is missing, or something inside it is malformed.`, start: first.startIndex, end: first.endIndex };
  }
  const text = first.text.length > 0 ? first.text : node.text.slice(0, Math.max(1, line - node.startIndex));
  const end = first.endIndex > first.startIndex ? first.endIndex : Math.min(node.endIndex, line);
  return { message: `Syntax error near \`${text.split('\n', 1)[0].slice(0, 40)}\`.`, start: first.startIndex, end: Math.max(end, first.startIndex) };
}

function firstLeaf(node: ShellNode): ShellNode {
  let n = node;
  for (;;) {
    const c = n.children.find((x): x is ShellNode => !!x);
    if (!c) return n;
    n = c;
  }
}

function lineEndOf(node: ShellNode): number {
  const nl = node.text.indexOf('\n');
  return nl === -1 ? node.endIndex : node.startIndex + nl;
}

function walk(node: ShellNode, out: ShellAnalysis, parser: ShellParser, nesting: number, mapTo: { start: number; end: number } | undefined, noSplit: boolean): void {
  const type = node.type;
  if (type === 'command') {
    readCommand(node, out, parser, nesting, mapTo, []);
    return;
  } else if (type === 'redirected_statement') {
    const body = node.childForFieldName('body');
    const input: string[] = [];
    for (const c of node.children) {
      if (!c) continue;
      if (c.type === 'heredoc_redirect') for (const h of c.children) if (h?.type === 'heredoc_body') input.push(h.text);
      if (c.type === 'herestring_redirect') for (const h of c.namedChildren) if (h) input.push(unquote(h));
    }
    if (body?.type === 'command') {
      readCommand(body, out, parser, nesting, mapTo, input);
      for (const c of node.children) if (c && c !== body) walk(c, out, parser, nesting, mapTo, noSplit);
      return;
    }
  } else if (type === 'expansion' && !mapTo) {
    const name = plainExpansionName(node);
    if (name) out.expansions.push({ name, start: node.startIndex, end: node.endIndex, splitting: !noSplit });
    return;
  }
  const quiet = noSplit || NO_SPLIT.has(type);
  for (const c of node.children) {
    if (!c) continue;
    walk(c, out, parser, nesting, mapTo, quiet);
  }
}

/** Where bash does not split an expansion's value into words. */
const NO_SPLIT = new Set(['string', 'heredoc_body', 'variable_assignment', 'test_command', 'case_statement', 'raw_string', 'arithmetic_expansion']);

/** `NAME` of `${NAME}` when that is all the expansion holds (`${NAME:-x}` is shell, not a placeholder). */
function plainExpansionName(node: ShellNode): string | undefined {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(node.text);
  return m?.[1];
}

function readCommand(node: ShellNode, out: ShellAnalysis, parser: ShellParser, nesting: number, mapTo: { start: number; end: number } | undefined, input: string[]): void {
  const words: ShellWord[] = [];
  for (const c of node.children) {
    if (!c) continue;
    if (c.type === 'command_name') {
      const w = c.namedChildren[0] ?? c;
      words.push(word(w));
    } else if (words.length > 0 && ARGUMENT_TYPES.has(c.type)) words.push(word(c));
  }
  const own = stripWrappers(words);
  const span = mapTo ?? { start: node.startIndex, end: node.endIndex };
  if (own.length > 0) out.commands.push({ start: span.start, end: span.end, words: own, input });
  // A shell's script argument, eval's arguments and ssh's remote command are commands too: read them again, mapped
  // to that argument.
  if (nesting < MAX_NESTING && own.length > 1) {
    const name = baseName(own[0].text);
    let script: ShellWord | undefined;
    if (name === 'eval') script = { ...own[1], text: own.slice(1).map((w) => w.text).join(' '), end: own[own.length - 1].end };
    else if (SHELLS.has(name)) {
      const at = own.findIndex((w, i) => i > 0 && /^-[a-z]+$/.test(w.text) && w.text.includes('c'));
      if (at > 0 && own[at + 1]) script = own[at + 1];
    } else if (name === 'ssh') script = sshScript(own);
    if (script && !script.dynamic) {
      const nested = analyzeNested(parser, script.text, nesting + 1);
      const to = mapTo ?? { start: script.start, end: script.end };
      for (const c of nested) out.commands.push({ ...c, start: to.start, end: to.end, words: c.words.map((w) => ({ ...w, start: to.start, end: to.end })) });
    }
  }
  // Command substitutions and process substitutions inside the arguments hold commands of their own.
  for (const c of node.children) if (c && c.type !== 'command_name') walk(c, out, parser, nesting, mapTo, false);
}

function analyzeNested(parser: ShellParser, code: string, nesting: number): ShellCommand[] {
  const tree = parser.parse(code);
  if (!tree) return [];
  try {
    const out: ShellAnalysis = { errors: [], commands: [], expansions: [] };
    walk(tree.rootNode, out, parser, nesting, { start: 0, end: 0 }, false);
    return out.commands;
  } finally {
    tree.delete();
  }
}

const ARGUMENT_TYPES = new Set(['word', 'string', 'raw_string', 'concatenation', 'simple_expansion', 'expansion', 'number', 'ansi_c_string', 'translated_string', 'command_substitution']);

function word(node: ShellNode): ShellWord {
  return { text: unquote(node), start: node.startIndex, end: node.endIndex, dynamic: isDynamic(node) };
}

function isDynamic(node: ShellNode): boolean {
  if (node.type === 'simple_expansion' || node.type === 'expansion' || node.type === 'command_substitution' || node.type === 'arithmetic_expansion') return true;
  for (const c of node.namedChildren) if (c && isDynamic(c)) return true;
  return false;
}

/** A word's text after quote removal: what the command receives (expansions are kept as written). */
export function unquote(node: ShellNode): string {
  switch (node.type) {
    case 'word':
      return node.text.replace(/\\\n/g, '').replace(/\\(.)/g, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string':
    case 'translated_string': {
      const inner = node.text.slice(node.type === 'string' ? 1 : 2, -1);
      return inner.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
    }
    case 'concatenation': {
      let s = '';
      for (const c of node.children) if (c) s += unquote(c);
      return s;
    }
    default:
      return node.text;
  }
}

export function baseName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash === -1 ? name : name.slice(slash + 1);
}

/** `sudo -u x env A=1 nohup rm -rf d` is `rm -rf d`: the wrappers, their options and assignments are dropped. */
function stripWrappers(words: ShellWord[]): ShellWord[] {
  let i = 0;
  while (i < words.length && WRAPPERS.has(baseName(words[i].text))) {
    const wrapper = baseName(words[i].text);
    i++;
    // Options (and `sudo -u user`'s value), and env's assignments.
    while (i < words.length && (words[i].text.startsWith('-') || /^[A-Za-z_]\w*=/.test(words[i].text))) {
      const option = words[i].text;
      i++;
      if (wrapper === 'sudo' && /^-[ugCDhprTU]$/.test(option)) i++;
      if (wrapper === 'nice' && option === '-n') i++;
    }
    if (WRAPPER_TAKES_ONE.has(wrapper) && i < words.length) i++;
  }
  return i === 0 ? words : words.slice(i);
}
