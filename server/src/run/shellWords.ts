/**
 * The words of a shell script as bash reads them: split at blanks and operators, quotes removed and the pieces of a
 * word joined (`r""m` is `rm`, `-r"f"` is `-rf`, `$'\x72m'` is `rm`), `\` escapes and line continuations applied,
 * comments dropped, here-document bodies set apart. The risky-command check reads commands with it. Pure.
 *
 * It reads, it does not expand: `$x`, `${x}`, `$(...)`, globs and braces stay as written (so indirection such as
 * `$r -rf`, an alias or a function is not seen through). The text a command may hand to another reader (the content
 * of each quoted piece, of `$(...)`, backquotes and `${...}`, and here-document bodies) is returned as well, for the
 * caller to read again. A later version will read scripts with a full bash grammar; until then this reader is
 * checked against bash's own word splitting on generated scripts (test/unit/shell-words.test.ts).
 */

export interface ShellReading {
  /** The simple commands (split at `;`, `&`, `|`, `(`, `)` and line ends), each its words. */
  commands: string[][];
  /** Text another reader may run: quoted pieces, `$(...)`, backquotes, `${...}`, here-document bodies. */
  embedded: string[];
}

const BLANK = new Set([' ', '\t']);
const SEPARATOR = new Set([';', '&', '|', '(', ')', '\n']);

/** ANSI-C escapes of `$'...'` with one character after the backslash. */
const ANSI_SIMPLE: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** The characters a backslash escapes inside double quotes; before any other, the backslash stays. */
const DOUBLE_ESCAPED = new Set(['$', '`', '"', '\\']);

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

export interface ReadOptions {
  /** Whether a line end ends a command (bash) or is a blank (text for another reader, such as SQL). Default true. */
  lineEndsCommand?: boolean;
}

