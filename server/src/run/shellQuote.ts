/**
 * The scanner that says, for each position of a bash script, in which quoting context it stands, so that a
 * placeholder there is replaced by a reference that expands to exactly its value (variables.ts `substitute`), and
 * where bash would evaluate a value again (arithmetic, variable names). Pure: no vscode import, so the run engine
 * and its unit tests share it.
 *
 * The scanner follows quotes, `$(...)`, `<(...)`, `${...}`, `$((...))`, `((...))`, `$[...]`, backquotes, `[[ ... ]]`,
 * compound assignments, comments and here-documents (nested to any depth). Where it cannot be sure of bash's
 * reading it says so (`refuse`), and from the first such place to the end of the script it refuses everything.
 * Values are never written into the script, so a wrong guess here costs a value its exact bytes, not a command run.
 */

/**
 * A value as `\xHH` escapes of its UTF-8 bytes, for `$'...'`: only ASCII letters, digits and `\` reach bash's parser,
 * whatever the value and the locale.
 */
export function hexEscapes(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
  return out;
}

/** A POSIX single-quoted word: inside single quotes nothing is special, so only `'` needs `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The quoting context of a position, which decides how a reference to a value is written there:
 * - `none`: unquoted shell text (also inside `$(...)`, even within "...");
 * - `single`: inside '...'; `ansi`: inside $'...'; `double`: inside "..."; `double-param`: the word of a
 *   `${x:-word}` within "..." or a here-document;
 * - `heredoc`: an unquoted here-document body; `heredoc-literal`: the body of <<'EOF', which expands nothing;
 * - `arith`: text bash evaluates as arithmetic (`$((...))`, `((...))`, `let`, array subscripts, `[[ a -eq b ]]`,
 *   `declare -i`), where even a quoted `a[$(cmd)]` runs `cmd`: only a decimal number is data there;
 * - `name`: a place bash reads as a variable name (`unset`, `read`, `[[ -v ]]`, `printf -v`, `declare NAME`),
 *   where `a[$(cmd)]` runs too: only an identifier.
 */
export type QuoteContext = 'none' | 'single' | 'ansi' | 'double' | 'double-param' | 'heredoc' | 'heredoc-literal' | 'arith' | 'name';

/** What the scanner knows about a position: its context, or why no value can be put there safely. */
export type ScanContext =
  | { kind: QuoteContext; /** Where the restriction of `arith`/`name` comes from, for the message. */ where?: string; afterDollar: boolean }
  | { kind: 'refuse'; why: string };

/** A here-document body: `start` is the first character, `end` the start of the delimiter line (or the end). */
export interface HeredocBody {
  start: number;
  end: number;
  delimiter: string;
  /** The delimiter word of the `<<` operator as written (`'EOF'`, `"EOF"`, `\EOF`, `EOF`): [start, end). */
  word: { start: number; end: number };
  /** <<'EOF', <<"EOF", <<\EOF: nothing in the body is expanded. */
  literal: boolean;
  /** <<-EOF: leading tabs are stripped from each line, the delimiter line included. */
  stripTabs: boolean;
  /** Announced inside `$(...)`, `<(...)` or `>(...)`, where bash also ends the body at a line starting with `EOF)`. */
  inSubstitution: boolean;
}

/** Why a value cannot be referenced at a position of this context, or undefined when it can. */
export function refusal(context: ScanContext, value: string): string | undefined {
  if (context.kind === 'refuse') return context.why;
  if (context.kind === 'arith' && !/^(?:0|[1-9][0-9]*)$/.test(value)) {
    return `bash evaluates this as arithmetic (${context.where ?? 'arithmetic'}), where only a decimal number is plain data`;
  }
  if (context.kind === 'name' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    return `bash reads this as a variable name (${context.where ?? 'a name'}), where only an identifier is plain data`;
  }
  // `$<X>`: the value would continue the `$` (`$'...'` is ANSI-C quoting, `$5` a parameter, `$HOME` a variable).
  if (context.afterDollar && context.kind !== 'single' && context.kind !== 'ansi' && context.kind !== 'heredoc-literal') {
    return 'a `$` stands right before it, so the value would be read as part of an expansion';
  }
  return undefined;
}

type Frame =
  /** Command text: the script itself (`close` undefined) or a `$(...)`, `<(...)`, `>(...)`. */
  | {
      kind: 'cmd';
      close?: ')';
      depth: number;
      /** Where the current simple command and the current word start. */
      seg: number;
      word: number;
      /** The offset of an open `[[`, or -1. */
      test: number;
      /** The `depth` inside the parentheses of a compound assignment (`a=(...)`, `a+=(...)`), or 0 outside one. */
      compound?: number;
    }
  | { kind: 'single' }
  /** '...' in the word of a "${x:-...}": paired to find the `}`, then kept, and the text in it still expanded. */
  | { kind: 'kept-single' }
  | { kind: 'ansi' }
  | { kind: 'double' }
  /** `${...}`: which part of the expansion the scan is in, and whether it stands inside "...". */
  | { kind: 'param'; part: 'word' | 'arith' | 'other'; quoted: boolean }
  | { kind: 'arith'; close: '))' | ']'; depth: number }
  | { kind: 'backtick' }
  /** The body of an unquoted here-document (expansions, no quotes), or of a quoted one (nothing special). */
  | { kind: 'heredoc' }
  | { kind: 'heredoc-literal' };

/** Keywords that may stand before a command word. */
const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'while', 'until', 'do', '!', 'time', '{']);
/** The options of those builtins that take a value (a prompt, a delimiter, a count), which is data. */
const OPTION_VALUES: Record<string, string> = { read: 'dinNptu', mapfile: 'dnOsu', readarray: 'dnOsu' };
/** Words that run the command after them (and their options). */
const WRAPPERS = new Set(['builtin', 'command']);
/** Builtins whose operands are variable names: a name like `a[$(cmd)]` runs `cmd`. */
const NAME_BUILTINS = new Set(['unset', 'read', 'mapfile', 'readarray', 'declare', 'typeset', 'local', 'export', 'readonly']);

/**
 * Walks a script and calls `visit` at each offset outside comments; `context()` says what the scanner knows of
 * that position (computed on demand: most offsets hold no placeholder). `visit` returns how many characters it
 * consumed (a placeholder) or 0. `body` is told of each here-document body after
 * it was walked.
 */
export function scanShell(code: string, visit: (offset: number, context: () => ScanContext) => number, body?: (doc: HeredocBody) => void): void {
  new ShellScanner(code, visit, body).run();
}

/** A here-document announced on the current line, whose body starts at the next line. */
type PendingHeredoc = Omit<HeredocBody, 'start' | 'end'>;

class ShellScanner {
  private readonly stack: Frame[] = [{ kind: 'cmd', depth: 0, seg: 0, word: 0, test: -1 }];
  private readonly pending: PendingHeredoc[] = [];
  /** Set at the first place the scanner cannot follow bash: every later position is refused. */
  private unsure: string | undefined;
  private inBody = false;

  constructor(
    private readonly code: string,
    private readonly visitor: (offset: number, context: () => ScanContext) => number,
    private readonly onBody?: (doc: HeredocBody) => void,
  ) {}

  run(): void {
    this.scan(0, this.code.length);
  }