/** The commands of a script and the text inside it that another reader may run (see the module comment). */
export function readShell(script: string, options: ReadOptions = {}): ShellReading {
  const lineEndsCommand = options.lineEndsCommand ?? true;
  const commands: string[][] = [];
  const embedded: string[] = [];
  let command: string[] = [];
  let word: string | undefined;
  /** Set after `<<`: the next word is a here-document delimiter, not an argument. */
  let heredocNext: { stripTabs: boolean } | undefined;
  let pending: Heredoc[] = [];
  const n = script.length;
  let i = 0;

  const endWord = (): void => {
    if (word === undefined) return;
    if (heredocNext) {
      pending.push({ delimiter: word, stripTabs: heredocNext.stripTabs });
      heredocNext = undefined;
    } else command.push(word);
    word = undefined;
  };
  const endCommand = (): void => {
    endWord();
    if (command.length > 0) commands.push(command);
    command = [];
  };
  /** After a line end: the bodies of the here-documents opened on that line. */
  const readBodies = (): void => {
    for (const h of pending) {
      const start = i;
      let body = '';
      while (i < n) {
        const eol = script.indexOf('\n', i);
        const end = eol < 0 ? n : eol;
        const line = script.slice(i, end);
        i = eol < 0 ? n : eol + 1;
        if ((h.stripTabs ? line.replace(/^\t+/, '') : line) === h.delimiter) break;
        body = script.slice(start, i);
      }
      embedded.push(body);
    }
    pending = [];
  };
  /** The end of a `$(...)` whose content starts at `from`: the matching `)`, quotes and nesting followed. */
  const closingParen = (from: number): number => {
    let depth = 1;
    let k = from;
    while (k < n) {
      const c = script[k];
      if (c === '\\') k += 2;
      else if (c === "'") k = endOfSingle(script, k + 1) + 1;
      else if (c === '"') k = endOfDouble(script, k + 1) + 1;
      else {
        if (c === '(') depth++;
        else if (c === ')' && --depth === 0) return k;
        k++;
      }
    }
    return n;
  };
  /** Appends an expansion that starts at `i` with `$(`, `${` or a backquote, as written; its content is embedded. */
  const readExpansion = (): void => {
    let end: number;
    let contentStart: number;
    if (script[i] === '`') {
      contentStart = i + 1;
      end = contentStart;
      while (end < n && script[end] !== '`') end += script[end] === '\\' ? 2 : 1;
    } else if (script[i + 1] === '(') {
      contentStart = i + 2;
      end = closingParen(contentStart);
    } else {
      contentStart = i + 2;
      end = contentStart;
      for (let depth = 1; end < n; end++) {
        if (script[end] === '\\') end++;
        else if (script[end] === '{') depth++;
        else if (script[end] === '}' && --depth === 0) break;
      }
    }
    end = Math.min(end, n);
    embedded.push(script.slice(contentStart, end));
    word = (word ?? '') + script.slice(i, end + 1);
    i = end + 1;
  };

  while (i < n) {
    const c = script[i];
    if (c === '\\') {
      // A line continuation joins the lines; any other escaped character is literal.
      if (script[i + 1] === '\n') i += 2;
      else if (i + 1 < n) {
        word = (word ?? '') + script[i + 1];
        i += 2;
      } else {
        word = (word ?? '') + '\\';
        i++;
      }
    } else if (c === "'") {
      const end = endOfSingle(script, i + 1);
      const content = script.slice(i + 1, end);
      embedded.push(content);
      word = (word ?? '') + content;
      i = end + 1;
    } else if (c === '$' && script[i + 1] === "'") {
      const { text, end } = readAnsi(script, i + 2);
      embedded.push(text);
      word = (word ?? '') + text;
      i = end + 1;
    } else if (c === '"' || (c === '$' && script[i + 1] === '"')) {
      i += c === '"' ? 1 : 2;
      const start = i;
      word ??= '';
      while (i < n && script[i] !== '"') {
        const d = script[i];
        if (d === '\\' && script[i + 1] === '\n') i += 2;
        else if (d === '\\' && DOUBLE_ESCAPED.has(script[i + 1])) {
          word += script[i + 1];
          i += 2;
        } else if ((d === '$' && (script[i + 1] === '(' || script[i + 1] === '{')) || d === '`') readExpansion();
        else {
          word += d;
          i++;
        }
      }
      embedded.push(script.slice(start, i));
      i++;
    } else if ((c === '$' && (script[i + 1] === '(' || script[i + 1] === '{')) || c === '`') {
      readExpansion();
    } else if (c === '#' && word === undefined) {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? n : eol;
    } else if (BLANK.has(c) || (c === '\n' && !lineEndsCommand)) {
      endWord();
      i++;
      if (c === '\n' && pending.length > 0) readBodies();
    } else if (c === '<' || c === '>' || (c === '&' && script[i + 1] === '>')) {
      // A redirection: `<`, `>`, `>>`, `<<<`, `>&`, `<&`, `>|`, `&>`, `&>>`; `<<` and `<<-` open a here-document.
      endWord();
      if (c === '<' && script[i + 1] === '<' && script[i + 2] !== '<') {
        const stripTabs = script[i + 2] === '-';
        heredocNext = { stripTabs };
        i += stripTabs ? 3 : 2;
        continue;
      }
      i++;
      while (i < n && (script[i] === '<' || script[i] === '>' || script[i] === '&' || (script[i] === '|' && script[i - 1] === '>'))) i++;
    } else if (SEPARATOR.has(c)) {
      endCommand();
      i++;
      if (c === '\n' && pending.length > 0) readBodies();
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  endCommand();
  if (pending.length > 0) readBodies();
  return { commands, embedded };
}

/** The index of the `'` that ends a single-quoted piece whose content starts at `from` (n when unterminated). */
function endOfSingle(script: string, from: number): number {
  const end = script.indexOf("'", from);
  return end < 0 ? script.length : end;
}

/** The index of the `"` that ends a double-quoted piece whose content starts at `from` (n when unterminated). */
function endOfDouble(script: string, from: number): number {
  let k = from;
  while (k < script.length && script[k] !== '"') k += script[k] === '\\' ? 2 : 1;
  return Math.min(k, script.length);
}

/** The text of a `$'...'` piece whose content starts at `from`, and the index of its closing `'`. */
function readAnsi(script: string, from: number): { text: string; end: number } {
  let text = '';
  let k = from;
  // Bash ends the string at a NUL character (`\0`, `\x00`): the rest of the piece is read but dropped.
  let ended = false;
  const add = (s: string): void => {
    if (ended) return;
    const nul = s.indexOf('\0');
    if (nul >= 0) {
      text += s.slice(0, nul);
      ended = true;
    } else text += s;
  };
  while (k < script.length && script[k] !== "'") {
    if (script[k] !== '\\' || k + 1 >= script.length) {
      add(script[k++]);
      continue;
    }
    const e = script[k + 1];
    let m: RegExpExecArray | null;
    const rest = script.slice(k + 2, k + 10);
    if (ANSI_SIMPLE[e] !== undefined) {
      add(ANSI_SIMPLE[e]);
      k += 2;
    } else if (/[0-7]/.test(e)) {
      const digits = /^[0-7]{1,3}/.exec(script.slice(k + 1, k + 4))![0];
      add(String.fromCharCode(parseInt(digits, 8) & 0xff));
      k += 1 + digits.length;
    } else if (e === 'x' && (m = /^[0-9a-fA-F]{1,2}/.exec(rest))) {
      add(String.fromCharCode(parseInt(m[0], 16)));
      k += 2 + m[0].length;
    } else if ((e === 'u' || e === 'U') && (m = (e === 'u' ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(rest))) {
      const code = parseInt(m[0], 16);
      add(code <= 0x10ffff ? String.fromCodePoint(code) : '');
      k += 2 + m[0].length;
    } else if (e === 'c' && k + 2 < script.length) {
      const x = script[k + 2];
      add(x === '?' ? '\x7f' : String.fromCharCode(x.toUpperCase().charCodeAt(0) & 0x1f));
      k += 3;
    } else {
      add(`\\${e}`);
      k += 2;
    }
  }
  return { text, end: Math.min(k, script.length) };
}