  /** Scans [from, to) with the current stack; returns where it stopped. */
  private scan(from: number, to: number): number {
    const code = this.code;
    const base = this.stack.length;
    let i = from;
    while (i < to) {
      const used = this.visitor(i, () => this.context(i));
      if (used > 0) {
        i += used;
        continue;
      }
      const f = this.stack[this.stack.length - 1];
      const c = code[i];
      switch (f.kind) {
        case 'single':
        case 'kept-single':
          if (c === "'") this.stack.pop();
          i++;
          continue;
        case 'ansi':
        case 'backtick':
          i = this.escapedStep(c, i, f.kind === 'ansi' ? "'" : '`');
          continue;
        case 'heredoc-literal':
          i++;
          continue;
        case 'double':
          if (c === '\\') i += 2;
          else if (c === '"') {
            this.stack.pop();
            i++;
          } else i = this.expansion(i, false);
          continue;
        case 'heredoc':
          i = c === '\\' ? i + 2 : this.expansion(i, false);
          continue;
        case 'param':
          if (c === '\\') i += 2;
          else if (c === '}') {
            // Bash does not pair braces in the word: `${u:-a{b}c}` is `a{b` then `c}`.
            this.stack.pop();
            i++;
          } else if (c === '"') {
            // Inside "${x:-...}" a `"` opens a nested string, it does not end the outer one.
            this.stack.push({ kind: 'double' });
            i++;
          } else if (c === "'") {
            // Quoted or not, bash pairs `'` in the word while looking for the `}` (within "..." it keeps them).
            this.stack.push({ kind: f.quoted ? 'kept-single' : 'single' });
            i++;
          } else i = this.expansion(i, !f.quoted);
          continue;
        case 'arith':
          if (c === '\\') i += 2;
          else if (c === '(' || c === '[') {
            if ((c === '(') === (f.close === '))')) f.depth++;
            i++;
          } else if ((c === ')' && f.close === '))') || (c === ']' && f.close === ']')) {
            if (f.depth > 0) {
              f.depth--;
              i++;
            } else if (f.close === ']') {
              this.stack.pop();
              i++;
            } else if (code[i + 1] === ')') {
              this.stack.pop();
              i += 2;
            } else {
              // `$((cmd) | x)` is a command substitution after all; rather than re-read it, refuse.
              this.distrust('a `((` that is not arithmetic');
              i++;
            }
          } else i = this.expansion(i, false);
          continue;
        case 'cmd':
          i = this.command(f, i);
          continue;
      }
    }
    if (this.stack.length > base) {
      // An expansion left open at the end of a here-document body: bash reads it differently from us.
      if (this.inBody) this.distrust('an expansion left open in a here-document');
      this.stack.length = base;
    }
    return i;
  }

  /** One step in command text. */
  /** One character of a context that a backslash escapes inside and `closer` ends (`$'...'`, backticks). */
  private escapedStep(c: string, i: number, closer: string): number {
    if (c === '\\') return i + 2;
    if (c === closer) this.stack.pop();
    return i + 1;
  }

  private command(f: Extract<Frame, { kind: 'cmd' }>, i: number): number {
    const code = this.code;
    const c = code[i];
    const atWord = i === f.word;
    if (c === '\\') {
      if (code[i + 1] === '\n') {
        // Bash removes a line continuation, joining what stands around it: after a blank that is a blank, but
        // `cat <\⏎<EOF` is a here-document and `a\⏎#b` one word, which this scan would read otherwise.
        if (i > 0 && !/[ \t\n]/.test(code[i - 1])) this.distrust('a line continuation inside a word or an operator');
        f.word = i + 2;
      }
      return i + 2;
    }
    if (c === "'") {
      this.stack.push({ kind: 'single' });
      return i + 1;
    }
    if (c === '"') {
      this.stack.push({ kind: 'double' });
      return i + 1;
    }
    if (c === '#' && atWord) {
      const end = code.indexOf('\n', i);
      return end < 0 ? code.length : end;
    }
    if (c === ' ' || c === '\t') {
      f.word = i + 1;
      return i + 1;
    }
    if (c === '\n') {
      if (f.test < 0) f.seg = i + 1;
      f.word = i + 1;
      return this.pending.length > 0 ? this.heredocBodies(i + 1) : i + 1;
    }
    // `[[` opens a test only where a command starts (`echo [[ x` is an argument).
    if (atWord && f.test < 0 && /^\[\[[ \t\n]/.test(code.slice(i, i + 3)) && this.atCommandStart(f, i)) f.test = i;
    if (atWord && f.test >= 0 && /^\]\](?:[\s;&|)]|$)/.test(code.slice(i, i + 3))) f.test = -1;
    if (atWord && f.close && /^case(?:[\s;&|()]|$)/.test(code.slice(i, i + 5))) {
      // Its `pat)` lines close no parenthesis, which a scan without a grammar cannot tell from the `)` of `$(`.
      this.distrust('a `case` inside a command substitution');
    }
    if (c === ';' || c === '&' || c === '|') {
      // `2>&1` and `<&3` are redirections, not command separators.
      if (f.test < 0 && !(c === '&' && (code[i - 1] === '>' || code[i - 1] === '<'))) f.seg = i + 1;
      f.word = i + 1;
      return i + 1;
    }
    if (c === '(') {
      if (code[i + 1] === '(') {
        this.stack.push({ kind: 'arith', close: '))', depth: 0 });
        return i + 2;
      }
      f.depth++;
      // `a=(` opens a compound assignment, where bash expands a `[subscript]` twice (see commandRestriction).
      if (code[i - 1] === '=' && !f.compound) f.compound = f.depth;
      f.seg = f.word = i + 1;
      return i + 1;
    }
    if (c === ')') {
      if (f.compound && f.depth === f.compound) f.compound = 0;
      if (f.depth > 0) f.depth--;
      else if (f.close) {
        this.stack.pop();
        return i + 1;
      }
      f.seg = f.word = i + 1;
      return i + 1;
    }
    if ((c === '<' || c === '>') && code[i + 1] === '(') {
      this.stack.push({ kind: 'cmd', close: ')', depth: 0, seg: i + 2, word: i + 2, test: -1 });
      return i + 2;
    }
    if (c === '<' && code[i + 1] === '<' && f.test < 0) {
      if (code[i + 2] === '<') {
        f.word = i + 3;
        return i + 3;
      }
      return this.heredocStart(f, i);
    }
    if (c === '<' || c === '>') {
      f.word = i + 1;
      return i + 1;
    }
    return this.expansion(i, true);
  }

  /** `$...` and backquotes, in any context that expands them; `unquoted` also allows `$'...'` and `$"..."`. */
  private expansion(i: number, unquoted: boolean): number {
    const code = this.code;
    const c = code[i];
    if (c === '`') {
      this.stack.push({ kind: 'backtick' });
      return i + 1;
    }
    if (c !== '$') return i + 1;
    const n = code[i + 1];
    if (n === '(' && code[i + 2] === '(') {
      this.stack.push({ kind: 'arith', close: '))', depth: 0 });
      return i + 3;
    }
    if (n === '(') {
      this.stack.push({ kind: 'cmd', close: ')', depth: 0, seg: i + 2, word: i + 2, test: -1 });
      return i + 2;
    }
    if (n === '[') {
      this.stack.push({ kind: 'arith', close: ']', depth: 0 });
      return i + 2;
    }
    if (n === '{') {
      this.stack.push({ kind: 'param', part: paramPart(code.slice(i + 2, i + 200)), quoted: !unquoted && this.quoted() });
      return i + 2;
    }
    if (unquoted && n === "'") {
      this.stack.push({ kind: 'ansi' });
      return i + 2;
    }
    if (unquoted && n === '"') {
      this.stack.push({ kind: 'double' });
      return i + 2;
    }
    // `$$` is one parameter: its second `$` starts nothing.
    return n === '$' ? i + 2 : i + 1;
  }

  /** Whether a `${` opened now stands inside "..." or a here-document (its word is then read like "..."). */
  private quoted(): boolean {
    const top = this.stack[this.stack.length - 1];
    return top.kind === 'double' || top.kind === 'heredoc' || (top.kind === 'param' && top.quoted);
  }

  /** `<<WORD`, `<<-WORD`, `<<'WORD'`: the body comes after the current line. */
  private heredocStart(f: Extract<Frame, { kind: 'cmd' }>, i: number): number {
    // eslint-disable-next-line regexp/no-misleading-capturing-group -- `-?` takes the dash first, as bash reads `<<-WORD`.
    const m = /^<<(-?)[ \t]*((?:[^\s;&|<>()'"\\]|\\.|'[^'\n]*'|"[^"\n]*")+)/.exec(this.code.slice(i));
    if (!m || this.inBody) {
      this.distrust(m ? 'a here-document inside a here-document' : 'a `<<` whose delimiter this scan does not read');
      return i + 2;
    }
    const delimiter = m[2].replace(/\\(.)|'([^']*)'|"([^"]*)"/g, (_all, a?: string, b?: string, d?: string) => a ?? b ?? d ?? '');
    this.pending.push({
      delimiter,
      word: { start: i + m[0].length - m[2].length, end: i + m[0].length },
      literal: /['"\\]/.test(m[2]),
      stripTabs: m[1] === '-',
      inSubstitution: this.stack.some((s) => s.kind === 'cmd' && s.close === ')'),
    });
    f.word = i + m[0].length;
    return i + m[0].length;
  }

  /** Walks the pending heredoc bodies from `start` (a line start); returns the offset after the last one. */
  private heredocBodies(start: number): number {
    const code = this.code;
    let i = start;
    while (this.pending.length > 0) {
      const doc = this.pending.shift()!;
      const bodyStart = i;
      let end = code.length;
      let next = code.length;
      // Lines as bash reads them: in an unquoted body a line ending in an odd number of `\` joins the next.
      let logical = '';
      let lineStart = i;
      while (i < code.length) {
        const nl = code.indexOf('\n', i);
        const lineEnd = nl < 0 ? code.length : nl;
        let line = code.slice(i, lineEnd);
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        const continued = !doc.literal && /(^|[^\\])(\\\\)*\\$/.test(line) && nl >= 0;
        logical += continued ? line.slice(0, -1) : line;
        const physicalStart = i;
        i = nl < 0 ? code.length : nl + 1;
        if (continued) continue;
        if (logical === doc.delimiter) {
          end = lineStart;
          next = i;
          break;
        }
        if (doc.inSubstitution && logical.startsWith(doc.delimiter)) {
          // Inside $(...), bash 5.2 also ends the body at a line that starts with the delimiter and holds a `)`
          // later (`EOF)`), and reads the rest of the line as commands; other versions end it at any line that
          // starts with the delimiter. Follow 5.2, and trust nothing after such a line.
          this.distrust('a here-document line inside $(...) that starts with the delimiter');
          if (logical.includes(')', doc.delimiter.length) && lineStart === physicalStart) {
            end = lineStart;
            next = lineEnd - line.length + doc.delimiter.length;
            break;
          }
        }
        logical = '';
        lineStart = i;
      }
      this.inBody = true;
      this.stack.push({ kind: doc.literal ? 'heredoc-literal' : 'heredoc' });
      this.scan(bodyStart, end);
      this.stack.pop();
      this.inBody = false;
      this.onBody?.({ ...doc, start: bodyStart, end });
      i = next;
    }
    return i;
  }

  /** Whether only keywords (`if`, `!`, `while`, ...) stand between the start of the simple command and `i`. */
  private atCommandStart(f: Extract<Frame, { kind: 'cmd' }>, i: number): boolean {
    return this.code
      .slice(f.seg, i)
      .trim()
      .split(/\s+/)
      .every((w) => w === '' || KEYWORDS.has(w));
  }

  private distrust(why: string): void {
    this.unsure ??= `after ${why}, this scan cannot be sure how bash reads the script`;
  }

  /** The context of a position: the innermost frame's quoting, restricted by every enclosing frame. */
  private context(i: number): ScanContext {
    if (this.unsure) return { kind: 'refuse', why: this.unsure };
    const top = this.stack[this.stack.length - 1];
    let kind: QuoteContext;
    switch (top.kind) {
      case 'cmd':
        kind = 'none';
        break;
      case 'single':
      case 'ansi':
      case 'heredoc':
      case 'heredoc-literal':
        kind = top.kind;
        break;
      case 'double':
        // A string nested in the word of a "${x:-...}" is read like that word.
        kind = this.stack.length > 1 && this.inQuotedParam() ? 'double-param' : 'double';
        break;
      case 'arith':
        kind = 'arith';
        break;
      case 'param':
        if (top.part === 'other') return { kind: 'refuse', why: 'inside a ${...} expansion other than ${name:-word}, ${name:+word}, ${name:=word} or ${name:?word}' };
        kind = top.part === 'arith' ? 'arith' : top.quoted ? 'double-param' : 'none';
        break;
      case 'backtick':
        return { kind: 'refuse', why: 'inside a `...` command substitution, whose text bash parses twice (write $(...) instead)' };
      case 'kept-single':
        return { kind: 'refuse', why: "inside '...' in a \"${name:-...}\" word, which bash reads neither as quoted nor as plain text" };
    }
    // Arithmetic anywhere around the position evaluates what it produces, even through `$(...)`.
    let where: string | undefined;
    let strict: 'arith' | 'name' | undefined = kind === 'arith' ? 'arith' : undefined;
    if (kind === 'arith') where = top.kind === 'param' ? 'a ${name:offset} expansion' : 'an arithmetic expression';
    for (const f of this.stack) {
      const r = f.kind === 'arith' ? { strict: 'arith' as const, where: 'an arithmetic expression' }
        : f.kind === 'param' && f.part === 'arith' ? { strict: 'arith' as const, where: 'a ${name:offset} expansion' }
        : f.kind === 'cmd' ? this.commandRestriction(f, i)
        : undefined;
      if (r && (strict === undefined || (strict === 'name' && r.strict === 'arith'))) {
        strict = r.strict;
        where = r.where;
      }
    }
    if (strict) kind = strict;
    const afterDollar = this.code[i - 1] === '$' && /(^|[^\\])(\\\\)*\$$/.test(this.code.slice(Math.max(0, i - 64), i));
    return { kind, ...(where ? { where } : {}), afterDollar };
  }

  /** Whether the innermost command text around the top frame is the word of a quoted `${...}`. */
  private inQuotedParam(): boolean {
    for (let k = this.stack.length - 2; k >= 0; k--) {
      const f = this.stack[k];
      if (f.kind === 'param') return f.quoted;
      if (f.kind === 'cmd' || f.kind === 'heredoc') return false;
    }
    return false;
  }

  /** Whether the simple command around `i` makes bash evaluate its words as arithmetic or variable names. */
  private commandRestriction(f: Extract<Frame, { kind: 'cmd' }>, i: number): { strict: 'arith' | 'name'; where: string } | undefined {
    const code = this.code;
    if (f.test >= 0) {
      // The operands of -eq/-lt/... in [[ ]] are arithmetic; look to the `]]` after the position (to the end when
      // quotes could hide it).
      const rest = code.slice(i);
      const close = /(?:^|[\s;&|()])\]\](?=[\s;&|()]|$)/.exec(rest);
      const end = close && !/['"]/.test(rest.slice(0, close.index)) ? i + close.index : code.length;
      const test = code.slice(f.test, end);
      if (/(?:^|\s)-(?:eq|ne|lt|le|gt|ge)(?=\s|$)/.test(test)) return { strict: 'arith', where: 'a [[ ... ]] with an arithmetic comparison' };
      if (/(?:^|\s)-[vR](?=\s|$)/.test(test)) return { strict: 'name', where: 'a [[ -v ... ]] test' };
    }
    const word = code.slice(f.word, i);
    if (/^[A-Za-z_][A-Za-z0-9_]*\[[^\]]*$/.test(word)) return { strict: 'arith', where: 'an array subscript' };
    // In `a=([i]=v)` bash expands the subscript, then evaluates the result again: `$(cmd)` alone runs there.
    if (f.compound && /^\[[^\]]*$/.test(word)) return { strict: 'arith', where: 'a subscript in a compound assignment' };
    // Quotes and `\` do not change which builtin runs (`\read` is read); `builtin` and `command` run the next word.
    const words = code.slice(f.seg, f.word).replace(/['"\\]/g, '').trim().split(/\s+/).filter((w) => w !== '');
    let wrapped = false;
    while (words.length > 0) {
      const w = words[0];
      if (!KEYWORDS.has(w) && !WRAPPERS.has(w) && !(wrapped && w.startsWith('-')) && !/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(w)) break;
      wrapped ||= WRAPPERS.has(w);
      words.shift();
    }
    if (words.length === 0) return undefined;
    const command = words[0].replace(/^.*\//, '');
    const prev = words[words.length - 1];
    if (command === 'let') return { strict: 'arith', where: 'a let command' };
    if ((command === 'test' || command === '[' || command === 'printf') && prev === '-v') return { strict: 'name', where: `${command} -v` };
    if (NAME_BUILTINS.has(command)) {
      if (['declare', 'typeset', 'local', 'export', 'readonly'].includes(command) && words.some((w) => /^[-+][a-zA-Z]*i/.test(w)) && word.includes('=')) {
        return { strict: 'arith', where: `${command} -i` };
      }
      // The operand of an option (read -p PROMPT, read -d DELIM) is data; other operands before any `=` are names.
      const takesValue = OPTION_VALUES[command] && new RegExp(`^-[a-zA-Z]*[${OPTION_VALUES[command]}]$`).test(prev);
      if (!word.includes('=') && !word.startsWith('-') && !takesValue) return { strict: 'name', where: `the operands of ${command}` };
    }
    return undefined;
  }
}

/** Which part of `${...}` its text (after `${`) is: the word of :- :+ := :?, an offset (arithmetic), or other. */
function paramPart(after: string): 'word' | 'arith' | 'other' {
  const m = /^[#!]?(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(after);
  if (!m) return 'other';
  const op = after.slice(m[0].length);
  if (/^:?[-=+?]/.test(op)) return 'word';
  if (/^:/.test(op)) return 'arith';
  return 'other';
}
